import * as vscode from 'vscode';

export type CommandOutcome = { status: 'done' } | { status: 'not-available'; feature: string } | { status: 'needs-trust' } | { status: 'cancelled' };

/**
 * Running models executes code and reads weights from the workspace, so it needs a trusted workspace;
 * viewing does not. Offers the trust editor instead of failing silently.
 */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(`Voxel Lab: ${action} runs models, which needs a trusted workspace. Viewing images works without trust.`, manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** A palette command whose feature comes in a later version: one plain message, no pretend results. */
export function laterFeature(title: string, what: string): CommandOutcome {
  void vscode.window.showInformationMessage(
    `Voxel Lab: ${title} is not in this version yet. This version has the DICOM/NIfTI viewer and the \`voxel-lab inspect\`/\`render\` CLI; ${what} comes in a later version.`,
  );
  return { status: 'not-available', feature: title };
}
