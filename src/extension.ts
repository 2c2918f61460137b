import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ImageEditorProvider } from './editors/imageEditorProvider';
import type { ViewerDescription } from './core/protocol/viewer';
import { registerSeriesSerializer } from './panels/seriesPanel';
import { ViewerRegistry } from './panels/viewerRegistry';

/** What `activate` returns: for the integration tests and for other extensions. */
export interface VoxelLabApi {
  /** Time spent inside activate(), in ms. */
  readonly activationMs: number;
  /** What the open viewer of `uri` (a file, or the first item of a series) shows, once it has drawn or failed. */
  describeViewer(uri: vscode.Uri, timeoutMs?: number): Promise<ViewerDescription>;
}

/**
 * Registers commands, the custom editors and the series panel serializer, nothing more: no DICOM, ONNX or
 * tfjs code is loaded here. Viewers decode in their webview's worker; heavier features load when run.
 */
export function activate(context: vscode.ExtensionContext): VoxelLabApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Voxel Lab', { log: true });
  const registry = new ViewerRegistry();
  const ctx = { extensionUri: context.extensionUri, log, registry };
  const viewer = new ImageEditorProvider(context.extensionUri, log, registry);
  const options = { supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    log,
    vscode.window.registerCustomEditorProvider(ImageEditorProvider.viewType, viewer, options),
    vscode.window.registerCustomEditorProvider(ImageEditorProvider.anyFileViewType, viewer, options),
    registerSeriesSerializer(ctx),
    ...registerCommands(ctx),
  );
  const activationMs = performance.now() - t0;
  log.info(`Voxel Lab activated in ${activationMs.toFixed(2)} ms`);
  return { activationMs, describeViewer: (uri, timeoutMs) => registry.describe(uri, timeoutMs) };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
