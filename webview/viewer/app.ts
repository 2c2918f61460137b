import type { ErrorPayload } from '../../src/core/errors';
import { PLANES, type Plane } from '../../src/core/imaging/volumeSlice';
import type {
  ImageSummary, ImageWorkerEvent, ImageWorkerMethods, ImageWorkerPageMethods, RenderRequest, RenderResult, ViewKind,
} from '../../src/core/protocol/imageWorker';
import type { RpcEndpoint } from '../../src/core/protocol/rpc';
import type { ViewerDescription, ViewerSettings, ViewerState } from '../../src/core/protocol/viewer';
import { codicon, el } from '../common/dom';
import { Cine } from './cine';
import { capital, fmt } from './format';
import { actionOf, isViewerKey, type ViewerAction } from './keyboard';
import { StatusBar } from './statusBar';
import { TagPanel } from './tagPanel';
import { ViewerToolbar, type ToolbarHost } from './viewerToolbar';
import { Viewport, type ViewportHost } from './viewport';

type Worker = RpcEndpoint<ImageWorkerMethods, ImageWorkerPageMethods, never, ImageWorkerEvent>;

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
 * The viewer page: toolbar, one viewport (stack or a plane) or three (MPR), the tag browser, and the status
 * bar. Pixels come from the worker; this class keeps the state (what the user chose) and the layout.
 * `state.layout`/`state.view` are what the user asked for; a series shows them once its volume exists.
 */
export class ViewerApp implements ViewportHost {
  readonly root: HTMLElement;
  private readonly toolbar: ViewerToolbar;
  private readonly stage: HTMLElement;
  private readonly status: StatusBar;
  private readonly tagPanel: TagPanel;
  private readonly cine = new Cine();
  private summary: ImageSummary | null = null;
  private state: ViewerState;
  private viewports: Viewport[] = [];
  private active: ViewKind = 'stack';
  private dragWindow: { center: number; width: number } | null = null;
  private error: ErrorPayload | null = null;
  private saveTimer: number | null = null;
  private readonly extraWarnings: string[] = [];

  constructor(private readonly worker: Worker, restored: ViewerState | undefined, private readonly settings: ViewerSettings, private readonly hooks: AppHooks) {
    this.state = { ...DEFAULT_STATE, ...restored };
    if (!restored && settings.initialWindow === 'fullRange') this.state.voi = { kind: 'fullRange' };
    this.toolbar = new ViewerToolbar(this.toolbarHost());
    this.stage = el('div', { class: 'stage' });
    this.status = new StatusBar((i) => this.setIndex(this.active, i));
    this.tagPanel = new TagPanel((t) => hooks.copyText(t), () => this.togglePanel(false));
    this.tagPanel.el.hidden = true;
    this.root = el('div', { class: 'viewer' }, this.toolbar.el, el('div', { class: 'main' }, this.stage, this.tagPanel.el), this.status.el);
    document.addEventListener('keydown', (e) => this.key(e));
  }

  // ——— loading ———

  /** What to render with the file's first look (restored view and display settings), before the summary is known. */
  firstRequest(): RenderRequest {
    const view = this.state.layout === 'mpr' ? 'axial' : this.state.view;
    // -1: the worker picks the default index (defaultIndex below), which needs the summary it has not sent yet.
    return { view, index: this.state.indices[view] ?? -1, timepoint: this.state.timepoint, voi: this.state.voi, invert: this.state.invert, colormap: this.state.colormap };
  }

  /**
   * Shows an image (or a series so far); `keepView` keeps zoom and indices while a series grows. `first`,
   * rendered together with the open, is painted before anything else is built; `onPainted` then runs.
   */
  async show(summary: ImageSummary, keepView = false, first: RenderResult | null = null, onPainted?: () => void): Promise<void> {
    const views = this.layoutViews(summary);
    const sameViews = keepView && views.join() === this.viewports.map((v) => v.view).join();
    this.summary = summary;
    this.error = null;
    if (!summary.grey) this.state.colormap = 'grey';
    if (this.state.timepoint >= summary.timepoints) this.state.timepoint = 0;
    if (sameViews) for (const v of this.viewports) v.geometry = summary.views[v.view] ?? v.geometry;
    else this.buildViewports(views);
    const pending = this.viewports.filter((v) => !(first && v.view === first.view && v.index === first.index && v.showRendered(first)));
    if (pending.length < this.viewports.length) onPainted?.();
    this.toolbar.build(summary);
    this.status.setWarnings([...summary.warnings, ...this.extraWarnings]);
    for (const v of this.viewports) if (!pending.includes(v)) this.updateCorners(v);
    await Promise.all(pending.map((v) => this.renderViewport(v)));
    if (pending.length === this.viewports.length) onPainted?.();
    this.updateStatus();
    if (this.state.panel) await this.refreshTags();
  }

