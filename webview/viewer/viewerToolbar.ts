import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeToolbarButton } from '@vscode-elements/elements/dist/vscode-toolbar-button/vscode-toolbar-button.js';
import { windowPresets } from '../../src/core/imaging/windowPresets';
import { PLANES } from '../../src/core/imaging/volumeSlice';
import type { ColormapName, ImageSummary, ViewKind, VoiChoice } from '../../src/core/protocol/imageWorker';
import type { ViewerState } from '../../src/core/protocol/viewer';
import { el } from '../common/dom';
import { capital } from './format';
import type { ViewerAction } from './keyboard';
import { divider, selectBox, setOptions, toolButton, type SelectOption } from './toolbar';

/** What the toolbar reads from and asks of the viewer. */
export interface ToolbarHost {
  state(): ViewerState;
  summary(): ImageSummary | null;
  mpr(): boolean;
  cineRunning(): boolean;
  run(action: ViewerAction): void;
  setView(view: ViewKind): void;
  chooseWindow(key: string): void;
  setColormap(c: ColormapName): void;
  setTool(tool: ViewerState['tool']): void;
  setTimepoint(t: number): void;
  setCineFps(fps: number | null): void;
}

/** The viewer's toolbar: what it offers depends on the image (volume, grey, 4D, frames); its toggles mirror the state. */
export class ViewerToolbar {
  readonly el = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Viewer tools' });
  private windowSelect: VscodeSingleSelect | null = null;
  private readonly buttons = new Map<string, VscodeToolbarButton>();
  private key = '';

  constructor(private readonly host: ToolbarHost) {}

  build(s: ImageSummary): void {
    // Rebuilt only when what it offers changes (a series grows chunk by chunk; focus must not jump).
    const key = JSON.stringify([!!s.views.axial, s.grey, s.windows, s.voiLut, s.timepoints, (s.views.stack?.count ?? 1) > 1, s.frameTimeMs, s.format, s.modality]);
    if (key === this.key) {
      this.sync();
      return;
    }
    this.key = key;
    const state = this.host.state();
    const b = (id: string, icon: string, label: string, onClick: () => void, toggle = false) => {
      const button = toolButton({ id, icon, label, toggle, onClick });
      this.buttons.set(id, button);
      return button;
    };
    this.buttons.clear();
    this.windowSelect = null;
    const items: HTMLElement[] = [];
    if (s.views.axial) {
      items.push(
        b('layout-mpr', 'layout', 'Three planes: axial, coronal, sagittal (M)', () => this.host.run({ kind: 'mpr' }), true),
        selectBox({
          id: 'view-select', label: 'View', value: state.view,
          options: [{ value: 'stack', label: s.format === 'nifti' ? 'Axial (stack)' : 'Acquired slices' }, ...PLANES.map((p) => ({ value: p, label: capital(p) }))],
          onChange: (v) => this.host.setView(v as ViewKind),
        }),
        divider(),
      );
    }
    if (s.grey) {
      this.windowSelect = selectBox({ id: 'window-select', label: 'Window / level', value: voiKey(state.voi), options: windowOptions(s, state.voi), onChange: (v) => this.host.chooseWindow(v) });
      items.push(this.windowSelect, selectBox({
        id: 'colormap-select', label: 'Colormap', value: state.colormap,
        options: (['grey', 'hot', 'viridis', 'jet'] as ColormapName[]).map((c) => ({ value: c, label: capital(c) })),
        onChange: (v) => this.host.setColormap(v as ColormapName),
      }));
    }
    items.push(b('invert', 'color-mode', 'Invert (I)', () => this.host.run({ kind: 'invert' }), true), divider());
    items.push(
      b('tool-pan', 'move', 'Pan: drag with the left button (wheel scrolls, Ctrl+wheel zooms, right-drag sets window/level)', () => this.host.setTool('pan'), true),
      b('tool-ruler', 'symbol-ruler', 'Measure distance: drag with the left button (Esc clears)', () => this.host.setTool('ruler'), true),
    );
    if (s.views.axial) items.push(b('tool-crosshair', 'target', 'Crosshair: click to link the three planes', () => this.host.setTool('crosshair'), true));
    items.push(divider(), b('zoom-fit', 'screen-full', 'Fit to window (F)', () => this.host.run({ kind: 'fit' })), b('zoom-1to1', 'screen-normal', 'One image pixel per screen pixel (1)', () => this.host.run({ kind: 'oneToOne' })));
    if (s.timepoints > 1) {
      items.push(divider(), selectBox({
        id: 'timepoint-select', label: 'Timepoint of the 4D volume ([ and ])', value: String(state.timepoint),
        options: Array.from({ length: s.timepoints }, (_, t) => ({ value: String(t), label: `t ${t + 1} / ${s.timepoints}` })),
        onChange: (v) => this.host.setTimepoint(Number(v)),
      }));
    }
    if ((s.views.stack?.count ?? 1) > 1) items.push(divider(), b('cine', 'play', 'Play / pause cine (Space)', () => this.host.run({ kind: 'cine' }), true), this.fpsSelect(s, state));
    items.push(divider(), b('tags', 'list-tree', s.format === 'nifti' ? 'NIfTI header (T)' : 'DICOM tags (T)', () => this.host.run({ kind: 'tags' }), true));
    this.el.replaceChildren(...items);
    this.sync();
  }

