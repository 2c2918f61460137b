import * as vscode from 'vscode';
import { ViewerSession } from '../panels/viewerSession';
import type { ViewerRegistry } from '../panels/viewerRegistry';
import { ImageDocument } from './imageDocument';

/**
 * The Voxel Lab image viewer as a read-only custom editor: the default for .dcm, .dicom, .nii and .nii.gz,
 * and offered under "Open With…" for any file (archives hold DICOM without an extension).
 */
export class ImageEditorProvider implements vscode.CustomReadonlyEditorProvider<ImageDocument> {
  static readonly viewType = 'voxelLab.imageViewer';
  static readonly anyFileViewType = 'voxelLab.imageViewerAnyFile';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly registry: ViewerRegistry,
  ) {}

  openCustomDocument(uri: vscode.Uri): ImageDocument {
    return new ImageDocument(uri);
  }

  resolveCustomEditor(document: ImageDocument, panel: vscode.WebviewPanel): void {
    const session = new ViewerSession(panel.webview, this.extensionUri, { kind: 'file', uri: document.uri }, this.log);
    const registered = this.registry.add(document.uri, session);
    panel.onDidDispose(() => {
      registered.dispose();
      session.dispose();
    });
  }
}
