import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeToolbarButton } from '@vscode-elements/elements/dist/vscode-toolbar-button/vscode-toolbar-button.js';
import type { ErrorPayload } from '../../src/core/errors';
import { windowPresets } from '../../src/core/imaging/windowPresets';
import { PLANES, type Plane } from '../../src/core/imaging/volumeSlice';
import type { ColormapName, ImageSummary, ImageWorkerMethods, ImageWorkerPageMethods, ProbeResult, RenderRequest, RenderResult, ViewKind, VoiChoice } from '../../src/core/protocol/imageWorker';
import type { RpcEndpoint } from '../../src/core/protocol/rpc';
import type { ViewerDescription, ViewerSettings, ViewerState } from '../../src/core/protocol/viewer';
import { codicon, el } from '../common/dom';
import { TagPanel } from './tagPanel';
import { divider, selectBox, setOptions, toolButton, type SelectOption } from './toolbar';
import { Viewport, type ViewportHost } from './viewport';

type Worker = RpcEndpoint<ImageWorkerMethods, ImageWorkerPageMethods, never, never>;

export const DEFAULT_STATE: ViewerState = {
  layout: 'single',
  view: 'stack',
  indices: {},
  timepoint: 0,
  voi: { kind: 'file' },
  invert: false,
  colormap: 'grey',
  zoom: {},
  tool: 'pan',
  panel: false,
  cineFps: null,
};

export interface AppHooks {
  saveState(state: ViewerState): void;
  copyText(text: string): void;
  log(message: string): void;
}

/**
 * The viewer page: toolbar, one viewport (stack or a plane) or three (MPR), the tag browser, and a status
 * bar with the slice slider, the pixel probe and loading progress. Pixels come from the worker.
 */
export class ViewerApp implements ViewportHost {
  readonly root: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly position: HTMLElement;
  private readonly probeText: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly warningsEl: HTMLElement;
  private readonly tagPanel: TagPanel;
  private summary: ImageSummary | null = null;
  private state: ViewerState;
  private viewports: Viewport[] = [];
  private active: ViewKind = 'stack';
  private windowSelect!: VscodeSingleSelect;
  private colormapSelect!: VscodeSingleSelect;
  private viewSelect!: VscodeSingleSelect;
  private buttons = new Map<string, VscodeToolbarButton>();
  private dragWindow: { center: number; width: number } | null = null;
  private cineTimer: number | null = null;
  private cineFrames: number[] = [];
  /** Frames painted since cine started (benchmarks read it). */
  private cinePainted = 0;
  private error: ErrorPayload | null = null;
  private lastProbe: ProbeResult | null = null;
  private saveTimer: number | null = null;

  constructor(private readonly worker: Worker, restored: ViewerState | undefined, private readonly settings: ViewerSettings, private readonly hooks: AppHooks) {
    this.state = { ...DEFAULT_STATE, ...restored };
    if (!restored && settings.initialWindow === 'fullRange') this.state.voi = { kind: 'fullRange' };
    this.toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Viewer tools' });
    this.stage = el('div', { class: 'stage' });
    this.slider = el('input', { type: 'range', class: 'slider', min: '0', max: '0', value: '0', 'aria-label': 'Slice' });
    this.position = el('span', { class: 'position' });
    this.probeText = el('span', { class: 'probe', id: 'probe', 'aria-live': 'off' });
    this.progress = el('div', { class: 'progress', hidden: '' });
    this.warningsEl = el('span', { class: 'warnings', hidden: '' });
    this.status = el('div', { class: 'statusbar' }, this.slider, this.position, this.probeText, this.warningsEl, this.progress);
    this.tagPanel = new TagPanel((t) => hooks.copyText(t), () => this.togglePanel(false));
    this.tagPanel.el.hidden = true;
    const main = el('div', { class: 'main' }, this.stage, this.tagPanel.el);
    this.root = el('div', { class: 'viewer' }, this.toolbar, main, this.status);
    this.slider.addEventListener('input', () => this.setIndex(this.active, Number(this.slider.value)));
    this.slider.addEventListener('keydown', (e) => e.stopPropagation());
    document.addEventListener('keydown', (e) => this.key(e));
  }

