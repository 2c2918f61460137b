import type { TagNode } from '../../src/core/dicom/types';
import type { ImageTags } from '../../src/core/protocol/imageWorker';
import { codicon, el } from '../common/dom';

/**
 * The tag browser: every DICOM element (tag, VR, keyword, value), sequences expandable, search by tag,
 * keyword or value, copy a value, private tags marked; for NIfTI the header fields.
 */
export class TagPanel {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly count: HTMLElement;
  private tags: ImageTags | null = null;
  private readonly expanded = new Set<string>();

  constructor(private readonly copy: (text: string) => void, private readonly close: () => void) {
    this.search = el('input', { type: 'search', class: 'tag-search', placeholder: 'Search tag, keyword or value', 'aria-label': 'Search tags' });
    this.count = el('span', { class: 'tag-count' });
    const closeButton = el('button', { class: 'icon-button', title: 'Close (T)', 'aria-label': 'Close tag browser' }, codicon('close'));
    closeButton.addEventListener('click', close);
    this.list = el('div', { class: 'tag-list', role: 'tree', 'aria-label': 'DICOM elements' });
    this.el = el('aside', { class: 'tag-panel', 'aria-label': 'Tags' },
      el('div', { class: 'tag-head' }, el('span', { class: 'tag-title' }, 'Tags'), this.count, closeButton),
      this.search, this.list);
    this.search.addEventListener('input', () => this.draw());
    this.search.addEventListener('keydown', (e) => {
      // Keys typed here are text, not viewer shortcuts.
      e.stopPropagation();
      if (e.key === 'Escape') {
        if (this.search.value) {
          this.search.value = '';
          this.draw();
        } else this.close();
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.focusRow(0);
      }
    });
    this.list.addEventListener('keydown', (e) => this.listKey(e));
  }

  private rows(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('.tag-row')];
  }

  private focusRow(i: number): void {
    const rows = this.rows();
    const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!row) return;
    for (const r of rows) r.tabIndex = -1;
    row.tabIndex = 0;
    row.focus();
  }

  /** Tree keys (WAI-ARIA tree pattern): arrows move, Right/Left expand/collapse, Enter toggles, C copies, Esc closes. */
  private listKey(e: KeyboardEvent): void {
    const rows = this.rows();
    const row = (e.target as HTMLElement).closest<HTMLElement>('.tag-row');
    const i = row ? rows.indexOf(row) : -1;
    const toggle = row?.querySelector<HTMLButtonElement>('.twisty');
    const expanded = toggle?.getAttribute('aria-expanded') === 'true';
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': this.focusRow(i + 1); break;
      case 'ArrowUp': if (i <= 0) this.search.focus(); else this.focusRow(i - 1); break;
      case 'Home': this.focusRow(0); break;
      case 'End': this.focusRow(rows.length - 1); break;
      case 'ArrowRight': if (toggle && !expanded) this.toggleAt(toggle, i); break;
      case 'ArrowLeft': if (toggle && expanded) this.toggleAt(toggle, i); break;
      case 'Enter': if (toggle) this.toggleAt(toggle, i); break;
      case 'c': case 'C': row?.querySelector<HTMLButtonElement>('.copy')?.click(); break;
      case 'Escape': this.close(); break;
      default: handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private toggleAt(toggle: HTMLButtonElement, index: number): void {
    toggle.click();
    this.focusRow(index);
  }

  show(tags: ImageTags): void {
    this.tags = tags;
    this.draw();
  }

  focusSearch(): void {
    this.search.focus();
  }

  private draw(): void {
    const q = this.search.value.trim().toLowerCase();
    this.list.replaceChildren();
    if (!this.tags) return;
    if (this.tags.kind === 'nifti') {
      this.el.querySelector('.tag-title')!.textContent = 'NIfTI header';
      const rows = this.tags.fields.filter((f) => !q || f.name.toLowerCase().includes(q) || f.value.toLowerCase().includes(q));
      for (const f of rows) this.list.append(this.row({ key: f.name, tag: '', vr: '', keyword: f.name, value: f.value, private: false, depth: 0 }));
      this.count.textContent = `${rows.length} fields`;
      return;
    }
    this.el.querySelector('.tag-title')!.textContent = 'DICOM tags';
    let shown = 0;
    const matches = (n: TagNode): boolean =>
      !q || n.tag.toLowerCase().includes(q) || n.tag.replace(/[(),]/g, '').toLowerCase().includes(q.replace(/[(),\s]/g, '')) ||
      n.keyword.toLowerCase().includes(q) || n.name.toLowerCase().includes(q) || n.value.toLowerCase().includes(q) ||
      (n.items ?? []).some((item) => item.some(matches));
    const walk = (nodes: TagNode[], depth: number, path: string) => {
      for (const n of nodes) {
        if (!matches(n)) continue;
        const key = `${path}/${n.tag}`;
        const hasItems = (n.items?.length ?? 0) > 0;
        const open = hasItems && (this.expanded.has(key) || (q !== '' && n.items!.some((item) => item.some(matches))));
        this.list.append(this.row({ ...n, key, depth, expandable: hasItems, open }));
        shown++;
        if (open) {
          n.items!.forEach((item, i) => {
            const head = el('div', { class: 'tag-item-head' }, `Item ${i + 1}`);
            // CSSOM, not a style attribute: the webview's CSP allows no inline styles.
            head.style.paddingLeft = `${(depth + 1) * 14 + 8}px`;
            this.list.append(head);
            walk(item, depth + 1, `${key}/${i}`);
          });
        }
      }
    };
    walk(this.tags.tags, 0, '');
    this.count.textContent = q ? `${shown} matching` : `${shown} elements`;
  }

  private row(n: { key: string; tag: string; vr: string; keyword: string; value: string; private: boolean; depth: number; expandable?: boolean; open?: boolean }): HTMLElement {
    const toggle = n.expandable
      ? el('button', { class: 'icon-button twisty', tabindex: '-1', 'aria-label': n.open ? 'Collapse' : 'Expand', 'aria-expanded': String(!!n.open) }, codicon(n.open ? 'chevron-down' : 'chevron-right'))
      : el('span', { class: 'twisty-space' });
    toggle.addEventListener('click', () => {
      if (this.expanded.has(n.key)) this.expanded.delete(n.key);
      else this.expanded.add(n.key);
      this.draw();
    });
    const copy = el('button', { class: 'icon-button copy', tabindex: '-1', title: 'Copy value (C)', 'aria-label': `Copy value of ${n.keyword || n.tag}` }, codicon('copy'));
    copy.addEventListener('click', () => this.copy(n.value));
    const row = el('div', { class: `tag-row${n.private ? ' private' : ''}`, role: 'treeitem', tabindex: '-1', 'data-tag': n.tag, 'aria-level': String(n.depth + 1) },
      toggle,
      el('span', { class: 'tag-id' }, n.tag),
      el('span', { class: 'tag-vr' }, n.vr),
      el('span', { class: 'tag-keyword', title: n.keyword }, n.keyword || (n.private ? 'Private' : '')),
      el('span', { class: 'tag-value', title: n.value }, n.value),
      ...(n.private ? [el('span', { class: 'badge', title: 'Private tag' }, 'private')] : []),
      copy);
    row.style.paddingLeft = `${n.depth * 14 + 4}px`;
    return row;
  }
}
