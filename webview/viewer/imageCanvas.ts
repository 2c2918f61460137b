import type { Image8 } from '../../src/core/imaging/image8';

export interface ZoomPan {
  /** Screen (CSS) pixels per image column. */
  scale: number;
  tx: number;
  ty: number;
}

/**
 * Paints 8-bit images into a 2D canvas at their native size and places it with a CSS transform (zoom, pan,
 * non-square pixels), so reading the canvas back gives exactly the rendered pixels.
 */
export class ImageCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private imageData: ImageData | null = null;
  /** Row spacing / column spacing: >1 stretches rows on screen. */
  private aspect = 1;
  /** null = fit to the viewport (re-fitted on resize). */
  private zoom: ZoomPan | null = null;
  private onChange: () => void = () => {};
  private readonly resize: ResizeObserver;

  constructor(private readonly host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'image';
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('This webview has no 2D canvas.');
    this.ctx = ctx;
    host.append(this.canvas);
    this.resize = new ResizeObserver(() => this.apply());
    this.resize.observe(host);
  }

  dispose(): void {
    this.resize.disconnect();
  }

  /** Called after every change of placement (zoom, pan, resize), e.g. to redraw measurements. */
  set changed(fn: () => void) {
    this.onChange = fn;
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  set smoothing(on: boolean) {
    this.canvas.classList.toggle('smooth', on);
  }

  setPixelSpacing(spacing: [number, number] | null): void {
    this.aspect = spacing && spacing[0] > 0 && spacing[1] > 0 ? spacing[0] / spacing[1] : 1;
    this.apply();
  }

  paint(image: Image8): void {
    if (this.canvas.width !== image.width || this.canvas.height !== image.height || !this.imageData) {
      this.canvas.width = image.width;
      this.canvas.height = image.height;
      this.imageData = this.ctx.createImageData(image.width, image.height);
      this.apply();
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

  /** The current placement (the fitted one when in fit mode). */
  get placement(): ZoomPan {
    return this.zoom ?? this.fitted();
  }

  get isFit(): boolean {
    return this.zoom === null;
  }

  setZoom(z: ZoomPan | null): void {
    this.zoom = z;
    this.apply();
  }

  fit(): void {
    this.setZoom(null);
  }

  /** One image pixel per device pixel (not CSS pixel, which HiDPI screens double), centred. */
  oneToOne(): void {
    const { clientWidth: vw, clientHeight: vh } = this.host;
    const scale = 1 / (window.devicePixelRatio || 1);
    this.setZoom({ scale, tx: (vw - this.width * scale) / 2, ty: (vh - this.height * scale * this.aspect) / 2 });
  }

  /** Zooms by `factor` keeping the image point under (mx, my) in place. */
  zoomAt(mx: number, my: number, factor: number): void {
    const z = this.placement;
    const scale = Math.min(64, Math.max(0.05, z.scale * factor));
    const f = scale / z.scale;
    this.setZoom({ scale, tx: mx - (mx - z.tx) * f, ty: my - (my - z.ty) * f });
  }

  panBy(dx: number, dy: number): void {
    const z = this.placement;
    this.setZoom({ scale: z.scale, tx: z.tx + dx, ty: z.ty + dy });
  }

  /** Screen point (relative to the viewport) → image coordinates (column, row), fractional. */
  toImage(mx: number, my: number): { x: number; y: number } {
    const z = this.placement;
    return { x: (mx - z.tx) / z.scale, y: (my - z.ty) / (z.scale * this.aspect) };
  }

  /** Image coordinates → screen point relative to the viewport. */
  toScreen(x: number, y: number): { x: number; y: number } {
    const z = this.placement;
    return { x: z.tx + x * z.scale, y: z.ty + y * z.scale * this.aspect };
  }

  private fitted(): ZoomPan {
    const { clientWidth: vw, clientHeight: vh } = this.host;
    const w = Math.max(1, this.width);
    const h = Math.max(1, this.height) * this.aspect;
    const scale = Math.max(0.01, Math.min(vw / w, vh / h));
    return { scale, tx: (vw - w * scale) / 2, ty: (vh - h * scale) / 2 };
  }

  private apply(): void {
    const z = this.placement;
    this.canvas.style.transform = `translate(${z.tx}px, ${z.ty}px) scale(${z.scale}, ${z.scale * this.aspect})`;
    this.onChange();
  }
}
