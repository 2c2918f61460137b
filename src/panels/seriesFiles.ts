import * as vscode from 'vscode';

/** Extensions that are certainly not DICOM: skipped when a folder is opened as a series. */
const NOT_DICOM = /\.(nii|gz|png|jpe?g|gif|bmp|tiff?|txt|md|json|xml|csv|html?|pdf|zip|tar|py|ts|js|onnx|npz|npy|h5|log)$/i;

/** Past this, a series is refused: the webview would hold it twice (files while parsing, then the volume). */
export const MAX_SERIES_BYTES = 3 * 2 ** 30;

export interface SeriesFile {
  uri: vscode.Uri;
  name: string;
  size: number;
}

/** Every candidate file under the given files and folders (recursively, hidden entries skipped), in natural name order. */
export async function listSeriesFiles(uris: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<SeriesFile[]> {
  const out: SeriesFile[] = [];
  const visit = async (uri: vscode.Uri, type?: vscode.FileType): Promise<void> => {
    if (token?.isCancellationRequested) return;
    const name = uri.path.split('/').pop() ?? '';
    const stat = type === undefined || type === vscode.FileType.File ? await vscode.workspace.fs.stat(uri) : null;
    const t = type ?? stat?.type ?? vscode.FileType.Unknown;
    if (t & vscode.FileType.Directory) {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      for (const [child, childType] of entries) {
        if (child.startsWith('.')) continue;
        await visit(vscode.Uri.joinPath(uri, child), childType);
      }
    } else if (t & vscode.FileType.File && !NOT_DICOM.test(name) && name !== 'DICOMDIR') {
      out.push({ uri, name, size: stat?.size ?? (await vscode.workspace.fs.stat(uri)).size });
    }
  };
  for (const u of uris) await visit(u);
  const collator = new Intl.Collator(undefined, { numeric: true });
  out.sort((a, b) => collator.compare(a.uri.path, b.uri.path));
  return out;
}

/** Reads the files of a series in chunks of about `maxBytes` (at least one file per chunk). */
export class SeriesReader {
  private next = 0;

  constructor(readonly files: readonly SeriesFile[]) {}

  get total(): number {
    return this.files.length;
  }

  async read(maxBytes: number): Promise<{ files: { name: string; bytes: Uint8Array }[]; unreadable: { name: string; message: string }[]; loaded: number; total: number; done: boolean }> {
    const files: { name: string; bytes: Uint8Array }[] = [];
    const unreadable: { name: string; message: string }[] = [];
    let bytes = 0;
    while (this.next < this.files.length && (files.length === 0 || bytes < maxBytes)) {
      const f = this.files[this.next++] as SeriesFile;
      try {
        const read = await vscode.workspace.fs.readFile(f.uri);
        // A plain view, not a Buffer: VS Code sends typed arrays to the webview as binary (Buffer.toJSON would not).
        files.push({ name: vscode.workspace.asRelativePath(f.uri), bytes: new Uint8Array(read.buffer, read.byteOffset, read.byteLength) });
        bytes += read.byteLength;
      } catch (e) {
        unreadable.push({ name: f.name, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return { files, unreadable, loaded: this.next, total: this.files.length, done: this.next >= this.files.length };
  }
}