  // ——— loading ———

  /** What to render with the file's first look (restored view and display settings), before the summary is known. */
  firstRequest(): RenderRequest {
    const view = this.state.layout === 'mpr' ? 'axial' : this.state.view;
    return { view, index: this.state.indices[view] ?? 0, timepoint: this.state.timepoint, voi: this.state.voi, invert: this.state.invert, colormap: this.state.colormap };
  }

  /**
   * Shows an image (or the first state of a series); `keepView` keeps zoom/indices while a series grows.
   * `first`, rendered together with the open, is painted before anything else is built.
   */
  async show(summary: ImageSummary, keepView = false, first: RenderResult | null = null, onPainted?: () => void): Promise<void> {
    const hadVolume = !!this.summary?.views.axial;
    this.summary = summary;
    this.error = null;
    if (!summary.grey) this.state.colormap = 'grey';
    if (!summary.views.axial) this.state.layout = 'single';
    if (!summary.views[this.state.view]) this.state.view = 'stack';
    if (this.state.timepoint >= summary.timepoints) this.state.timepoint = 0;
    if (!keepView || hadVolume !== !!summary.views.axial || this.viewports.length === 0) this.buildViewports();
    else for (const v of this.viewports) v.geometry = summary.views[v.view] ?? v.geometry;
    const pending = this.viewports.filter((v) => !(first && v.view === first.view && v.index === first.index && v.showRendered(first)));
    if (pending.length < this.viewports.length) onPainted?.();
    this.buildToolbar();
    this.updateWarnings();
    for (const v of this.viewports) if (!pending.includes(v)) this.updateCorners(v);
    await Promise.all(pending.map((v) => this.renderViewport(v)));
    if (pending.length === this.viewports.length) onPainted?.();
    this.updateStatus();
    if (this.state.panel) await this.refreshTags();
  }

  setProgress(loaded: number, total: number, label = 'Loading series'): void {
    if (loaded >= total) {
      this.progress.hidden = true;
      this.progress.replaceChildren();
      return;
    }
    this.progress.hidden = false;
    const bar = document.createElement('vscode-progress-bar');
    bar.setAttribute('value', String(loaded));
    bar.setAttribute('max', String(total));
    this.progress.replaceChildren(el('span', {}, `${label} ${loaded} / ${total}`), bar);
    this.progress.setAttribute('data-loaded', String(loaded));
  }

  showError(e: ErrorPayload, fileName: string): void {
    this.error = e;
    this.stopCine();
    this.root.replaceChildren(
      el('div', { class: 'error', role: 'alert' }, codicon('error'),
        el('div', {}, el('div', { class: 'error-text' }, `${fileName} cannot be shown. ${e.message}`), el('div', { class: 'code' }, e.code))),
    );
  }

  describe(): ViewerDescription {
    const v = this.viewports[0];
    const drawn = document.body.dataset.state === 'rendered' && v;
    return {
      format: this.summary?.format ?? null,
      width: drawn ? v.canvas.width : 0,
      height: drawn ? v.canvas.height : 0,
      modality: this.summary?.modality ?? null,
      count: this.summary?.views.stack?.count ?? 0,
      index: v?.index ?? 0,
      error: this.error,
    };
  }

  // ——— layout ———

  private buildViewports(): void {
    const s = this.summary;
    if (!s) return;
    const views: ViewKind[] = this.state.layout === 'mpr' ? [...PLANES] : [this.state.view];
    this.viewports = views.map((view) => {
      const g = s.views[view];
      if (!g) throw new Error(`no ${view} view`);
      const v = new Viewport(view, g, this);
      v.index = clamp(this.state.indices[view] ?? defaultIndex(view, g.count), 0, g.count - 1);
      v.canvas.smoothing = this.settings.smoothing;
      v.canvas.setPixelSpacing(g.pixelSpacing);
      const z = this.state.zoom[view];
      if (z) v.canvas.setZoom(z);
      return v;
    });
    this.stage.className = `stage ${this.state.layout}`;
    this.stage.replaceChildren(...this.viewports.map((v) => v.el));
    this.active = views[0] as ViewKind;
  }

