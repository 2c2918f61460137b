// The viewer's Web Worker: decodes and renders off the page's thread; the page only paints.
import { RpcEndpoint, withTransfer } from '../../../src/core/protocol/rpc';
import type { ImageWorkerMethods, ImageWorkerPageMethods } from '../../../src/core/protocol/imageWorker';
import { configureCodecs } from '../../../src/core/dicom';
import { ImageError } from '../../../src/core/errors';
import { openViewable } from '../../../src/core/viewer/openViewable';
import { SeriesSession } from '../../../src/core/viewer/seriesSession';
import type { ViewableImage } from '../../../src/core/viewer/viewableImage';

declare const self: {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

const page = new RpcEndpoint<ImageWorkerPageMethods, ImageWorkerMethods, never, never>((m, transfer) => self.postMessage(m, transfer ?? []));
self.addEventListener('message', (e) => page.receive(e.data));

// The page fetches codec binaries for us (see ImageWorkerPageMethods).
configureCodecs({ loadWasm: (file) => page.request('fetchAsset', { file }) });

let current: ViewableImage | null = null;
let series: SeriesSession | null = null;

const image = (): ViewableImage => {
  if (!current) throw new ImageError('image-no-files', 'No image is open yet.');
  return current;
};

page.setHandlers({
  open: async ({ name, bytes }) => {
    current = null;
    series = null;
    current = await openViewable(bytes, name);
    return current.summary;
  },
  beginSeries: async ({ name }) => {
    current = null;
    series = new SeriesSession(name);
    return null;
  },
  addFiles: async ({ files }) => {
    if (!series) throw new ImageError('image-no-files', 'addFiles before beginSeries.');
    const before = series.failed.length;
    series.add(files);
    const failed = series.failed.slice(before);
    if (series.count === 0) return { loaded: 0, failed, summary: null };
    current = await series.stack();
    return { loaded: series.count, failed, summary: current.summary };
  },
  finishSeries: async () => {
    if (!series) throw new ImageError('image-no-files', 'finishSeries before beginSeries.');
    current = await series.finish();
    return current.summary;
  },
  render: async (request) => {
    const result = await image().render(request);
    return withTransfer(result, [result.image.data.buffer]);
  },
  probe: (request) => image().probe(request),
  tags: ({ index }) => image().tags(index),
});
