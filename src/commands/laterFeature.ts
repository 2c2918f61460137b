import * as vscode from 'vscode';

export type CommandOutcome = { status: 'done' } | { status: 'not-available'; feature: string } | { status: 'cancelled' };

/** A palette command whose feature comes in a later version: one plain message, no pretend results. */
export function laterFeature(title: string, what: string): CommandOutcome {
  void vscode.window.showInformationMessage(
    `Voxel Lab: ${title} is not in this version yet. This version has the DICOM/NIfTI viewer and the \`voxel-lab inspect\`/\`render\`/\`series\` CLI; ${what} comes in a later version.`,
  );
  return { status: 'not-available', feature: title };
}