  private buildToolbar(): void {
    const s = this.summary;
    if (!s) return;
    const b = (id: string, icon: string, label: string, onClick: () => void, toggle = false) => {
      const button = toolButton({ id, icon, label, toggle, onClick });
      this.buttons.set(id, button);
      return button;
    };
    this.buttons.clear();
    const items: HTMLElement[] = [];
    if (s.views.axial) {
      this.viewSelect = selectBox({
        id: 'view-select', label: 'View', value: this.state.view,
        options: [{ value: 'stack', label: s.format === 'nifti' ? 'Axial (stack)' : 'Acquired slices' }, ...PLANES.map((p) => ({ value: p, label: capital(p) }))],
        onChange: (v) => this.setView(v as ViewKind),
      });
      items.push(b('layout-mpr', 'layout', 'Three planes: axial, coronal, sagittal (M)', () => this.toggleMpr(), true), this.viewSelect, divider());
    }
    if (s.grey) {
      this.windowSelect = selectBox({ id: 'window-select', label: 'Window / level', value: voiKey(this.state.voi), options: this.windowOptions(), onChange: (v) => this.chooseWindow(v) });
      this.colormapSelect = selectBox({
        id: 'colormap-select', label: 'Colormap', value: this.state.colormap,
        options: (['grey', 'hot', 'viridis', 'jet'] as ColormapName[]).map((c) => ({ value: c, label: capital(c) })),
        onChange: (v) => {
          this.state.colormap = v as ColormapName;
          this.renderAll();
        },
      });
      items.push(this.windowSelect, this.colormapSelect);
    }
    items.push(b('invert', 'color-mode', 'Invert (I)', () => this.toggleInvert(), true), divider());
    items.push(
      b('tool-pan', 'move', 'Pan: drag with the left button (wheel scrolls, Ctrl+wheel zooms, right-drag sets window/level)', () => this.setTool('pan'), true),
      b('tool-ruler', 'symbol-ruler', 'Measure distance: drag with the left button (Esc clears)', () => this.setTool('ruler'), true),
    );
    if (s.views.axial) items.push(b('tool-crosshair', 'target', 'Crosshair: click to link the three planes', () => this.setTool('crosshair'), true));
    items.push(divider(), b('zoom-fit', 'screen-full', 'Fit to window (F)', () => this.fitAll()), b('zoom-1to1', 'screen-normal', 'One image pixel per screen pixel (1)', () => this.oneToOne()));
    if (s.timepoints > 1) {
      items.push(divider(), selectBox({
        id: 'timepoint-select', label: 'Timepoint of the 4D volume ([ and ])', value: String(this.state.timepoint),
        options: Array.from({ length: s.timepoints }, (_, t) => ({ value: String(t), label: `t ${t + 1} / ${s.timepoints}` })),
        onChange: (v) => this.setTimepoint(Number(v)),
      }));
    }
    const count = s.views.stack?.count ?? 1;
    if (count > 1) items.push(divider(), b('cine', 'play', 'Play / pause cine (Space)', () => this.toggleCine(), true), this.fpsSelect());
    items.push(divider(), b('tags', 'list-tree', s.format === 'nifti' ? 'NIfTI header (T)' : 'DICOM tags (T)', () => this.togglePanel(), true));
    this.toolbar.replaceChildren(...items);
    this.syncButtons();
  }

