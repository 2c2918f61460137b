import type { Frame, Locator } from 'playwright-core';

/** Reads and drives one Voxel Lab viewer page (the frame inside its webview). */
export class ViewerPage {
  constructor(readonly frame: Frame) {}

  canvas(view = 'stack'): Locator {
    return this.frame.locator(`.viewport[data-view="${view}"] canvas.image`);
  }

  /** The canvas pixels exactly as drawn (RGBA), with its size. */
  async pixels(view = 'stack'): Promise<{ width: number; height: number; rgba: number[] }> {
    return this.canvas(view).evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      return { width: c.width, height: c.height, rgba: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
    });
  }

  /** Where the centre of image pixel (x, y) is on the canvas element, through its zoom and placement. */
  private async position(x: number, y: number, view: string): Promise<{ x: number; y: number }> {
    const size = await this.canvas(view).evaluate((el: HTMLCanvasElement) => {
      const r = el.getBoundingClientRect();
      return { w: el.width, h: el.height, rw: r.width, rh: r.height };
    });
    return { x: ((x + 0.5) * size.rw) / size.w, y: ((y + 0.5) * size.rh) / size.h };
  }

  async hoverPixel(x: number, y: number, view = 'stack'): Promise<void> {
    await this.canvas(view).hover({ position: await this.position(x, y, view), force: true });
  }

  async clickPixel(x: number, y: number, view = 'stack'): Promise<void> {
    await this.canvas(view).click({ position: await this.position(x, y, view), force: true });
  }

  probe(): Locator {
    return this.frame.locator('#probe');
  }

  /** Picks an entry of a toolbar drop-down (a vscode-single-select) by its visible text. */
  async choose(selectId: string, label: string | RegExp): Promise<void> {
    await this.frame.locator(`#${selectId}`).click();
    const option = this.frame.locator(`#${selectId} li[role="option"]`, { hasText: label }).first();
    await option.waitFor();
    await option.click();
  }

  button(id: string): Locator {
    return this.frame.locator(`vscode-toolbar-button#${id}`);
  }

  /** The stack position shown in the status bar (0-based), once it differs from `not`. */
  async index(): Promise<number> {
    return Number(await this.frame.locator('.statusbar .position').getAttribute('data-index'));
  }

  /** Resolves once `read()` returns something other than `before` (a new render landed). */
  async changed<T>(read: () => Promise<T>, before: T, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await read();
      if (JSON.stringify(now) !== JSON.stringify(before)) return now;
      if (Date.now() > deadline) throw new Error('the view did not change');
      await this.frame.waitForTimeout(100);
    }
  }
}

/** Number of distinct grey levels and non-black pixels: evidence of a real image, not a flat fill. */
export function contentOf(rgba: number[]): { distinct: number; nonBlack: number } {
  const levels = new Set<number>();
  let nonBlack = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const v = ((rgba[i] as number) << 16) | ((rgba[i + 1] as number) << 8) | (rgba[i + 2] as number);
    levels.add(v);
    if (v !== 0) nonBlack++;
  }
  return { distinct: levels.size, nonBlack };
}
