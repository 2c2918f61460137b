import type { RenderResult, ViewGeometry, ViewKind } from '../../src/core/protocol/imageWorker';
import { el } from '../common/dom';
import { ImageCanvas } from './imageCanvas';

const SVG = 'http://www.w3.org/2000/svg';

/** What a viewport asks of the viewer around it. */
export interface ViewportHost {
  render(view: ViewKind, index: number): Promise<RenderResult>;
  step(view: ViewKind, delta: number): void;
  tool(): 'pan' | 'ruler' | 'crosshair';
  /** Starts a window/level drag; false when the image has no window (colour, VOI LUT is fine). */
  beginWindowDrag(): boolean;
  windowDrag(dx: number, dy: number): void;
  probe(view: ViewKind, index: number, x: number, y: number): void;
  crosshair(view: ViewKind, index: number, x: number, y: number): void;
  activate(view: ViewKind): void;
  placementChanged(view: ViewKind): void;
  renderFailed(view: ViewKind, index: number, error: unknown): void;
  probeCleared(): void;
}

function messageOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
}

interface Ruler {
  a: { x: number; y: number };
  b: { x: number; y: number };
}

/** Orientation letters at the edges of each plane (left, right, top, bottom), radiological convention. */
const EDGE_LABELS: Partial<Record<ViewKind, [string, string, string, string]>> = {
  axial: ['R', 'L', 'A', 'P'],
  coronal: ['R', 'L', 'S', 'I'],
  sagittal: ['A', 'P', 'S', 'I'],
};

/** One image view: canvas, corner text, measurements, and the mouse and wheel gestures on it. */
export class Viewport {
  readonly el: HTMLElement;
  readonly canvas: ImageCanvas;
  readonly corners: Record<'tl' | 'tr' | 'bl' | 'br', HTMLElement>;
  private readonly svg: SVGSVGElement;
  index = 0;
  geometry: ViewGeometry;
  private rendering = false;
  private dirty = false;
  private rendered: (() => void)[] = [];
  private readonly rulers = new Map<number, Ruler[]>();
  private crossAt: { x: number; y: number } | null = null;
  /** The window applied by the last render, for the corner text. */
  lastWindow: { center: number; width: number } | null = null;
  private readonly message: HTMLElement;
  private disposed = false;
  /** The pointer's last position over the view, so the probe can follow slice changes. */
  private pointer: { mx: number; my: number } | null = null;

  constructor(readonly view: ViewKind, geometry: ViewGeometry, private readonly host: ViewportHost) {
    this.geometry = geometry;
    this.el = el('div', { class: 'viewport', tabindex: '0', 'data-view': view, role: 'img', 'aria-label': `${view === 'stack' ? 'Image' : view} view` });
    this.canvas = new ImageCanvas(this.el);
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.classList.add('measure');
    this.el.append(this.svg);
    this.corners = {
      tl: el('div', { class: 'overlay tl' }),
      tr: el('div', { class: 'overlay tr' }),
      bl: el('div', { class: 'overlay bl' }),
      br: el('div', { class: 'overlay br' }),
    };
    this.el.append(...Object.values(this.corners));
    this.message = el('div', { class: 'view-message', role: 'alert', hidden: '' });
    this.el.append(this.message);
    const labels = EDGE_LABELS[view];
    if (labels) {
      const [l, r, t, b] = labels;
      this.el.append(el('div', { class: 'edge left' }, l), el('div', { class: 'edge right' }, r), el('div', { class: 'edge top' }, t), el('div', { class: 'edge bottom' }, b));
    }
    this.canvas.changed = () => {
      this.drawMeasurements();
      this.host.placementChanged(view);
    };
    this.listen();
  }

  /** Renders the current index; while a render is in flight only the latest request is kept. */
  requestRender(): Promise<void> {
    const done = new Promise<void>((r) => this.rendered.push(r));
    if (this.rendering) {
      this.dirty = true;
      return done;
    }
    void this.renderLoop();
    return done;
  }

