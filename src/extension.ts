import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ImageEditorProvider } from './editors/imageEditorProvider';
import type { ViewerDescription } from './core/protocol/viewer';

/** What `activate` returns: for the integration tests and for other extensions. */
export interface VoxelLabApi {
  /** Time spent inside activate(), in ms. */
  readonly activationMs: number;
  /** What the open viewer of `uri` shows, once it has drawn or failed. */
  describeViewer(uri: vscode.Uri, timeoutMs?: number): Promise<ViewerDescription>;
}

/**
 * Registers commands and the custom editor, nothing more: no DICOM, ONNX or tfjs code is loaded here.
 * Viewers decode in their webview's worker; heavier features load when their command runs.
 */
export function activate(context: vscode.ExtensionContext): VoxelLabApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Voxel Lab', { log: true });
  const viewer = new ImageEditorProvider(context.extensionUri, log);
  context.subscriptions.push(
    log,
    vscode.window.registerCustomEditorProvider(ImageEditorProvider.viewType, viewer, {
      supportsMultipleEditorsPerDocument: true,
    }),
    ...registerCommands(),
  );
  const activationMs = performance.now() - t0;
  log.info(`Voxel Lab activated in ${activationMs.toFixed(2)} ms`);
  return { activationMs, describeViewer: (uri, timeoutMs) => viewer.describe(uri, timeoutMs) };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
