import * as vscode from 'vscode';
import type { SeriesChunk } from '../core/protocol/viewer';
import { isDirectory, listDirectory, readUriBytes, uriSize } from './readUri';

/** Extensions that are certainly not DICOM: skipped when a folder is opened as a series. */
const NOT_DICOM = /\.(nii|gz|png|jpe?g|gif|bmp|tiff?|txt|md|json|xml|csv|html?|pdf|zip|tar|py|ts|js|onnx|npz|npy|h5|log)$/i;

/** Past this, a series is refused: the webview would hold it twice (files while parsing, then the volume). */
export const MAX_SERIES_BYTES = 3 * 2 ** 30;

/** Every candidate file under the given files and folders (recursively, hidden entries skipped), in natural name order. */
export async function listSeriesFiles(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const visit = async (uri: vscode.Uri, directory: boolean): Promise<void> => {
    if (directory) {
      for (const e of await listDirectory(uri)) {
        if (e.name.startsWith('.')) continue;
        if (e.directory || e.file) await visit(vscode.Uri.joinPath(uri, e.name), e.directory);
      }
      return;
    }
    const name = uri.path.split('/').pop() ?? '';
    if (!NOT_DICOM.test(name) && name !== 'DICOMDIR') out.push(uri);
  };
  for (const u of uris) await visit(u, await isDirectory(u));
  const collator = new Intl.Collator(undefined, { numeric: true });
  out.sort((a, b) => collator.compare(a.path, b.path));
  return out;
}

/** Reads the files of a series in chunks of about `maxBytes` (at least one file per chunk), in list order. */
export class SeriesReader {
  private next = 0;
  private bytesRead = 0;

  constructor(readonly files: readonly vscode.Uri[]) {}

  async read(maxBytes: number): Promise<SeriesChunk> {
    const files: SeriesChunk['files'] = [];
    const unreadable: SeriesChunk['unreadable'] = [];
    let bytes = 0;
    while (this.next < this.files.length && (files.length === 0 || bytes < maxBytes)) {
      const uri = this.files[this.next++] as vscode.Uri;
      const name = vscode.workspace.asRelativePath(uri);
      try {
        const size = await uriSize(uri);
        if (this.bytesRead + size > MAX_SERIES_BYTES) {
          throw new Error(`the series passes ${MAX_SERIES_BYTES / 2 ** 30} GiB here; open a sub-folder or fewer files`);
        }
        const b = await readUriBytes(uri);
        files.push({ name, bytes: b });
        bytes += b.byteLength;
        this.bytesRead += b.byteLength;
      } catch (e) {
        unreadable.push({ name, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return { files, unreadable, loaded: this.next, total: this.files.length, done: this.next >= this.files.length };
  }
}