  /** A warning beside the series' own (shown in the status bar). */
  addWarning(text: string): void {
    this.extraWarnings.push(text);
    this.status.setWarnings([...(this.summary?.warnings ?? []), ...this.extraWarnings]);
  }

  setProgress(done: number, total: number, label = 'Loading series'): void {
    this.status.setProgress(done, total, label);
  }

  showError(e: ErrorPayload, fileName: string): void {
    this.error = e;
    this.cine.stop();
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

  /** The views the chosen layout shows for this image (MPR only once a volume exists). */
  private layoutViews(s: ImageSummary): ViewKind[] {
    if (this.state.layout === 'mpr' && s.views.axial) return [...PLANES];
    return [s.views[this.state.view] ? this.state.view : 'stack'];
  }

  private buildViewports(views: ViewKind[]): void {
    const s = this.summary;
    if (!s) return;
    this.cine.stop();
    for (const v of this.viewports) v.dispose();
    this.viewports = views.map((view) => {
      const g = s.views[view];
      if (!g) throw new Error(`no ${view} view`);
      const v = new Viewport(view, g, this);
      v.index = clamp(this.state.indices[view] ?? defaultIndex(view, g.count, s.format), 0, g.count - 1);
      v.canvas.smoothing = this.settings.smoothing;
      v.canvas.setPixelSpacing(g.pixelSpacing);
      const z = this.state.zoom[view];
      if (z) v.canvas.setZoom(z);
      return v;
    });
    this.stage.className = `stage ${views.length > 1 ? 'mpr' : 'single'}`;
    this.stage.replaceChildren(...this.viewports.map((v) => v.el));
    this.active = views[0] as ViewKind;
  }

  private toolbarHost(): ToolbarHost {
    return {
      state: () => this.state,
      summary: () => this.summary,
      mpr: () => this.viewports.length > 1,
      cineRunning: () => this.cine.running,
      run: (a) => this.run(a),
      setView: (v) => this.setView(v),
      chooseWindow: (k) => this.chooseWindow(k),
      setColormap: (c) => {
        this.state.colormap = c;
        this.renderAll();
      },
      setTool: (t) => this.setTool(t),
      setTimepoint: (t) => this.setTimepoint(t),
      setCineFps: (fps) => {
        this.state.cineFps = fps;
        if (this.cine.running) this.startCine();
        this.save();
      },
    };
  }

  // ——— actions ———

  private run(a: ViewerAction): void {
    const v = this.viewport(this.active);
    switch (a.kind) {
      case 'step': this.step(this.active, a.delta); return;
      case 'first': if (v) this.setIndex(v.view, 0); return;
      case 'last': if (v) this.setIndex(v.view, v.geometry.count - 1); return;
      case 'zoom': v?.canvas.zoomAt(v.el.clientWidth / 2, v.el.clientHeight / 2, a.factor); return;
      case 'fit': for (const x of this.viewports) x.canvas.fit(); return;
      case 'oneToOne': v?.canvas.oneToOne(); return;
      case 'invert':
        this.state.invert = !this.state.invert;
        this.renderAll();
        return;
      case 'cine':
        if (this.cine.running) this.stopCine();
        else this.startCine();
        return;
      case 'tags': this.togglePanel(); return;
      case 'mpr': this.toggleMpr(); return;
      case 'timepoint': this.setTimepoint(this.state.timepoint + a.delta); return;
      case 'clearMeasurements': for (const x of this.viewports) x.clearRulers(); return;
    }
  }

  private chooseWindow(key: string): void {
    if (key === 'file') this.state.voi = { kind: 'file' };
    else if (key === 'fullRange') this.state.voi = { kind: 'fullRange' };
    else {
      const [, c, w] = key.split(':');
      this.state.voi = { kind: 'window', center: Number(c), width: Number(w) };
    }
    this.renderAll();
  }

  private setTool(tool: ViewerState['tool']): void {
    this.state.tool = tool;
    this.toolbar.sync();
    this.save();
  }

  private toggleMpr(): void {
    if (!this.summary?.views.axial) return;
    this.state.layout = this.viewports.length > 1 ? 'single' : 'mpr';
    if (this.state.layout === 'mpr' && this.state.tool === 'pan') this.state.tool = 'crosshair';
    this.relayout();
  }

  private setView(view: ViewKind): void {
    this.state.view = view;
    this.state.layout = 'single';
    this.relayout();
  }

  private relayout(): void {
    if (!this.summary) return;
    this.buildViewports(this.layoutViews(this.summary));
    this.toolbar.sync();
    this.save();
    void Promise.all(this.viewports.map((v) => this.renderViewport(v))).then(() => this.updateStatus());
  }

  private togglePanel(open = !this.state.panel): void {
    this.state.panel = open;
    this.tagPanel.el.hidden = !open;
    this.toolbar.sync();
    this.save();
    if (open) void this.refreshTags().then(() => this.tagPanel.focusSearch());
    else (this.viewport(this.active) ?? this.viewports[0])?.el.focus();
  }

  private async refreshTags(): Promise<void> {
    const v = this.viewport(this.active) ?? this.viewports[0];
    const index = v && v.view === 'stack' ? v.index : 0;
    this.tagPanel.show(await this.worker.request('tags', { index }));
  }

  private startCine(): void {
    const fps = this.state.cineFps ?? (this.summary?.frameTimeMs ? 1000 / this.summary.frameTimeMs : 20);
    const v = this.viewport(this.active) ?? this.viewports[0];
    if (v) this.cine.start(v, fps, () => this.updateStatus());
    this.toolbar.sync();
  }

  private stopCine(): void {
    this.cine.stop();
    this.toolbar.sync();
    this.updateStatus();
    this.save();
  }

  private setTimepoint(t: number): void {
    const next = clamp(t, 0, (this.summary?.timepoints ?? 1) - 1);
    if (next === this.state.timepoint) return;
    this.state.timepoint = next;
    this.toolbar.showTimepoint(next);
    this.renderAll();
  }

  private setIndex(view: ViewKind, index: number): void {
    const v = this.viewport(view);
    if (!v) return;
    const i = clamp(index, 0, v.geometry.count - 1);
    if (i === v.index) return;
    v.index = i;
    this.state.indices[view] = i;
    void this.renderViewport(v).then(() => {
      this.updateStatus();
      v.reprobe();
    });
    if (this.state.panel && view === 'stack') void this.refreshTags();
    this.save();
  }

  private key(e: KeyboardEvent): void {
    if (!this.summary || !isViewerKey(e)) return;
    const action = actionOf(e.key);
    if (!action) return;
    e.preventDefault();
    this.run(action);
  }

  // ——— ViewportHost ———

  render(view: ViewKind, index: number): Promise<RenderResult> {
    return this.worker.request('render', { view, index, timepoint: this.state.timepoint, voi: this.state.voi, invert: this.state.invert, colormap: this.state.colormap });
  }

  renderFailed(view: ViewKind, index: number, error: unknown): void {
    const message = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
    this.hooks.log(`${view} ${index + 1} could not be rendered: ${message}`);
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
    void this.worker.request('probe', { view, index, timepoint: this.state.timepoint, x, y }).then((p) => this.status.showProbe(p), () => undefined);
  }

  probeCleared(): void {
    this.status.clearProbe();
  }

  crosshair(view: ViewKind, index: number, x: number, y: number): void {
    void this.worker.request('probe', { view, index, timepoint: this.state.timepoint, x, y }).then((p) => {
      if (!p.inside || !p.planes) return;
      this.status.showProbe(p);
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
    this.toolbar.sync();
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
    const noun = v.view === 'stack' && s.format === 'dicom' && !s.views.axial ? 'frame' : 'slice';
    v.corners.br.textContent = [`${g.count > 1 ? `${noun} ${v.index + 1} / ${g.count}\n` : ''}zoom ${zoom}`, `pixel ${spacing}`].join('\n');
  }

  private updateStatus(): void {
    const v = this.viewport(this.active) ?? this.viewports[0];
    if (v) this.status.showPosition(v.index, v.geometry.count, { running: this.cine.running, rate: this.cine.rate(), painted: this.cine.painted });
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
}

/** Where a view opens: a DICOM stack at its first frame, any volume plane (NIfTI's stack is axial) in the middle. */
function defaultIndex(view: ViewKind, count: number, format: ImageSummary['format']): number {
  return view === 'stack' && format === 'dicom' ? 0 : Math.floor(count / 2);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

