import * as vscode from 'vscode';
import { laterFeature, requireTrust, type CommandOutcome } from './laterFeature';
import { ImageEditorProvider } from '../editors/imageEditorProvider';

export const COMMANDS = {
  analyzeImage: 'voxelLab.analyzeImage',
  trainModel: 'voxelLab.trainModel',
  showFeatureMaps: 'voxelLab.showFeatureMaps',
  openDicomSeries: 'voxelLab.openDicomSeries',
} as const;

/** Registers every command; handlers stay small and load heavy modules only when run. */
export function registerCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.analyzeImage, async (): Promise<CommandOutcome> => {
      if (!(await requireTrust('Analyze Image'))) return { status: 'needs-trust' };
      return laterFeature('Analyze Image', 'running classification, detection and segmentation models on images');
    }),
    vscode.commands.registerCommand(COMMANDS.trainModel, async (): Promise<CommandOutcome> => {
      if (!(await requireTrust('Train Model'))) return { status: 'needs-trust' };
      return laterFeature('Train Model…', 'training with a live dashboard');
    }),
    vscode.commands.registerCommand(COMMANDS.showFeatureMaps, async (): Promise<CommandOutcome> => {
      if (!(await requireTrust('Show Feature Maps'))) return { status: 'needs-trust' };
      return laterFeature('Show Feature Maps', 'the per-layer feature-map viewer');
    }),
    vscode.commands.registerCommand(COMMANDS.openDicomSeries, async (uri?: vscode.Uri): Promise<CommandOutcome> => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (target) {
        const stat = await vscode.workspace.fs.stat(target);
        if (stat.type === vscode.FileType.File) {
          await vscode.commands.executeCommand('vscode.openWith', target, ImageEditorProvider.viewType);
          return { status: 'done' };
        }
      }
      return laterFeature('Open DICOM Series', 'opening a folder or a selection of files as one sorted series');
    }),
  ];
}
