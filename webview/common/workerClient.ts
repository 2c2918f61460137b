import type { ErrorPayload } from '../../src/core/errors';
import { RpcEndpoint, type Handlers, type MethodMap } from '../../src/core/protocol/rpc';

/**
 * Starts a bundled worker script inside a webview. Only the page itself is served by the webview's
 * resource loader, so the page fetches the script and starts it from a blob; the worker asks the page
 * (`pageHandlers`) for any other file it needs.
 */
export async function startWorker<Out extends MethodMap, In extends MethodMap, InEvent = never>(
  scriptUrl: string,
  pageHandlers: Handlers<In>,
  onCrash: (error: ErrorPayload) => void,
): Promise<{ endpoint: RpcEndpoint<Out, In, never, InEvent>; worker: Worker }> {
  const response = await fetch(scriptUrl);
  if (!response.ok) throw new Error(`the viewer's worker script could not be loaded (${response.status})`);
  const blobUrl = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl);
  URL.revokeObjectURL(blobUrl);
  const endpoint = new RpcEndpoint<Out, In, never, InEvent>((m, transfer) => worker.postMessage(m, transfer ?? []));
  endpoint.setHandlers(pageHandlers);
  worker.addEventListener('message', (e: MessageEvent<unknown>) => endpoint.receive(e.data));
  // A worker that dies (out of memory, a codec abort) would leave every request unanswered: fail them all.
  const crashed = (detail: string) => {
    const error = { code: 'worker-crashed', message: `The decoding worker stopped (${detail}); close and reopen the file.` };
    endpoint.close(error);
    worker.terminate();
    onCrash(error);
  };
  worker.addEventListener('error', (e) => crashed(e.message || 'an error'));
  worker.addEventListener('messageerror', () => crashed('a message could not be read'));
  return { endpoint, worker };
}
