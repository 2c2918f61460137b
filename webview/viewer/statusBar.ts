import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { ProbeResult } from '../../src/core/protocol/imageWorker';
import { codicon, el } from '../common/dom';
import { fmt } from './format';

/** The bottom bar: slice slider and position, the pixel probe, series warnings and loading progress. */
export class StatusBar {
  readonly el: HTMLElement;
  readonly slider: HTMLInputElement;
  private readonly position: HTMLElement;
  private readonly probeText: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly warnings: HTMLElement;

  constructor(onSlide: (index: number) => void) {
    this.slider = el('input', { type: 'range', class: 'slider', min: '0', max: '0', value: '0', 'aria-label': 'Slice' });
    this.position = el('span', { class: 'position' });
    this.probeText = el('span', { class: 'probe', id: 'probe', 'aria-live': 'off' });
    this.progress = el('div', { class: 'progress', hidden: '' });
    this.warnings = el('span', { class: 'warnings', hidden: '', tabindex: '0' });
    this.el = el('div', { class: 'statusbar' }, this.slider, this.position, this.probeText, this.warnings, this.progress);
    this.slider.addEventListener('input', () => onSlide(Number(this.slider.value)));
  }

  showPosition(index: number, count: number, cine: { running: boolean; rate: number; painted: number }): void {
    this.slider.max = String(Math.max(0, count - 1));
    this.slider.value = String(index);
    this.slider.hidden = count <= 1;
    this.slider.setAttribute('aria-valuetext', `${index + 1} of ${count}`);
    const rate = cine.running ? `  ·  cine ${cine.rate.toFixed(1)} fps` : '';
    this.position.textContent = count > 1 ? `${index + 1} / ${count}${rate}` : '';
    this.position.dataset.index = String(index);
    this.position.dataset.fps = cine.rate.toFixed(2);
    this.position.dataset.cineFrames = String(cine.painted);
  }

  showProbe(p: ProbeResult): void {
    if (!p.inside) {
      this.clearProbe();
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
    this.probeText.dataset.lps = p.lps ? p.lps.join(',') : '';
  }

  clearProbe(): void {
    this.probeText.textContent = '';
    for (const k of ['modality', 'stored', 'ijk', 'lps']) delete this.probeText.dataset[k];
  }

  setWarnings(list: readonly string[]): void {
    this.warnings.hidden = list.length === 0;
    this.warnings.replaceChildren(codicon('warning'), el('span', {}, ` ${list.length}`));
    this.warnings.title = list.join('\n');
    this.warnings.setAttribute('aria-label', `${list.length} warning(s): ${list.join(' ')}`);
  }

  setProgress(done: number, total: number, label: string): void {
    if (done >= total) {
      this.progress.hidden = true;
      this.progress.replaceChildren();
      return;
    }
    this.progress.hidden = false;
    const bar = document.createElement('vscode-progress-bar');
    bar.setAttribute('value', String(done));
    bar.setAttribute('max', String(total));
    this.progress.replaceChildren(el('span', {}, `${label} ${done} / ${total}`), bar);
    this.progress.setAttribute('data-loaded', String(done));
  }
}
