import { connectHost } from '../common/hostBridge';
import { startWorker } from '../common/workerClient';
import { ViewerApp } from './app';
import { loadSeriesFiles, type SeriesFileRef } from './seriesLoader';
import type { ErrorPayload } from '../../src/core/errors';
import type { ImageWorkerEvent, ImageWorkerMethods, ImageWorkerPageMethods } from '../../src/core/protocol/imageWorker';
import { withTransfer } from '../../src/core/protocol/rpc';
import type { HostToViewerEvent, ViewerHostMethods, ViewerPageMethods, ViewerSettings, ViewerState, ViewerToHostEvent } from '../../src/core/protocol/viewer';

const startedAt = performance.now();
const body = document.body;
const mount = document.getElementById('app') as HTMLElement;
mount.append(Object.assign(document.createElement('div'), { className: 'status-message', textContent: 'Loading…' }));

const { host, getState, setState } = connectHost<ViewerHostMethods, ViewerPageMethods, ViewerToHostEvent, HostToViewerEvent, ViewerState>();
const distBase = body.dataset.distBase ?? '';
// The file streams in while the script and the worker start (its URL is preloaded by the page's HTML).
const fileFetch: Promise<ArrayBuffer | null> = body.dataset.fileUrl
  ? fetch(body.dataset.fileUrl).then((r) => (r.ok ? r.arrayBuffer() : null), () => null)
  : Promise.resolve(null);
const workerReady = startWorker<ImageWorkerMethods, ImageWorkerPageMethods, ImageWorkerEvent>(body.dataset.workerUrl ?? '', {
  fetchAsset: async ({ file }) => {
    if (!/^[\w.-]+\.wasm$/.test(file)) throw new Error(`not a codec file: ${file}`);
    const r = await fetch(`${distBase}wasm/${file}`);
    if (!r.ok) throw new Error(`codec ${file} could not be loaded (${r.status})`);
    const buffer = await r.arrayBuffer();
    return withTransfer(buffer, [buffer]);
  },
}, (error) => fail(body.dataset.file ?? 'The image', error));

let app: ViewerApp | null = null;
let failure: ErrorPayload | null = null;
const restored = getState();
let seriesSource: ViewerState['series'];

host.setHandlers({
  describeView: () => app?.describe() ?? { format: null, width: 0, height: 0, modality: null, count: 0, index: 0, error: failure },
});

host.onEvent((e) => {
  if (e.type === 'open') void openFile(e.file.name, e.settings);
  else if (e.type === 'openSeries') void openSeries(e.title, e.files, e.uris, e.settings);
  else fail(e.file.name, e.error);
});
host.emit({ type: 'ready', ...(restored ? { restored } : {}) });

async function makeApp(settings: ViewerSettings): Promise<ViewerApp> {
  const { endpoint } = await workerReady;
  const a = new ViewerApp(endpoint, restored, settings, {
    saveState: (s) => setState({ ...s, ...(seriesSource ? { series: seriesSource } : {}) }),
    copyText: (text) => void host.request('copyText', { text }),
    log: (message) => host.emit({ type: 'log', level: 'info', message }),
  });
  mount.replaceChildren(a.root);
  return a;
}

async function openFile(name: string, settings: ViewerSettings): Promise<void> {
  body.dataset.file = name;
  try {
    const fetched = await fileFetch;
    const bytes = fetched ? new Uint8Array(fetched) : await host.request('readFile', {});
    const a = (app = await makeApp(settings));
    const { endpoint: worker } = await workerReady;
    // The page can decode from here on: the moment the first-pixel goal counts from.
    const openedAt = performance.now();
    const { summary, first } = await worker.request('open', { name, bytes, first: a.firstRequest() }, [bytes.buffer]);
    await a.show(summary, false, first, () => rendered(summary.format, openedAt, summary.views.stack?.width ?? 0, summary.views.stack?.height ?? 0));
    body.dataset.state = 'rendered';
  } catch (e) {
    fail(name, errorPayload(e));
  }
}

/** Past this, a series is not loaded further: the page holds the files while parsing, then the volume. */
const MAX_SERIES_BYTES = 3 * 2 ** 30;

