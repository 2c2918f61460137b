// Stands in for VS Code around our viewer page (dist/webview/viewer.js) outside code-server, so that both
// viewers load as plain pages from the same server: acquireVsCodeApi() answers the page's `ready` with the
// `open` event the extension host sends (src/panels/viewerSession.ts), and catches its `rendered` event,
// which the page emits synchronously right after it has put the first image into its canvas.
// A classic script that runs before viewer.js.
//
// Ours opens a volume at its first slice, niivue at the middle one. So that both draw the same slice, the page's
// URL may name a slice (?index=N): getState() then returns a saved state holding only that slice index, as
// VS Code hands back a tab's saved state; the page merges it into its defaults and renders that slice first.
import type { Envelope } from '../../../../src/core/protocol/rpc';
import type { HostToViewerEvent, ViewerState, ViewerToHostEvent } from '../../../../src/core/protocol/viewer';
import { countGrey, fail, nextFrame, report, wantCheck, type CanvasCheck } from './timing';

declare global {
  interface Window {
    acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
  }
}

const fileUrl = document.body.dataset.fileUrl ?? '';
const name = decodeURIComponent(fileUrl.split('/').pop() ?? fileUrl);
const index = new URLSearchParams(location.search).get('index');
const saved = index === null ? undefined : ({ indices: { stack: Number(index) } } as Partial<ViewerState>);

function toPage(event: HostToViewerEvent): void {
  window.postMessage({ kind: 'event', event } satisfies Envelope<HostToViewerEvent>, '*');
}

function fromPage(m: Envelope<ViewerToHostEvent>): void {
  if (m.kind === 'request') {
    // The page fetches the file from data-file-url itself; a request here means it could not.
    fail(new Error(`the viewer page asked the host for "${m.method}"`));
    return;
  }
  if (m.kind !== 'event') return;
  const e = m.event;
  if (e.type === 'ready') {
    toPage({ type: 'open', file: { name, uri: new URL(fileUrl, location.href).href, byteLength: 0 }, settings: { initialWindow: 'file', smoothing: false } });
  } else if (e.type === 'rendered') {
    const drawnMs = performance.now();
    // `ms` counts from the page's script start, `sinceOpenMs` from the moment its worker was up and the bytes in hand.
    const times = { scriptMs: drawnMs - e.ms, readyMs: drawnMs - e.sinceOpenMs, drawnMs };
    void nextFrame().then((frameMs) => {
      const check = wantCheck() ? checkCanvas() : undefined;
      report({ viewer: 'ours', ...times, frameMs, ...(check ? { check } : {}) });
    });
  } else if (e.type === 'failed') {
    fail(new Error(`${e.error.message} [${e.error.code}]`));
  }
}

function checkCanvas(): CanvasCheck {
  const canvas = document.querySelector('canvas');
  if (!canvas) return { width: 0, height: 0, greyPixels: 0, renderer: '2d' };
  const ctx = canvas.getContext('2d');
  const data = ctx ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
  return { width: canvas.width, height: canvas.height, greyPixels: countGrey(data), renderer: '2d' };
}

window.acquireVsCodeApi = () => ({
  postMessage: (m: unknown) => fromPage(m as Envelope<ViewerToHostEvent>),
  getState: () => saved,
  setState: () => undefined,
});