  private async renderLoop(): Promise<void> {
    this.rendering = true;
    do {
      this.dirty = false;
      const waiting = this.rendered.splice(0);
      try {
        const r = await this.host.render(this.view, this.index);
        if (this.disposed) break;
        this.canvas.paint(r.image);
        this.lastWindow = r.window;
        this.message.hidden = true;
        this.drawMeasurements();
      } catch (e) {
        // A frame that will not decode: say so on the view; scrolling on to other frames still works.
        this.message.textContent = `This ${this.view === 'stack' ? 'frame' : 'slice'} cannot be shown: ${messageOf(e)}`;
        this.message.hidden = false;
        this.host.renderFailed(this.view, this.index, e);
      }
      for (const w of waiting) w();
    } while (this.dirty && !this.disposed);
    this.rendering = false;
    for (const w of this.rendered.splice(0)) w();
  }

  dispose(): void {
    this.disposed = true;
    this.canvas.dispose();
    this.el.remove();
  }

  /** Probes again under the pointer (after the slice changed under a still mouse). */
  reprobe(): void {
    if (!this.pointer) return;
    const p = this.canvas.toImage(this.pointer.mx, this.pointer.my);
    this.host.probe(this.view, this.index, p.x, p.y);
  }

  /** Paints a render made elsewhere (with the open), unless a render of its own is under way. */
  showRendered(r: RenderResult): boolean {
    if (this.rendering) return false;
    this.canvas.paint(r.image);
    this.lastWindow = r.window;
    this.drawMeasurements();
    return true;
  }

  setCrosshair(p: { x: number; y: number } | null): void {
    this.crossAt = p;
    this.drawMeasurements();
  }

  clearRulers(): void {
    this.rulers.clear();
    this.drawMeasurements();
  }

  /** Distance in mm (or pixels when the spacing is unknown) between two image points. */
  distance(a: { x: number; y: number }, b: { x: number; y: number }): { value: number; unit: 'mm' | 'px' } {
    const s = this.geometry.pixelSpacing;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    if (!s) return { value: Math.hypot(dx, dy), unit: 'px' };
    return { value: Math.hypot(dx * s[1], dy * s[0]), unit: 'mm' };
  }

  private local(e: MouseEvent): { mx: number; my: number } {
    const r = this.el.getBoundingClientRect();
    return { mx: e.clientX - r.left, my: e.clientY - r.top };
  }

