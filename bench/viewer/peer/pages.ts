// The two benchmark pages, as HTML served by peerServer.ts. Both preload the file they show and load one
// script bundle at the end of <body>; ours is laid out as src/panels/webviewHtml.ts lays out the webview
// (without its CSP, which needs VS Code's resource loader) and started by the stand-in host of page/oursHost.ts.

export type PeerViewer = 'ours' | 'niivue';

/** URL paths the server maps: /dist and /media from the repository, /peer the bundled pages, /files the inputs. */
export function pageHtml(viewer: PeerViewer, fileUrl: string): string {
  const file = escapeAttr(fileUrl);
  if (viewer === 'niivue') {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>niivue</title>
<link rel="preload" as="fetch" crossorigin="anonymous" href="${file}">
<style>html, body { margin: 0; height: 100%; overflow: hidden; background: #000; } #holder { position: fixed; inset: 0; }</style>
</head>
<body data-file-url="${file}">
<div id="holder"><canvas id="gl"></canvas></div>
<script src="/peer/niivue.js"></script>
</body>
</html>`;
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>Voxel Lab Viewer</title>
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="/dist/codicons/codicon.css">
<link rel="stylesheet" href="/media/viewer.css">
<link rel="preload" as="fetch" crossorigin="anonymous" href="/dist/webview/viewerWorker.js">
<link rel="preload" as="fetch" crossorigin="anonymous" href="${file}">
</head>
<body data-worker-url="/dist/webview/viewerWorker.js" data-file-url="${file}" data-dist-base="/dist/webview/">
<div id="app" role="main"></div>
<script src="/peer/oursHost.js"></script>
<script src="/dist/webview/viewer.js"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