  private fpsSelect(): VscodeSingleSelect {
    const fileFps = this.summary?.frameTimeMs ? Math.round(1000 / this.summary.frameTimeMs) : null;
    const values = [5, 10, 15, 20, 25, 30, 60];
    const options: SelectOption[] = [
      ...(fileFps ? [{ value: 'file', label: `${fileFps} fps (file)` }] : []),
      ...values.map((v) => ({ value: String(v), label: `${v} fps` })),
    ];
    const value = this.state.cineFps ? String(this.state.cineFps) : fileFps ? 'file' : '20';
    return selectBox({
      id: 'fps-select', label: 'Cine speed', value, options,
      onChange: (v) => {
        this.state.cineFps = v === 'file' ? null : Number(v);
        if (this.cineTimer !== null) {
          this.stopCine();
          this.startCine();
        }
        this.save();
      },
    });
  }

  private windowOptions(): SelectOption[] {
    const s = this.summary;
    if (!s) return [];
    const opts: SelectOption[] = [];
    opts.push({ value: 'file', label: s.voiLut ? 'File VOI LUT' : s.windows[0] ? `File: ${s.windows[0].label}` : s.format === 'nifti' ? 'Auto range' : 'File (full range)' });
    s.windows.slice(1).forEach((w, i) => opts.push({ value: `w:${w.center}:${w.width}`, label: `File ${i + 2}: ${w.label}` }));
    opts.push({ value: 'fullRange', label: 'Full range' });
    if (s.modality === 'CT' || s.unit === 'HU') for (const p of windowPresets) opts.push({ value: `w:${p.center}:${p.width}`, label: `${p.label} (W ${p.width} L ${p.center})` });
    const cur = this.state.voi;
    if (cur.kind === 'window' && !opts.some((o) => o.value === voiKey(cur))) opts.push({ value: voiKey(cur), label: `Custom (W ${round(cur.width)} L ${round(cur.center)})` });
    return opts;
  }

  private syncButtons(): void {
    const set = (id: string, on: boolean) => {
      const b = this.buttons.get(id);
      if (b) b.checked = on;
    };
    set('layout-mpr', this.state.layout === 'mpr');
    set('invert', this.state.invert);
    set('tool-pan', this.state.tool === 'pan');
    set('tool-ruler', this.state.tool === 'ruler');
    set('tool-crosshair', this.state.tool === 'crosshair');
    set('tags', this.state.panel);
    set('cine', this.cineTimer !== null);
    if (this.windowSelect?.isConnected) setOptions(this.windowSelect, this.windowOptions(), voiKey(this.state.voi));
  }

  // ——— actions ———

  private chooseWindow(key: string): void {
    if (key === 'file') this.state.voi = { kind: 'file' };
    else if (key === 'fullRange') this.state.voi = { kind: 'fullRange' };
    else {
      const [, c, w] = key.split(':');
      this.state.voi = { kind: 'window', center: Number(c), width: Number(w) };
    }
    this.renderAll();
  }

  private toggleInvert(): void {
    this.state.invert = !this.state.invert;
    this.syncButtons();
    this.renderAll();
  }

  private setTool(tool: ViewerState['tool']): void {
    this.state.tool = tool;
    this.syncButtons();
    this.save();
  }

  private toggleMpr(): void {
    if (!this.summary?.views.axial) return;
    this.state.layout = this.state.layout === 'mpr' ? 'single' : 'mpr';
    if (this.state.layout === 'mpr' && this.state.tool === 'pan') this.state.tool = 'crosshair';
    this.buildViewports();
    this.syncButtons();
    void Promise.all(this.viewports.map((v) => this.renderViewport(v))).then(() => this.updateStatus());
  }

  private setView(view: ViewKind): void {
    this.state.view = view;
    this.state.layout = 'single';
    this.buildViewports();
    this.syncButtons();
    void this.renderViewport(this.viewports[0] as Viewport).then(() => this.updateStatus());
  }

  private fitAll(): void {
    for (const v of this.viewports) v.canvas.fit();
  }

  private oneToOne(): void {
    this.viewport(this.active)?.canvas.oneToOne();
  }

