import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeToolbarButton } from '@vscode-elements/elements/dist/vscode-toolbar-button/vscode-toolbar-button.js';
import { el } from '../common/dom';

/** A toolbar icon button (codicon), optionally a toggle; the title says its shortcut. */
export function toolButton(o: { id: string; icon: string; label: string; toggle?: boolean; onClick: () => void }): VscodeToolbarButton {
  const b = document.createElement('vscode-toolbar-button');
  b.id = o.id;
  b.icon = o.icon;
  b.label = o.label;
  b.title = o.label;
  if (o.toggle) b.toggleable = true;
  b.addEventListener('click', () => o.onClick());
  return b;
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A VS Code-styled drop-down; `onChange` gets the chosen value. */
export function selectBox(o: { id: string; label: string; options: SelectOption[]; value: string; onChange: (value: string) => void }): VscodeSingleSelect {
  const s = document.createElement('vscode-single-select');
  s.id = o.id;
  s.setAttribute('aria-label', o.label);
  s.title = o.label;
  setOptions(s, o.options, o.value);
  s.addEventListener('change', () => o.onChange(s.value));
  return s;
}

export function setOptions(s: VscodeSingleSelect, options: SelectOption[], value: string): void {
  s.replaceChildren(...options.map((opt) => {
    const e = document.createElement('vscode-option');
    e.value = opt.value;
    e.textContent = opt.label;
    if (opt.value === value) e.selected = true;
    return e;
  }));
  s.value = value;
}

export function divider(): HTMLElement {
  return el('span', { class: 'toolbar-divider', role: 'separator' });
}
