/**
 * Colormaps for grey images shown in colour (parametric maps, dose, PET): 256-entry RGB tables
 * indexed by the 8-bit grey value after windowing. Built from short lists of control points, linearly
 * interpolated; the viridis points are samples of matplotlib's viridis (a CC0 colour table).
 */
export type Colormap = 'grey' | 'hot' | 'viridis' | 'jet';

export const COLORMAPS: readonly Colormap[] = ['grey', 'hot', 'viridis', 'jet'];

type Stop = [number, number, number, number]; // position 0..1, r, g, b (0..255)

const STOPS: Record<Exclude<Colormap, 'grey'>, Stop[]> = {
  hot: [[0, 0, 0, 0], [0.375, 255, 0, 0], [0.75, 255, 255, 0], [1, 255, 255, 255]],
  jet: [[0, 0, 0, 128], [0.125, 0, 0, 255], [0.375, 0, 255, 255], [0.625, 255, 255, 0], [0.875, 255, 0, 0], [1, 128, 0, 0]],
  viridis: [
    [0, 68, 1, 84], [0.125, 71, 44, 122], [0.25, 59, 81, 139], [0.375, 44, 113, 142], [0.5, 33, 144, 141],
    [0.625, 39, 173, 129], [0.75, 92, 200, 99], [0.875, 170, 220, 50], [1, 253, 231, 37],
  ],
};

const tables = new Map<Colormap, Uint8Array>();

/** 256 × RGB bytes for `name`. */
export function colormapTable(name: Colormap): Uint8Array {
  let t = tables.get(name);
  if (t) return t;
  t = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    if (name === 'grey') {
      t[3 * i] = t[3 * i + 1] = t[3 * i + 2] = i;
      continue;
    }
    const stops = STOPS[name];
    const f = i / 255;
    let k = 0;
    while (k < stops.length - 2 && f > (stops[k + 1] as Stop)[0]) k++;
    const [p0, r0, g0, b0] = stops[k] as Stop;
    const [p1, r1, g1, b1] = stops[k + 1] as Stop;
    const u = p1 > p0 ? Math.min(1, Math.max(0, (f - p0) / (p1 - p0))) : 0;
    t[3 * i] = Math.round(r0 + (r1 - r0) * u);
    t[3 * i + 1] = Math.round(g0 + (g1 - g0) * u);
    t[3 * i + 2] = Math.round(b0 + (b1 - b0) * u);
  }
  tables.set(name, t);
  return t;
}

/** Grey bytes → interleaved RGB through a colormap, into `out` when large enough. */
export function applyColormap(grey: Uint8Array, name: Colormap, out?: Uint8Array): Uint8Array {
  const t = colormapTable(name);
  const dst = out && out.length >= grey.length * 3 ? out : new Uint8Array(grey.length * 3);
  for (let i = 0, o = 0; i < grey.length; i++, o += 3) {
    const v = 3 * (grey[i] as number);
    dst[o] = t[v] as number;
    dst[o + 1] = t[v + 1] as number;
    dst[o + 2] = t[v + 2] as number;
  }
  return dst;
}
