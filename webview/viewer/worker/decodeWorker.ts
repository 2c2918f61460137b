// The viewer's Web Worker: decodes and renders off the page's thread; the page only paints.
import { RpcEndpoint, withTransfer } from '../../../src/core/protocol/rpc';
import type { ImageWorkerEvent, ImageWorkerMethods, ImageWorkerPageMethods, RenderRequest } from '../../../src/core/protocol/imageWorker';
import { configureCodecs } from '../../../src/core/dicom';
import { ImageError } from '../../../src/core/errors';
import { openViewable } from '../../../src/core/viewer/openViewable';
import { SeriesSession } from '../../../src/core/viewer/seriesSession';
import type { ViewableImage } from '../../../src/core/viewer/viewableImage';

declare const self: {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

const page = new RpcEndpoint<ImageWorkerPageMethods, ImageWorkerMethods, ImageWorkerEvent, never>((m, transfer) => self.postMessage(m, transfer ?? []));
self.addEventListener('message', (e) => page.receive(e.data));

// The page fetches codec binaries for us (see ImageWorkerPageMethods).
configureCodecs({ loadWasm: (file) => page.request('fetchAsset', { file }) });

let current: ViewableImage | null = null;

/** The summary, plus the first view rendered in the same round trip when the page asks (its first pixel). */
async function withFirstRender<T extends object>(image: ViewableImage, first: RenderRequest | undefined, rest: T) {
  if (!first) return { ...rest, summary: image.summary, first: null };
  const view = image.summary.views[first.view] ? first.view : 'stack';
  const count = image.summary.views[view]?.count ?? 1;
  // A negative index asks for the default view: a DICOM stack's first frame, else the middle slice (as the page does).
  const index = first.index < 0 ? (view === 'stack' && image.summary.format === 'dicom' ? 0 : Math.floor(count / 2)) : Math.min(first.index, count - 1);
  const rendered = await image.render({ ...first, view, index });
  return withTransfer({ ...rest, summary: image.summary, first: rendered }, [rendered.image.data.buffer]);
}
let series: SeriesSession | null = null;

const image = (): ViewableImage => {
  if (!current) throw new ImageError('image-no-files', 'No image is open yet.');
  return current;
};

page.setHandlers({
  open: async ({ name, bytes, first }) => {
    current = null;
    series = null;
    current = await openViewable(bytes, name);
    return withFirstRender(current, first, {});
  },
  beginSeries: async ({ name }) => {
    current = null;
    series = new SeriesSession(name);
    return null;
  },
  addFiles: async ({ files, first }) => {
    if (!series) throw new ImageError('image-no-files', 'addFiles before beginSeries.');
    const before = series.failed.length;
    series.add(files);
    const failed = series.failed.slice(before);
    if (series.count === 0) return { loaded: 0, failed, summary: null, first: null };
    current = await series.stack();
    return withFirstRender(current, first, { loaded: series.count, failed });
  },
  finishSeries: async () => {
    if (!series) throw new ImageError('image-no-files', 'finishSeries before beginSeries.');
    current = await series.finish({ onProgress: (done, total) => page.emit({ type: 'progress', done, total, label: 'Building the volume' }) });
    return current.summary;
  },
  render: async (request) => {
    const result = await image().render(request);
    return withTransfer(result, [result.image.data.buffer]);
  },
  probe: (request) => image().probe(request),
  tags: ({ index }) => image().tags(index),
});
