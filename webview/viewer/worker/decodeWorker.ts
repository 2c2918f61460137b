import { RpcEndpoint } from '../../../src/core/protocol/rpc';
import type { ImageWorkerMethods, ImageWorkerPageMethods } from '../../../src/core/protocol/imageWorker';
import { configureCodecs } from '../../../src/core/dicom';
import { openImage, type OpenedImage } from '../../../src/core/files/openImage';

declare const self: {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
};

const page = new RpcEndpoint<ImageWorkerPageMethods, ImageWorkerMethods, never, never>((m, transfer) => self.postMessage(m, transfer ?? []));
self.addEventListener('message', (e) => page.receive(e.data));

// The page fetches codec binaries for us (see ImageWorkerPageMethods).
configureCodecs({ loadWasm: (file) => page.request('fetchAsset', { file }) });

let current: OpenedImage | null = null;

page.setHandlers({
  open: async ({ name, bytes }) => {
    current = null;
    current = await openImage(bytes, name);
    return current.summary;
  },
  frame: async ({ index, initialWindow }) => {
    if (!current) throw new Error('frame requested before open');
    return current.frame(index, initialWindow);
  },
});
