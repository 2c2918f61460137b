import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh, unguessable nonce per page load: the only scripts that run are the ones carrying it. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export interface PageOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  title: string;
  /** Bundle name under dist/webview, e.g. 'viewer'. */
  script: string;
  /** data-* attributes for <body>: URLs the page needs (worker script, codec folder). */
  data?: Record<string, string>;
  /** URLs the page will fetch at once (its worker script, the file it shows): fetched while its script loads. */
  preload?: string[];
  bodyHtml: string;
}

/**
 * A webview page with a strict CSP: nothing remote, scripts only by nonce, workers only from blob: (the
 * page wraps our worker bundle in a blob because webviews may not start workers from resource URLs), WASM
 * compilation allowed for the image codecs.
 */
export function webviewPage(o: PageOptions): string {
  const nonce = makeNonce();
  const src = o.webview.cspSource;
  const asset = (...p: string[]) => o.webview.asWebviewUri(vscode.Uri.joinPath(o.extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${src} data: blob:`,
    `style-src ${src} 'nonce-${nonce}'`,
    `font-src ${src}`,
    // Scripts run by nonce only, not by origin: the page may fetch the image it shows, never run it.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `worker-src blob:`,
    `connect-src ${src}`,
  ].join('; ');
  const data = Object.entries({ ...o.data, distBase: asset('dist', 'webview') + '/' })
    .map(([k, v]) => ` data-${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}="${escapeAttr(v)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}" nonce="${nonce}">
<link rel="stylesheet" href="${asset('media', `${o.script}.css`)}" nonce="${nonce}">
${(o.preload ?? []).map((u) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeAttr(u)}">`).join('\n')}
<title>${escapeAttr(o.title)}</title>
</head>
<body${data}>
${o.bodyHtml}
<script nonce="${nonce}" src="${asset('dist', 'webview', `${o.script}.js`)}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
