import * as vscode from 'vscode';
import { ImageError, type ErrorPayload } from '../core/errors';
import { DisposableStore } from '../core/lifecycle';
import type { RpcEndpoint } from '../core/protocol/rpc';
import type {
  HostToViewerEvent, ViewerDescription, ViewerFile, ViewerHostMethods, ViewerPageMethods, ViewerSettings, ViewerToHostEvent,
} from '../core/protocol/viewer';
import { readUriBytes, uriSize } from './readUri';
import { listSeriesFiles } from './seriesFiles';
import { connectWebview } from './webviewChannel';
import { webviewPage } from './webviewHtml';

/** Past this, a webview cannot hold the file; the viewer says so instead of crashing the renderer. */
export const MAX_VIEWER_BYTES = 2 ** 31 - 1;

export type ViewerSource = { kind: 'file'; uri: vscode.Uri } | { kind: 'series'; title: string; uris: vscode.Uri[] };

type ViewerEndpoint = RpcEndpoint<ViewerPageMethods, ViewerHostMethods, HostToViewerEvent, ViewerToHostEvent>;

/**
 * The host end of one viewer page (a custom editor tab or a series panel): serves its HTML, hands it the
 * file or the series files it asks for, and logs what it reports.
 */
export class ViewerSession implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly endpoint: ViewerEndpoint;
  private seriesFiles: vscode.Uri[] = [];
  private readonly webview: vscode.Webview;
  private settled: (() => void)[] = [];
  private done = false;

  constructor(
    webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly source: ViewerSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.webview = webview;
    this.endpoint = connectWebview(webview, this.store);
    void this.setPage(webview, extensionUri);
    this.endpoint.setHandlers({
      readFile: async () => {
        if (this.source.kind !== 'file') throw new ImageError('image-invalid-option', 'This view shows a series, not one file.');
        return this.readFile(this.source.uri);
      },
      readSeriesFile: async ({ index }) => {
        const uri = this.seriesFiles[index];
        if (!uri) throw new ImageError('image-no-files', `The series has no file ${index}.`);
        return this.readFile(uri);
      },
      copyText: async ({ text }) => {
        await vscode.env.clipboard.writeText(text);
        return null;
      },
    });
    this.store.add(this.endpoint.onEvent((e) => this.onEvent(e)));
  }

  /**
   * The page, allowed to fetch the file it shows straight from its resource loader (as VS Code's own image
   * preview does): the bytes then stream in while the page and its worker start, with no round trip
   * through the extension host. Files past the size limit get no URL; the page reports them.
   */
  private async setPage(webview: vscode.Webview, extensionUri: vscode.Uri): Promise<void> {
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
    const workerUrl = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'viewerWorker.js')).toString();
    let fileUrl: string | undefined;
    // A series' page fetches the files of the folders or files the user chose, and nothing else.
    if (this.source.kind === 'series') roots.push(...this.source.uris);
    if (this.source.kind === 'file') {
      const size = await uriSize(this.source.uri).catch(() => Infinity);
      if (size <= MAX_VIEWER_BYTES) {
        // The file itself, not its folder: the page may load exactly what it shows.
        roots.push(this.source.uri);
        fileUrl = webview.asWebviewUri(this.source.uri).toString();
      }
    }
    webview.options = { enableScripts: true, localResourceRoots: roots };
    webview.html = webviewPage({
      webview,
      extensionUri,
      title: 'Voxel Lab Viewer',
      script: 'viewer',
      data: { workerUrl, ...(fileUrl ? { fileUrl } : {}) },
      preload: [workerUrl, ...(fileUrl ? [fileUrl] : [])],
      bodyHtml: '<div id="app" role="main"></div>',
    });
  }

  private async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const name = uri.path.split('/').pop() ?? uri.path;
    try {
      const size = await uriSize(uri);
      if (size > MAX_VIEWER_BYTES) throw new TooLargeError(size);
      return await readUriBytes(uri);
    } catch (e) {
      if (e instanceof TooLargeError) throw new ImageError('image-too-large', tooLarge(name, e.size, 'the viewer opens files up to 2 GiB').message);
      throw new ImageError('image-read-failed', `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  get label(): string {
    return this.source.kind === 'file' ? this.source.uri.fsPath : this.source.title;
  }

  private onEvent(e: ViewerToHostEvent): void {
    switch (e.type) {
      case 'ready':
        this.done = false;
        void (this.source.kind === 'file' ? this.sendFile(this.source.uri) : this.sendSeries(this.source));
        return;
      case 'rendered':
        this.log.info(`viewer: ${this.label}: first image ${e.width}×${e.height} (${e.format}) ${e.sinceOpenMs.toFixed(0)} ms after the bytes arrived, ${e.ms.toFixed(0)} ms after the page started`);
        if (this.source.kind === 'file') this.settle();
        return;
      case 'seriesLoaded':
        this.log.info(`viewer: ${this.label}: series loaded, ${e.files} files (${e.failed} skipped) in ${e.ms.toFixed(0)} ms`);
        this.settle();
        return;
      case 'failed':
        this.log.warn(`viewer: ${this.label}: ${e.error.message} [${e.error.code}]`);
        this.settle();
        return;
      case 'log':
        this.log[e.level](`viewer: ${e.message}`);
        return;
    }
  }

  private settle(): void {
    this.done = true;
    for (const s of this.settled.splice(0)) s();
  }

  /** What the page shows once it has drawn a file (or loaded a whole series) or failed (integration tests). */
  async describe(timeoutMs = 30000): Promise<ViewerDescription> {
    if (!this.done) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the viewer for ${this.label} did not draw within ${timeoutMs} ms`)), timeoutMs);
        this.settled.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.endpoint.request('describeView', {});
  }

  private async sendFile(uri: vscode.Uri): Promise<void> {
    const file: ViewerFile = { name: uri.path.split('/').pop() ?? uri.path, uri: uri.toString(), byteLength: 0 };
    try {
      file.byteLength = await uriSize(uri);
      if (file.byteLength > MAX_VIEWER_BYTES) throw new TooLargeError(file.byteLength);
      this.endpoint.emit({ type: 'open', file, settings: viewerSettings() });
    } catch (e) {
      const error = e instanceof TooLargeError
        ? tooLarge(file.name, e.size, 'the viewer opens files up to 2 GiB')
        : { code: 'image-read-failed', message: `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}` };
      this.endpoint.emit({ type: 'openFailed', file, error });
    }
  }

  private async sendSeries(s: { title: string; uris: vscode.Uri[] }): Promise<void> {
    const file: ViewerFile = { name: s.title, uri: s.uris[0]?.toString() ?? '', byteLength: 0 };
    try {
      const files = await listSeriesFiles(s.uris);
      if (files.length === 0) {
        this.endpoint.emit({ type: 'openFailed', file, error: { code: 'image-no-files', message: `${s.title} holds no files that could be DICOM.` } });
        return;
      }
      this.seriesFiles = files;
      const served = (u: vscode.Uri) => u.scheme === 'file' || u.scheme === 'vscode-remote';
      this.endpoint.emit({
        type: 'openSeries',
        title: s.title,
        files: files.map((u) => ({ name: vscode.workspace.asRelativePath(u), url: served(u) ? this.webview.asWebviewUri(u).toString() : null })),
        uris: s.uris.map((u) => u.toString()),
        settings: viewerSettings(),
      });
    } catch (e) {
      this.endpoint.emit({ type: 'openFailed', file, error: { code: 'image-read-failed', message: `${s.title} could not be read: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  dispose(): void {
    this.store.dispose();
  }
}

class TooLargeError extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}

function viewerSettings(): ViewerSettings {
  const c = vscode.workspace.getConfiguration('voxelLab.viewer');
  return { initialWindow: c.get('initialWindow') === 'fullRange' ? 'fullRange' : 'file', smoothing: c.get<boolean>('smoothing') === true };
}

function tooLarge(name: string, size: number, limit: string): ErrorPayload {
  return { code: 'image-too-large', message: `${name} is ${(size / 2 ** 30).toFixed(1)} GiB; ${limit}.` };
}
