import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import type { ErrorPayload } from '../core/errors';
import type {
  HostToViewerEvent,
  ViewerDescription,
  ViewerFile,
  ViewerHostMethods,
  ViewerPageMethods,
  ViewerSettings,
  ViewerToHostEvent,
} from '../core/protocol/viewer';
import { connectWebview } from '../panels/webviewChannel';
import { webviewPage } from '../panels/webviewHtml';
import { ImageDocument } from './imageDocument';
import type { RpcEndpoint } from '../core/protocol/rpc';

/** Past this, a webview cannot hold the file; the viewer says so instead of crashing the renderer. */
export const MAX_VIEWER_BYTES = 2 ** 31 - 1;

type ViewerEndpoint = RpcEndpoint<ViewerPageMethods, ViewerHostMethods, HostToViewerEvent, ViewerToHostEvent>;

/** The Voxel Lab image viewer for .dcm, .dicom, .nii and .nii.gz (and any file through "Open With…"). */
export class ImageEditorProvider implements vscode.CustomReadonlyEditorProvider<ImageDocument> {
  static readonly viewType = 'voxelLab.imageViewer';
  private readonly views = new Map<string, ViewerEndpoint>();
  private readonly renderedListeners = new Set<(uri: string) => void>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): ImageDocument {
    return new ImageDocument(uri);
  }

  resolveCustomEditor(document: ImageDocument, panel: vscode.WebviewPanel): void {
    const store = new DisposableStore();
    panel.onDidDispose(() => store.dispose());
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    panel.webview.html = webviewPage({
      webview: panel.webview,
      extensionUri: this.extensionUri,
      title: 'Voxel Lab Viewer',
      script: 'viewer',
      data: { workerUrl: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'viewerWorker.js')).toString() },
      bodyHtml: '<div id="app" role="main"></div>',
    });
    const endpoint: ViewerEndpoint = connectWebview(panel.webview, store);
    const key = document.uri.toString();
    this.views.set(key, endpoint);
    store.add({ dispose: () => this.views.get(key) === endpoint && this.views.delete(key) });
    store.add(
      endpoint.onEvent((e) => {
        switch (e.type) {
          case 'ready':
            void this.sendFile(document.uri, endpoint);
            return;
          case 'rendered':
            this.log.info(`viewer: ${document.uri.fsPath} on screen ${e.width}×${e.height} (${e.format}) after ${e.ms.toFixed(0)} ms`);
            for (const l of this.renderedListeners) l(key);
            return;
          case 'failed':
            this.log.warn(`viewer: ${document.uri.fsPath}: ${e.error.message} [${e.error.code}]`);
            for (const l of this.renderedListeners) l(key);
            return;
          case 'log':
            this.log[e.level](`viewer: ${e.message}`);
            return;
        }
      }),
    );
  }

  /** Test hook: what the open viewer of `uri` shows, once it has drawn or failed. */
  async describe(uri: vscode.Uri, timeoutMs = 30000): Promise<ViewerDescription> {
    const key = uri.toString();
    const ask = async () => this.views.get(key)?.request('describeView', {});
    const first = await ask().catch(() => undefined);
    if (first && (first.width > 0 || first.error)) return first;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { this.renderedListeners.delete(l); reject(new Error(`viewer for ${key} did not render in ${timeoutMs} ms`)); }, timeoutMs);
      const l = (k: string) => { if (k === key) { clearTimeout(timer); this.renderedListeners.delete(l); resolve(); } };
      this.renderedListeners.add(l);
    });
    const d = await ask();
    if (!d) throw new Error(`no viewer open for ${key}`);
    return d;
  }

  private async sendFile(uri: vscode.Uri, endpoint: ViewerEndpoint): Promise<void> {
    const file: ViewerFile = { name: uri.path.split('/').pop() ?? uri.path, uri: uri.toString(), byteLength: 0 };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      file.byteLength = stat.size;
      if (stat.size > MAX_VIEWER_BYTES) {
        endpoint.emit({ type: 'openFailed', file, error: tooLarge(file.name, stat.size) });
        return;
      }
      const read = await vscode.workspace.fs.readFile(uri);
      // A Node Buffer would be JSON-serialised through Buffer.toJSON (an array of numbers); a plain
      // Uint8Array view of the same memory is what VS Code sends to the webview as binary.
      const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
      endpoint.emit({ type: 'open', file, bytes, settings: viewerSettings() });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      endpoint.emit({ type: 'openFailed', file, error: { code: 'image-read-failed', message: `${file.name} could not be read: ${message}` } });
    }
  }
}

function viewerSettings(): ViewerSettings {
  const c = vscode.workspace.getConfiguration('voxelLab.viewer');
  return { initialWindow: c.get('initialWindow') === 'fullRange' ? 'fullRange' : 'file', smoothing: c.get<boolean>('smoothing') === true };
}

function tooLarge(name: string, size: number): ErrorPayload {
  return { code: 'image-too-large', message: `${name} is ${(size / 2 ** 30).toFixed(1)} GiB; the viewer opens files up to 2 GiB.` };
}
