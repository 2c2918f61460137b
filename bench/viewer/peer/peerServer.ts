// A small static HTTP server on 127.0.0.1 for the viewer-peer benchmark: both viewers' pages, their scripts and
// the input files, from one origin, with the same caching rules on both sides.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pageHtml, type PeerViewer } from './pages';

export interface PeerServer {
  origin: string;
  /** `query`: the page's own parameters (page/timing.ts `check`, page/oursHost.ts `index`). */
  pageUrl(viewer: PeerViewer, file: string, query?: Record<string, string>): string;
  /** Every path requested since the last call, in order. */
  takeRequests(): string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.html': 'text/html',
};

/** `roots` maps the first path segment (e.g. 'dist') to a folder. */
export async function startPeerServer(roots: Record<string, string>): Promise<PeerServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const viewer = url.pathname.slice(1);
    if (viewer === 'ours' || viewer === 'niivue') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(pageHtml(viewer, `/files/${encodeURIComponent(url.searchParams.get('file') ?? '')}`));
      return;
    }
    const [, top = '', ...rest] = url.pathname.split('/');
    const root = roots[top];
    const path = root ? normalize(join(root, ...rest.map(decodeURIComponent))) : '';
    if (!root || !path.startsWith(root + sep)) return notFound(res);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return notFound(res);
    }
    if (!stat.isFile()) return notFound(res);
    const modified = stat.mtime.toUTCString();
    // Revalidated on every load, for the pages' scripts and the images alike; .nii.gz stays gzip bytes
    // (no Content-Encoding), so each viewer gunzips it itself.
    const headers = { 'Cache-Control': 'no-cache', 'Last-Modified': modified };
    if (req.headers['if-modified-since'] === modified) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Length': stat.size });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (viewer, file, query = {}) => `${origin}/${viewer}?${new URLSearchParams({ file, ...query }).toString()}`,
    takeRequests: () => requests.splice(0),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function notFound(res: import('node:http').ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}
