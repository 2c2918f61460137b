import { RpcEndpoint, type MethodMap } from '../../src/core/protocol/rpc';

interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

/** The page's end of its typed protocol with the extension host, plus the webview state store. */
export function connectHost<Out extends MethodMap, In extends MethodMap, OutEvent, InEvent, S>(): {
  host: RpcEndpoint<Out, In, OutEvent, InEvent>;
  getState(): S | undefined;
  setState(state: S): void;
} {
  const api = acquireVsCodeApi<S>();
  const host = new RpcEndpoint<Out, In, OutEvent, InEvent>((m) => api.postMessage(m));
  window.addEventListener('message', (e: MessageEvent<unknown>) => host.receive(e.data));
  return { host, getState: () => api.getState(), setState: (s) => api.setState(s) };
}
