// What each benchmark page reports, and how. Both pages time against the same clock: performance.now(), whose
// origin is the page's navigation start, so script download, parse and start-up count the same on both sides.

/** One page load, as the page saw it. Times are ms since navigation start. */
export interface PeerSample {
  viewer: 'ours' | 'niivue';
  /** The page's entry module starts running (the modules it imports have been evaluated). */
  scriptMs: number;
  /** The viewer is set up and holds the file's bytes: from here on it decodes and draws. */
  readyMs: number;
  /** The image is in the canvas: the draw call that put it there has returned (niivue: after gl.finish()). */
  drawnMs: number;
  /** The next frame that shows it has been rendered on the page's side: style, layout and paint are done. */
  frameMs: number;
  /** Only when the page was loaded with ?check=1 (the untimed warm-up): what the canvas holds. */
  check?: CanvasCheck;
}

/** A plausibility check of the drawn canvas: how many of its pixels are grey and not black (the image). */
export interface CanvasCheck {
  width: number;
  height: number;
  greyPixels: number;
  /** WebGL renderer string (niivue), or '2d' (ours). */
  renderer: string;
}

export type PeerResult = { ok: true; sample: PeerSample } | { ok: false; error: string };

declare global {
  interface Window {
    /** Set once when the page is done; the benchmark waits for it. */
    peerResult?: PeerResult;
  }
}

/** The page was loaded with ?check=1: check what the canvas holds (after the timed moments). */
export const wantCheck = (): boolean => new URLSearchParams(location.search).get('check') === '1';

/** The event a page fires on window once peerResult is set, so the benchmark waits without polling the page. */
export const RESULT_EVENT = 'peer-result';

export function report(sample: PeerSample): void {
  settle({ ok: true, sample });
}

export function fail(e: unknown): void {
  settle({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
}

function settle(result: PeerResult): void {
  if (window.peerResult) return;
  window.peerResult = result;
  window.dispatchEvent(new Event(RESULT_EVENT));
}

/**
 * Resolves with performance.now() once the next frame has been rendered: a task posted from its
 * requestAnimationFrame callback runs after that frame's style, layout and paint (compositing is not included).
 */
export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
}

/** Counts the grey, non-black pixels of RGBA bytes (both viewers show these images in a grey scale). */
export function countGrey(rgba: Uint8Array | Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i] as number;
    if (r > 0 && r === rgba[i + 1] && r === rgba[i + 2]) n++;
  }
  return n;
}