  private togglePanel(open = !this.state.panel): void {
    this.state.panel = open;
    this.tagPanel.el.hidden = !open;
    this.syncButtons();
    this.save();
    if (open) void this.refreshTags().then(() => this.tagPanel.focusSearch());
  }

  private async refreshTags(): Promise<void> {
    const v = this.viewport(this.active) ?? this.viewports[0];
    const index = v && v.view === 'stack' ? v.index : 0;
    this.tagPanel.show(await this.worker.request('tags', { index }));
  }

  private toggleCine(): void {
    if (this.cineTimer !== null) this.stopCine();
    else this.startCine();
  }

  private startCine(): void {
    const fps = this.state.cineFps ?? (this.summary?.frameTimeMs ? 1000 / this.summary.frameTimeMs : 20);
    const v = this.viewport(this.active) ?? this.viewports[0];
    if (!v || v.geometry.count <= 1) return;
    let busy = false;
    this.cineFrames = [];
    this.cinePainted = 0;
    this.cineTimer = window.setInterval(() => {
      // Skip a tick rather than queue renders when the worker falls behind.
      if (busy) return;
      busy = true;
      v.index = (v.index + 1) % v.geometry.count;
      void v.requestRender().then(() => {
        busy = false;
        const now = performance.now();
        this.cinePainted++;
        this.cineFrames.push(now);
        while (this.cineFrames.length > 0 && now - (this.cineFrames[0] as number) > 2000) this.cineFrames.shift();
        this.updateStatus();
      });
    }, 1000 / fps);
    this.syncButtons();
  }

  private stopCine(): void {
    if (this.cineTimer !== null) window.clearInterval(this.cineTimer);
    this.cineTimer = null;
    this.cineFrames = [];
    this.syncButtons();
    this.save();
  }

  /** Frames painted per second over the last 2 s of cine (what the status bar and the benchmark show). */
  cineRate(): number {
    const f = this.cineFrames;
    if (f.length < 2) return 0;
    return ((f.length - 1) * 1000) / ((f[f.length - 1] as number) - (f[0] as number));
  }

  private setTimepoint(t: number): void {
    const n = this.summary?.timepoints ?? 1;
    const next = clamp(t, 0, n - 1);
    if (next === this.state.timepoint) return;
    this.state.timepoint = next;
    const select = this.toolbar.querySelector<VscodeSingleSelect>('#timepoint-select');
    if (select) select.value = String(next);
    this.renderAll();
  }

  private setIndex(view: ViewKind, index: number): void {
    const v = this.viewport(view);
    if (!v) return;
    const i = clamp(index, 0, v.geometry.count - 1);
    if (i === v.index) return;
    v.index = i;
    this.state.indices[view] = i;
    void this.renderViewport(v).then(() => this.updateStatus());
    if (this.state.panel && view === 'stack') void this.refreshTags();
    this.save();
  }

  private key(e: KeyboardEvent): void {
    if (!this.summary || e.target instanceof HTMLInputElement) return;
    const v = this.viewport(this.active);
    const handled = (() => {
      switch (e.key) {
        case 'ArrowUp': case 'ArrowLeft': this.step(this.active, -1); return true;
        case 'ArrowDown': case 'ArrowRight': this.step(this.active, 1); return true;
        case 'PageUp': this.step(this.active, -10); return true;
        case 'PageDown': this.step(this.active, 10); return true;
        case 'Home': if (v) this.setIndex(v.view, 0); return true;
        case 'End': if (v) this.setIndex(v.view, v.geometry.count - 1); return true;
        case '+': case '=': v?.canvas.zoomAt(v.el.clientWidth / 2, v.el.clientHeight / 2, 1.25); return true;
        case '-': v?.canvas.zoomAt(v.el.clientWidth / 2, v.el.clientHeight / 2, 0.8); return true;
        case 'f': case 'F': this.fitAll(); return true;
        case '1': this.oneToOne(); return true;
        case 'i': case 'I': this.toggleInvert(); return true;
        case ' ': this.toggleCine(); return true;
        case 't': case 'T': this.togglePanel(); return true;
        case 'm': case 'M': this.toggleMpr(); return true;
        case '[': this.setTimepoint(this.state.timepoint - 1); return true;
        case ']': this.setTimepoint(this.state.timepoint + 1); return true;
        case 'Escape': for (const x of this.viewports) x.clearRulers(); return true;
        default: return false;
      }
    })();
    if (handled) e.preventDefault();
  }

