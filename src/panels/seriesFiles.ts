import * as vscode from 'vscode';
import { isDirectory, listDirectory } from './readUri';

/** Extensions that are certainly not DICOM: skipped when a folder is opened as a series. */
const NOT_DICOM = /\.(nii|gz|png|jpe?g|gif|bmp|tiff?|txt|md|json|xml|csv|html?|pdf|zip|tar|py|ts|js|onnx|npz|npy|h5|log)$/i;

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