  private listen(): void {
    this.el.addEventListener('contextmenu', (e) => e.preventDefault());
    this.el.addEventListener('focus', () => this.host.activate(this.view));
    this.el.addEventListener('wheel', (e) => {
      e.preventDefault();
      const { mx, my } = this.local(e);
      if (e.ctrlKey || e.metaKey || this.geometry.count <= 1) this.canvas.zoomAt(mx, my, Math.exp(-e.deltaY / 300));
      else this.host.step(this.view, e.deltaY > 0 ? 1 : -1);
    }, { passive: false });
    this.el.addEventListener('dblclick', () => this.canvas.fit());
    this.el.addEventListener('pointerdown', (e) => this.pointerDown(e));
    // One probe per animation frame, always at the latest position.
    let pending = false;
    this.el.addEventListener('pointermove', (e) => {
      this.pointer = this.local(e);
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        this.reprobe();
      });
    });
    this.el.addEventListener('pointerleave', () => {
      this.pointer = null;
      this.host.probeCleared();
    });
  }

  private pointerDown(e: PointerEvent): void {
    this.el.focus();
    this.host.activate(this.view);
    const start = this.local(e);
    let last = start;
    let move: (p: { mx: number; my: number }) => void = () => {};
    if (e.button === 2) {
      if (!this.host.beginWindowDrag()) return;
      move = (p) => {
        this.host.windowDrag(p.mx - last.mx, p.my - last.my);
      };
    } else if (e.button === 1 || (e.button === 0 && this.host.tool() === 'pan')) {
      move = (p) => this.canvas.panBy(p.mx - last.mx, p.my - last.my);
    } else if (e.button === 0 && this.host.tool() === 'ruler') {
      const a = this.canvas.toImage(start.mx, start.my);
      const ruler: Ruler = { a, b: a };
      const list = this.rulers.get(this.index) ?? [];
      list.push(ruler);
      this.rulers.set(this.index, list);
      move = (p) => {
        ruler.b = this.canvas.toImage(p.mx, p.my);
        this.drawMeasurements();
      };
    } else if (e.button === 0 && this.host.tool() === 'crosshair') {
      const at = this.canvas.toImage(start.mx, start.my);
      this.host.crosshair(this.view, this.index, at.x, at.y);
      move = (p) => {
        const q = this.canvas.toImage(p.mx, p.my);
        this.host.crosshair(this.view, this.index, q.x, q.y);
      };
    } else {
      return;
    }
    e.preventDefault();
    this.el.setPointerCapture(e.pointerId);
    const onMove = (ev: PointerEvent) => {
      const p = this.local(ev);
      move(p);
      last = p;
    };
    const onUp = () => {
      this.dropEmptyRulers();
      this.el.removeEventListener('pointermove', onMove);
      this.el.removeEventListener('pointerup', onUp);
      this.el.removeEventListener('pointercancel', onUp);
    };
    this.el.addEventListener('pointermove', onMove);
    this.el.addEventListener('pointerup', onUp);
    this.el.addEventListener('pointercancel', onUp);
  }

  /** A click without a drag leaves no 0 mm ruler behind. */
  private dropEmptyRulers(): void {
    const list = this.rulers.get(this.index);
    if (!list) return;
    const kept = list.filter((r) => Math.hypot(r.b.x - r.a.x, r.b.y - r.a.y) * this.canvas.placement.scale >= 3);
    if (kept.length !== list.length) {
      this.rulers.set(this.index, kept);
      this.drawMeasurements();
    }
  }

  private drawMeasurements(): void {
    this.svg.replaceChildren();
    const line = (a: { x: number; y: number }, b: { x: number; y: number }, cls: string) => {
      const l = document.createElementNS(SVG, 'line');
      l.setAttribute('x1', String(a.x));
      l.setAttribute('y1', String(a.y));
      l.setAttribute('x2', String(b.x));
      l.setAttribute('y2', String(b.y));
      l.setAttribute('class', cls);
      this.svg.append(l);
    };
    for (const r of this.rulers.get(this.index) ?? []) {
      const a = this.canvas.toScreen(r.a.x, r.a.y);
      const b = this.canvas.toScreen(r.b.x, r.b.y);
      line(a, b, 'ruler');
      const d = this.distance(r.a, r.b);
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('x', String(b.x + 6));
      t.setAttribute('y', String(b.y - 6));
      t.setAttribute('class', 'ruler-label');
      t.textContent = `${d.value.toFixed(d.unit === 'mm' ? 1 : 0)} ${d.unit}`;
      this.svg.append(t);
    }
    if (this.crossAt) {
      const c = this.canvas.toScreen(this.crossAt.x + 0.5, this.crossAt.y + 0.5);
      const w = this.el.clientWidth;
      const h = this.el.clientHeight;
      line({ x: 0, y: c.y }, { x: w, y: c.y }, 'cross');
      line({ x: c.x, y: 0 }, { x: c.x, y: h }, 'cross');
    }
  }

  /** Rulers on the current slice, for tests and the status text. */
  rulerTexts(): string[] {
    return (this.rulers.get(this.index) ?? []).map((r) => {
      const d = this.distance(r.a, r.b);
      return `${d.value.toFixed(d.unit === 'mm' ? 1 : 0)} ${d.unit}`;
    });
  }
}