async function openSeries(title: string, files: SeriesFileRef[], uris: string[], settings: ViewerSettings): Promise<void> {
  const openedAt = performance.now();
  body.dataset.file = title;
  seriesSource = { title, uris };
  try {
    const a = (app = await makeApp(settings));
    const { endpoint: worker } = await workerReady;
    const total = files.length;
    await worker.request('beginSeries', { name: title, total });
    let shown = false;
    let failed = 0;
    let bytesSeen = 0;
    let batch: { name: string; bytes: Uint8Array }[] = [];
    let batchBytes = 0;
    // The first file alone, so its slice shows at once; then batches of ~16 MB while the next files stream in.
    const flush = async () => {
      if (batch.length === 0) return;
      const files = batch;
      batch = [];
      batchBytes = 0;
      const r = await worker.request('addFiles', { files, ...(shown ? {} : { first: a.firstRequest() }) }, files.map((f) => f.bytes.buffer));
      failed += r.failed.length;
      if (r.summary) {
        const s = r.summary;
        await a.show(s, shown, r.first, shown ? undefined : () => rendered('dicom', openedAt, s.views.stack?.width ?? 0, s.views.stack?.height ?? 0));
        shown = true;
        body.dataset.state = 'rendered';
      }
    };
    for await (const f of loadSeriesFiles(files, (index) => host.request('readSeriesFile', { index }))) {
      if (f.bytes) {
        bytesSeen += f.bytes.byteLength;
        if (bytesSeen > MAX_SERIES_BYTES) {
          a.addWarning(`Stopped after ${f.index} of ${total} files: the series passes ${MAX_SERIES_BYTES / 2 ** 30} GiB; open a sub-folder or fewer files.`);
          break;
        }
        batch.push({ name: f.name, bytes: f.bytes });
        batchBytes += f.bytes.byteLength;
      } else {
        failed++;
        host.emit({ type: 'log', level: 'warn', message: `${f.name} could not be read: ${f.error ?? 'unknown error'}` });
      }
      if (!shown || batchBytes >= 16 * 2 ** 20) await flush();
      a.setProgress(f.index + 1, total);
    }
    await flush();
    if (!shown) throw { code: 'image-no-files', message: `${title} holds no readable DICOM image (${failed} file(s) skipped).` };
    a.setProgress(1, 1);
    const progress = worker.onEvent((e) => a.setProgress(e.done, e.total, e.label));
    try {
      await a.show(await worker.request('finishSeries', {}), true);
    } catch (e) {
      // The stack stays usable; only the three planes are missing.
      a.addWarning(`No volume (and so no planes): ${errorPayload(e).message}`);
    } finally {
      progress.dispose();
      a.setProgress(1, 1);
    }
    const ms = performance.now() - openedAt;
    body.dataset.seriesLoadedMs = ms.toFixed(1);
    body.dataset.seriesLoadedAt = String(Date.now());
    host.emit({ type: 'seriesLoaded', ms, files: files.length, failed });
  } catch (e) {
    fail(title, errorPayload(e));
  }
}

/** The first pixel is on the canvas: record when (benchmarks), tell the host. `data-state` follows once the UI is built. */
function rendered(format: string, openedAt: number, width: number, height: number): void {
  const now = performance.now();
  // Timings for benchmarks: from the page's script start, and from the moment the page is ready (its worker
  // up and the bytes in hand), to the first pixel.
  body.dataset.scriptToPaintMs = (now - startedAt).toFixed(1);
  body.dataset.readyToPaintMs = (now - openedAt).toFixed(1);
  body.dataset.paintedAt = String(Date.now());
  host.emit({ type: 'rendered', ms: now - startedAt, sinceOpenMs: now - openedAt, width, height, format });
}

function fail(name: string, e: ErrorPayload): void {
  body.dataset.file = name;
  failure = e;
  if (app) app.showError(e, name);
  else {
    const holder = document.createElement('div');
    mount.replaceChildren(holder);
    holder.className = 'error';
    holder.setAttribute('role', 'alert');
    const text = document.createElement('div');
    text.className = 'error-text';
    text.textContent = `${name} cannot be shown. ${e.message}`;
    const code = document.createElement('div');
    code.className = 'code';
    code.textContent = e.code;
    holder.append(text, code);
  }
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
