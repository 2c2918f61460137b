import * as vscode from 'vscode';
import { laterFeature, type CommandOutcome } from './laterFeature';
import { ImageEditorProvider } from '../editors/imageEditorProvider';
import { openSeriesPanel } from '../panels/seriesPanel';
import type { ViewerRegistry } from '../panels/viewerRegistry';

export const COMMANDS = {
  analyzeImage: 'voxelLab.analyzeImage',
  trainModel: 'voxelLab.trainModel',
  showFeatureMaps: 'voxelLab.showFeatureMaps',
  openDicomSeries: 'voxelLab.openDicomSeries',
} as const;

interface Context {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  registry: ViewerRegistry;
}

/** Registers every command; handlers stay small and load heavy modules only when run. */
export function registerCommands(ctx: Context): vscode.Disposable[] {
  return [
    // Not built yet: say so at once (asking for workspace trust first would suggest something would run).
    vscode.commands.registerCommand(COMMANDS.analyzeImage, (): CommandOutcome =>
      laterFeature('Analyze Image', 'running classification, detection and segmentation models on images')),
    vscode.commands.registerCommand(COMMANDS.trainModel, (): CommandOutcome => laterFeature('Train Model…', 'training with a live dashboard')),
    vscode.commands.registerCommand(COMMANDS.showFeatureMaps, (): CommandOutcome => laterFeature('Show Feature Maps', 'the per-layer feature-map viewer')),
    // From the explorer: (clicked, selection); from the palette: nothing, so ask.
    vscode.commands.registerCommand(COMMANDS.openDicomSeries, async (clicked?: vscode.Uri, selection?: vscode.Uri[]): Promise<CommandOutcome> => {
      let uris = selection && selection.length > 0 ? selection : clicked ? [clicked] : [];
      if (uris.length === 0) {
        const picked = await vscode.window.showOpenDialog({
          canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Open as DICOM series',
          ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
        });
        if (!picked || picked.length === 0) return { status: 'cancelled' };
        uris = picked;
      }
      const only = uris[0] as vscode.Uri;
      if (uris.length === 1 && (await vscode.workspace.fs.stat(only)).type & vscode.FileType.File) {
        // One file: its own viewer tab (a multi-frame object is a stack by itself).
        await vscode.commands.executeCommand('vscode.openWith', only, ImageEditorProvider.viewType);
        return { status: 'done' };
      }
      openSeriesPanel(uris, ctx);
      return { status: 'done' };
    }),
  ];
}
