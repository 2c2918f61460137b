import type * as vscode from 'vscode';
import type { ViewerDescription } from '../core/protocol/viewer';
import type { ViewerSession } from './viewerSession';

/** Open viewers by the URI they were opened for (a file, or the first item of a series), newest last. */
export class ViewerRegistry {
  private readonly sessions = new Map<string, ViewerSession[]>();

  add(uri: vscode.Uri, session: ViewerSession): vscode.Disposable {
    const key = uri.toString();
    const list = this.sessions.get(key) ?? [];
    list.push(session);
    this.sessions.set(key, list);
    return {
      dispose: () => {
        const l = this.sessions.get(key)?.filter((s) => s !== session) ?? [];
        if (l.length) this.sessions.set(key, l);
        else this.sessions.delete(key);
      },
    };
  }

  async describe(uri: vscode.Uri, timeoutMs?: number): Promise<ViewerDescription> {
    const deadline = Date.now() + (timeoutMs ?? 30000);
    // The tab may still be resolving its webview when a test asks.
    for (;;) {
      const session = this.sessions.get(uri.toString())?.at(-1);
      if (session) return session.describe(Math.max(1, deadline - Date.now()));
      if (Date.now() > deadline) throw new Error(`no Voxel Lab viewer is open for ${uri.toString()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