  // ——— ViewportHost ———

  render(view: ViewKind, index: number): Promise<RenderResult> {
    return this.worker.request('render', { view, index, timepoint: this.state.timepoint, voi: this.state.voi, invert: this.state.invert, colormap: this.state.colormap });
  }

  step(view: ViewKind, delta: number): void {
    const v = this.viewport(view);
    if (v) this.setIndex(view, v.index + delta);
  }

  tool(): ViewerState['tool'] {
    return this.state.tool;
  }

  beginWindowDrag(): boolean {
    if (!this.summary?.grey) return false;
    const v = this.viewport(this.active) ?? this.viewports[0];
    const cur = this.state.voi.kind === 'window' ? this.state.voi : v?.lastWindow;
    const r = this.summary.valueRange;
    this.dragWindow = cur ? { ...cur } : { center: (r.min + r.max) / 2, width: Math.max(1, r.max - r.min) };
    return true;
  }

  windowDrag(dx: number, dy: number): void {
    if (!this.dragWindow || !this.summary) return;
    // A drag across the viewport spans the image's whole value range.
    const span = Math.max(1e-6, this.summary.valueRange.max - this.summary.valueRange.min);
    const k = span / Math.max(200, this.stage.clientWidth);
    this.dragWindow.width = Math.max(k, this.dragWindow.width + dx * k);
    this.dragWindow.center += dy * k;
    this.state.voi = { kind: 'window', center: this.dragWindow.center, width: this.dragWindow.width };
    this.renderAll();
  }

  probe(view: ViewKind, index: number, x: number, y: number): void {
    void this.worker.request('probe', { view, index, timepoint: this.state.timepoint, x, y }).then((p) => {
      this.lastProbe = p;
      this.showProbe(p);
    }, () => undefined);
  }

  crosshair(view: ViewKind, index: number, x: number, y: number): void {
    void this.worker.request('probe', { view, index, timepoint: this.state.timepoint, x, y }).then((p) => {
      if (!p.inside || !p.planes) return;
      this.showProbe(p);
      for (const v of this.viewports) {
        const at = p.planes[v.view as Plane];
        if (!at) continue;
        v.setCrosshair({ x: at.x, y: at.y });
        if (v.view !== view && at.index !== v.index) {
          v.index = at.index;
          this.state.indices[v.view] = at.index;
          void this.renderViewport(v);
        }
      }
      this.updateStatus();
      this.save();
    }, () => undefined);
  }

  activate(view: ViewKind): void {
    if (this.active === view) return;
    this.active = view;
    this.updateStatus();
  }

  placementChanged(view: ViewKind): void {
    const v = this.viewport(view);
    if (!v) return;
    if (v.canvas.isFit) delete this.state.zoom[view];
    else this.state.zoom[view] = v.canvas.placement;
    this.updateCorners(v);
    this.save();
  }

  // ——— drawing ———

  private renderAll(): void {
    this.syncButtons();
    for (const v of this.viewports) void this.renderViewport(v);
    this.save();
  }

  private async renderViewport(v: Viewport): Promise<void> {
    await v.requestRender();
    this.updateCorners(v);
  }

