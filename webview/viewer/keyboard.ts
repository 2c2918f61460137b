/**
 * Viewer shortcuts apply to plain keys aimed at the image: never with Ctrl/Cmd/Alt (those belong to VS Code,
 * which also receives them) and never while a control (a button, a drop-down, the search box) has the key.
 */
export function isViewerKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  for (const target of e.composedPath()) {
    if (!(target instanceof HTMLElement)) continue;
    if (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) || target.tagName.startsWith('VSCODE-')) return false;
  }
  return true;
}

export type ViewerAction =
  | { kind: 'step'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'fit' }
  | { kind: 'oneToOne' }
  | { kind: 'invert' }
  | { kind: 'cine' }
  | { kind: 'tags' }
  | { kind: 'mpr' }
  | { kind: 'timepoint'; delta: number }
  | { kind: 'clearMeasurements' };

/** The action of a key, or null when the viewer does not use it. */
export function actionOf(key: string): ViewerAction | null {
  switch (key) {
    case 'ArrowUp': case 'ArrowLeft': return { kind: 'step', delta: -1 };
    case 'ArrowDown': case 'ArrowRight': return { kind: 'step', delta: 1 };
    case 'PageUp': return { kind: 'step', delta: -10 };
    case 'PageDown': return { kind: 'step', delta: 10 };
    case 'Home': return { kind: 'first' };
    case 'End': return { kind: 'last' };
    case '+': case '=': return { kind: 'zoom', factor: 1.25 };
    case '-': return { kind: 'zoom', factor: 0.8 };
    case 'f': case 'F': return { kind: 'fit' };
    case '1': return { kind: 'oneToOne' };
    case 'i': case 'I': return { kind: 'invert' };
    case ' ': return { kind: 'cine' };
    case 't': case 'T': return { kind: 'tags' };
    case 'm': case 'M': return { kind: 'mpr' };
    case '[': return { kind: 'timepoint', delta: -1 };
    case ']': return { kind: 'timepoint', delta: 1 };
    case 'Escape': return { kind: 'clearMeasurements' };
    default: return null;
  }
}
