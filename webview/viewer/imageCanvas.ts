import type { Image8 } from '../../src/core/imaging/image8';

/**
 * Paints 8-bit images into a 2D canvas at their native size and fits it to the viewport with a CSS
 * transform, so reading the canvas back gives exactly the rendered pixels (the e2e test relies on it).
 */
export class ImageCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private imageData: ImageData | null = null;
  /** Height/width of one pixel on the patient (row spacing / column spacing); 1 for square pixels. */
  private pixelAspect = 1;

  constructor(private readonly viewport: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.id = 'image';
    const ctx = this.canvas.getContext('2d', { willReadFrequently: false });
    if (!ctx) throw new Error('This webview has no 2D canvas.');
    this.ctx = ctx;
    viewport.append(this.canvas);
    new ResizeObserver(() => this.fit()).observe(viewport);
  }

  setPixelSpacing(spacing: [number, number] | null): void {
    this.pixelAspect = spacing && spacing[0] > 0 && spacing[1] > 0 ? spacing[0] / spacing[1] : 1;
    this.fit();
  }

  set smoothing(on: boolean) {
    this.canvas.classList.toggle('smooth', on);
  }

  paint(image: Image8): void {
    if (this.canvas.width !== image.width || this.canvas.height !== image.height || !this.imageData) {
      this.canvas.width = image.width;
      this.canvas.height = image.height;
      this.imageData = this.ctx.createImageData(image.width, image.height);
      this.fit();
    }
    const out = this.imageData.data;
    const src = image.data;
    const n = image.width * image.height;
    if (image.channels === 1) {
      for (let i = 0, o = 0; i < n; i++, o += 4) {
        const v = src[i] as number;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = 255;
      }
    } else {
      for (let i = 0, s = 0, o = 0; i < n; i++, s += 3, o += 4) {
        out[o] = src[s] as number;
        out[o + 1] = src[s + 1] as number;
        out[o + 2] = src[s + 2] as number;
        out[o + 3] = 255;
      }
    }
    this.ctx.putImageData(this.imageData, 0, 0);
  }

  /** Scales the canvas to fit the viewport, centred, with the patient's proportions (non-square pixels stretched). */
  fit(): void {
    const { width, height } = this.canvas;
    if (width === 0 || height === 0) return;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    const scale = Math.min(vw / width, vh / (height * this.pixelAspect));
    const x = (vw - width * scale) / 2;
    const y = (vh - height * scale * this.pixelAspect) / 2;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale}, ${scale * this.pixelAspect})`;
  }
}