  private updateCorners(v: Viewport): void {
    const s = this.summary;
    if (!s) return;
    const g = v.geometry;
    const spacing = g.pixelSpacing ? `${fmt(g.pixelSpacing[1])} × ${fmt(g.pixelSpacing[0])} mm` : 'spacing not stated';
    const zoom = `${Math.round(v.canvas.placement.scale * 100)}%`;
    v.corners.tl.textContent = v.view === 'stack'
      ? [s.description, s.modality ?? (s.format === 'nifti' ? 'NIfTI' : 'DICOM'), `${g.width} × ${g.height}`].filter(Boolean).join('\n')
      : `${capital(v.view)}\n${g.width} × ${g.height}`;
    v.corners.tr.textContent = v.view === 'stack' ? [s.encoding, s.pixelKind].filter(Boolean).join('\n') : '';
    const w = v.lastWindow;
    v.corners.bl.textContent = [w ? `W ${fmt(w.width)}  L ${fmt(w.center)}` : '', this.state.invert ? 'inverted' : '', this.state.colormap !== 'grey' ? this.state.colormap : '']
      .filter(Boolean).join('  ');
    v.corners.br.textContent = [`${g.count > 1 ? `${v.view === 'stack' && s.format === 'dicom' && !s.views.axial ? 'frame' : 'slice'} ${v.index + 1} / ${g.count}\n` : ''}zoom ${zoom}`, `pixel ${spacing}`].join('\n');
  }

  private updateStatus(): void {
    const v = this.viewport(this.active) ?? this.viewports[0];
    if (!v) return;
    const count = v.geometry.count;
    this.slider.max = String(Math.max(0, count - 1));
    this.slider.value = String(v.index);
    this.slider.hidden = count <= 1;
    this.slider.setAttribute('aria-valuetext', `${v.index + 1} of ${count}`);
    const rate = this.cineTimer !== null ? `  ·  cine ${this.cineRate().toFixed(1)} fps` : '';
    this.position.textContent = count > 1 ? `${v.index + 1} / ${count}${rate}` : '';
    this.position.dataset.index = String(v.index);
    this.position.dataset.fps = this.cineRate().toFixed(2);
    this.position.dataset.cineFrames = String(this.cinePainted);
  }

  private updateWarnings(): void {
    const w = this.summary?.warnings ?? [];
    this.warningsEl.hidden = w.length === 0;
    this.warningsEl.replaceChildren(codicon('warning'), el('span', {}, ` ${w.length}`));
    this.warningsEl.title = w.join('\n');
  }

  private showProbe(p: ProbeResult): void {
    if (!p.inside) {
      this.probeText.textContent = '';
      return;
    }
    const unit = p.unit ? ` ${p.unit}` : '';
    const values = p.modality.length === 1 ? `${fmt(p.modality[0] as number)}${unit}` : `(${p.modality.map(fmt).join(', ')})`;
    const stored = p.stored.length === 1 && p.stored[0] !== p.modality[0] ? `  stored ${fmt(p.stored[0] as number)}` : '';
    const lps = p.lps ? `  (${p.lps.map((n) => n.toFixed(1)).join(', ')}) mm` : '';
    this.probeText.textContent = `[${p.ijk.join(', ')}]  ${values}${stored}${lps}`;
    this.probeText.dataset.modality = p.modality.join(',');
    this.probeText.dataset.stored = p.stored.join(',');
    this.probeText.dataset.ijk = p.ijk.join(',');
  }

  /** For tests: the last probe reading. */
  get probeReading(): ProbeResult | null {
    return this.lastProbe;
  }

  private viewport(view: ViewKind): Viewport | undefined {
    return this.viewports.find((v) => v.view === view);
  }

  private save(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = null;
      this.hooks.saveState(this.state);
    }, 200);
  }

  get viewerState(): ViewerState {
    return this.state;
  }
}

function defaultIndex(view: ViewKind, count: number): number {
  return view === 'stack' ? 0 : Math.floor(count / 2);
}

function voiKey(v: VoiChoice): string {
  return v.kind === 'window' ? `w:${v.center}:${v.width}` : v.kind;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(Math.abs(n) < 10 ? 3 : 1).replace(/0+$/, '').replace(/\.$/, '');
}
