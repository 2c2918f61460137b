import * as vscode from 'vscode';
import type { ViewerState } from '../core/protocol/viewer';
import type { ViewerRegistry } from './viewerRegistry';
import { ViewerSession } from './viewerSession';

export const SERIES_VIEW_TYPE = 'voxelLab.series';

/** Open series panels by what they show, so opening the same folder again brings its panel forward. */
const openPanels = new Map<string, vscode.WebviewPanel>();

/** Opens a DICOM series (a folder, or several files) in a viewer panel. */
export function openSeriesPanel(
  uris: vscode.Uri[],
  ctx: { extensionUri: vscode.Uri; log: vscode.LogOutputChannel; registry: ViewerRegistry },
  panel?: vscode.WebviewPanel,
): vscode.WebviewPanel {
  const first = uris[0];
  if (!first) throw new Error('a series needs at least one file or folder');
  const key = uris.map((u) => u.toString()).sort().join('\n');
  const existing = openPanels.get(key);
  if (existing && !panel) {
    existing.reveal();
    return existing;
  }
  const name = first.path.split('/').filter(Boolean).pop() ?? 'Series';
  const title = uris.length === 1 ? name : `${name} + ${uris.length - 1}`;
  // Kept alive while hidden: reloading a series means reading and decoding every file again (seconds).
  const p = panel ?? vscode.window.createWebviewPanel(SERIES_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
  p.title = title;
  p.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'icon.png');
  const session = new ViewerSession(p.webview, ctx.extensionUri, { kind: 'series', title, uris }, ctx.log);
  const registered = ctx.registry.add(first, session);
  openPanels.set(key, p);
  p.onDidDispose(() => {
    if (openPanels.get(key) === p) openPanels.delete(key);
    registered.dispose();
    session.dispose();
  });
  return p;
}

/** Reopens series panels after a window reload, from the files their page saved in its state. */
export function registerSeriesSerializer(ctx: { extensionUri: vscode.Uri; log: vscode.LogOutputChannel; registry: ViewerRegistry }): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(SERIES_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const uris = (state as Partial<ViewerState> | undefined)?.series?.uris ?? [];
      if (uris.length === 0) {
        panel.dispose();
        return;
      }
      openSeriesPanel(uris.map((u) => vscode.Uri.parse(u)), ctx, panel);
    },
  });
}
