import * as vscode from 'vscode';
import { RpcEndpoint, type MethodMap } from '../core/protocol/rpc';
import { DisposableStore } from '../core/lifecycle';

/** The host end of a webview's typed protocol; closes (rejecting pending requests) with the panel. */
export function connectWebview<Out extends MethodMap, In extends MethodMap, OutEvent, InEvent>(
  webview: vscode.Webview,
  store: DisposableStore,
): RpcEndpoint<Out, In, OutEvent, InEvent> {
  // VS Code moves typed-array buffers to the page efficiently itself; a transfer list does not apply here.
  const endpoint = new RpcEndpoint<Out, In, OutEvent, InEvent>((m) => void webview.postMessage(m));
  store.add(webview.onDidReceiveMessage((m: unknown) => endpoint.receive(m)));
  store.add({ dispose: () => endpoint.close() });
  return endpoint;
}
