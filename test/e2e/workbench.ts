import type { Frame, Locator, Page } from 'playwright-core';

/** Helpers that drive the real VS Code workbench the way a user does. */
export class Workbench {
  constructor(readonly page: Page) {}

  explorerRow(name: string): Locator {
    // Rows carry the file name as aria-label; the list is virtual, so keep e2e workspaces short enough to show every row.
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
  }

  /**
   * The explorer appears 8–15 s before the extension host has registered our contributions; clicking a
   * .dcm before that opens it as text. So wait until a command of ours is in the palette.
   */
  async waitForCommand(title: string, timeoutMs = 120000): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const item = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      await input.fill(`>${title}`);
      try {
        await item.waitFor({ timeout: 3000 });
        await this.page.keyboard.press('Escape');
        return;
      } catch {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`"${title}" did not appear in the command palette within ${timeoutMs / 1000} s`);
        await this.page.waitForTimeout(1000);
      }
    }
  }

  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
  }

  /** The frame holding our page inside the webview whose body says it shows `fileName`. */
  async viewerFrame(fileName: string, timeoutMs = 60000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const f of this.page.frames()) {
        const match = await f.evaluate((n) => document.body?.dataset.file === n, fileName).catch(() => false);
        if (match) return f;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no Voxel Lab viewer for ${fileName} appeared within ${timeoutMs / 1000} s`);
  }

  /** Waits until the viewer has drawn (`rendered`) or shown an error (`error`), and returns which. */
  async viewerState(frame: Frame, timeoutMs = 60000): Promise<string> {
    await frame.waitForSelector('body[data-state="rendered"], body[data-state="error"]', { timeout: timeoutMs, state: 'attached' });
    return frame.evaluate(() => document.body.dataset.state ?? '');
  }

  /** Right-clicks an explorer row and returns the menu entry once the menu has finished fading in. */
  async contextMenuEntry(rowName: string, label: RegExp): Promise<Locator> {
    const entry = this.page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: label });
    for (let attempt = 0; ; attempt++) {
      await this.explorerRow(rowName).click({ button: 'right' });
      try {
        await entry.waitFor({ timeout: 5000 });
        // The menu fades in; a click during the animation can miss.
        await this.page.waitForTimeout(300);
        return entry;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (attempt >= 2) throw e;
      }
    }
  }

  async notification(text: string | RegExp, timeoutMs = 15000): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return (await toast.textContent()) ?? '';
  }
}