  /** Toggles and the window drop-down follow the state. */
  sync(): void {
    const state = this.host.state();
    const set = (id: string, on: boolean) => {
      const b = this.buttons.get(id);
      if (b) b.checked = on;
    };
    set('layout-mpr', this.host.mpr());
    set('invert', state.invert);
    set('tool-pan', state.tool === 'pan');
    set('tool-ruler', state.tool === 'ruler');
    set('tool-crosshair', state.tool === 'crosshair');
    set('tags', state.panel);
    set('cine', this.host.cineRunning());
    const s = this.host.summary();
    if (s && this.windowSelect?.isConnected) setOptions(this.windowSelect, windowOptions(s, state.voi), voiKey(state.voi));
  }

  showTimepoint(t: number): void {
    const select = this.el.querySelector<VscodeSingleSelect>('#timepoint-select');
    if (select) select.value = String(t);
  }

  private fpsSelect(s: ImageSummary, state: ViewerState): VscodeSingleSelect {
    const fileFps = s.frameTimeMs ? Math.round(1000 / s.frameTimeMs) : null;
    const options: SelectOption[] = [
      ...(fileFps ? [{ value: 'file', label: `${fileFps} fps (file)` }] : []),
      ...[5, 10, 15, 20, 25, 30, 60].map((v) => ({ value: String(v), label: `${v} fps` })),
    ];
    const value = state.cineFps ? String(state.cineFps) : fileFps ? 'file' : '20';
    return selectBox({ id: 'fps-select', label: 'Cine speed', value, options, onChange: (v) => this.host.setCineFps(v === 'file' ? null : Number(v)) });
  }
}

/** The window drop-down: the file's VOI and other windows, full range, CT presets where values are HU, the current custom window. */
export function windowOptions(s: ImageSummary, current: VoiChoice): SelectOption[] {
  const opts: SelectOption[] = [];
  opts.push({ value: 'file', label: s.voiLut ? 'File VOI LUT' : s.windows[0] ? `File: ${s.windows[0].label}` : s.format === 'nifti' ? 'Auto range' : 'File (full range)' });
  s.windows.slice(1).forEach((w, i) => opts.push({ value: `w:${w.center}:${w.width}`, label: `File ${i + 2}: ${w.label}` }));
  opts.push({ value: 'fullRange', label: 'Full range' });
  // CT windows in HU: for CT, and for volumes whose values look like HU (air at −1000).
  const hu = s.modality === 'CT' || s.unit === 'HU' || (s.format === 'nifti' && s.valueRange.min <= -900 && s.valueRange.max >= 100);
  if (hu) for (const p of windowPresets) opts.push({ value: `w:${p.center}:${p.width}`, label: `${p.label} (W ${p.width} L ${p.center})` });
  if (current.kind === 'window' && !opts.some((o) => o.value === voiKey(current))) {
    opts.push({ value: voiKey(current), label: `Custom (W ${Math.round(current.width * 10) / 10} L ${Math.round(current.center * 10) / 10})` });
  }
  return opts;
}

export function voiKey(v: VoiChoice): string {
  return v.kind === 'window' ? `w:${v.center}:${v.width}` : v.kind;
}
