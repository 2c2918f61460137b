import { connectHost } from '../common/hostBridge';
import { startWorker } from '../common/workerClient';
import { codicon, el } from '../common/dom';
import { ImageCanvas } from './imageCanvas';
import type { ErrorPayload } from '../../src/core/errors';
import type { ImageSummary, ImageWorkerMethods, ImageWorkerPageMethods } from '../../src/core/protocol/imageWorker';
import { withTransfer } from '../../src/core/protocol/rpc';
import type {
  HostToViewerEvent,
  ViewerDescription,
  ViewerFile,
  ViewerHostMethods,
  ViewerPageMethods,
  ViewerSettings,
  ViewerState,
  ViewerToHostEvent,
} from '../../src/core/protocol/viewer';

const startedAt = performance.now();
const body = document.body;
const app = document.getElementById('app') as HTMLElement;

const { host, getState, setState } = connectHost<ViewerPageMethods, ViewerHostMethods, ViewerToHostEvent, HostToViewerEvent, ViewerState>();
const distBase = body.dataset.distBase ?? '';
const workerReady = startWorker<ImageWorkerMethods, ImageWorkerPageMethods>(body.dataset.workerUrl ?? '', {
  fetchAsset: async ({ file }) => {
    if (!/^[\w.-]+\.wasm$/.test(file)) throw new Error(`not a codec file: ${file}`);
    const r = await fetch(`${distBase}wasm/${file}`);
    if (!r.ok) throw new Error(`codec ${file} could not be loaded (${r.status})`);
    const buffer = await r.arrayBuffer();
    return withTransfer(buffer, [buffer]);
  },
});

const viewport = el('div', { class: 'viewport', tabindex: '0', 'aria-label': 'Image' });
const status = el('div', { class: 'status', role: 'status' }, 'Loading…');
const overlays = { tl: el('div', { class: 'overlay tl' }), tr: el('div', { class: 'overlay tr' }), bl: el('div', { class: 'overlay bl' }), br: el('div', { class: 'overlay br' }) };
viewport.append(status, overlays.tl, overlays.tr, overlays.bl, overlays.br);
app.append(viewport);
const canvas = new ImageCanvas(viewport);

let summary: ImageSummary | null = null;
let error: ErrorPayload | null = null;

host.setHandlers({
  describeView: (): ViewerDescription => ({
    format: summary?.format ?? null,
    width: body.dataset.state === 'rendered' ? canvas.canvas.width : 0,
    height: body.dataset.state === 'rendered' ? canvas.canvas.height : 0,
    modality: summary?.modality ?? null,
    error,
  }),
});

host.onEvent((e) => {
  if (e.type === 'open') void open(e.file, e.bytes, e.settings);
  else showError(e.file, e.error);
});
host.emit({ type: 'ready', restored: getState() });

async function open(file: ViewerFile, bytes: Uint8Array, settings: ViewerSettings): Promise<void> {
  body.dataset.file = file.name;
  canvas.smoothing = settings.smoothing;
  try {
    const { endpoint: worker } = await workerReady;
    summary = await worker.request('open', { name: file.name, bytes }, [bytes.buffer]);
    const restored = getState();
    const index = Math.min(restored?.frame ?? 0, summary.frames - 1);
    const frame = await worker.request('frame', { index, initialWindow: settings.initialWindow });
    canvas.setPixelSpacing(summary.pixelSpacing);
    canvas.paint(frame.image);
    status.hidden = true;
    showOverlays(summary, index, frame.window);
    setState({ frame: index });
    body.dataset.state = 'rendered';
    host.emit({ type: 'rendered', ms: performance.now() - startedAt, width: frame.image.width, height: frame.image.height, format: summary.format });
  } catch (e) {
    const payload = errorPayload(e);
    showError(file, payload);
  }
}

function showOverlays(s: ImageSummary, index: number, window: { center: number; width: number } | null): void {
  const spacing = s.pixelSpacing ? `${fmt(s.pixelSpacing[1])} × ${fmt(s.pixelSpacing[0])} mm` : 'spacing not stated';
  overlays.tl.textContent = [s.description, s.modality ?? (s.format === 'nifti' ? 'NIfTI' : 'DICOM'), `${s.width} × ${s.height}`].filter(Boolean).join('\n');
  overlays.tr.textContent = [s.encoding, s.pixelKind].filter(Boolean).join('\n');
  overlays.bl.textContent = window ? `W ${fmt(window.width)}  L ${fmt(window.center)}` : '';
  overlays.br.textContent = [`pixel ${spacing}`, s.frames > 1 ? `${s.format === 'nifti' ? 'slice' : 'frame'} ${index + 1} / ${s.frames}` : ''].filter(Boolean).join('\n');
}

function showError(file: ViewerFile, e: ErrorPayload): void {
  body.dataset.file = file.name;
  error = e;
  summary = null;
  viewport.hidden = true;
  app.append(
    el('div', { class: 'error', role: 'alert' }, codicon('error'),
      el('div', {}, el('div', {}, `${file.name} cannot be shown. ${e.message}`), el('div', { class: 'code' }, e.code))),
  );
  body.dataset.state = 'error';
  host.emit({ type: 'failed', error: e });
}

function errorPayload(e: unknown): ErrorPayload {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    return { code: String((e as { code: unknown }).code), message: String((e as { message: unknown }).message) };
  }
  const detail = e instanceof Error ? e.message : String(e);
  host.emit({ type: 'log', level: 'error', message: `unexpected: ${e instanceof Error ? (e.stack ?? detail) : detail}` });
  return { code: 'internal', message: `Unexpected failure while decoding (${detail}).` };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 10 ? 3 : 1).replace(/0+$/, '').replace(/\.$/, '');
}
