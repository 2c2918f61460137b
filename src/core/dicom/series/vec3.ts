import type { Vec3 } from '../../imaging/volume';
import type { Orientation } from './seriesTypes';

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

export function normalize(a: Vec3): Vec3 {
  const n = norm(a);
  return n > 0 ? scale(a, 1 / n) : [0, 0, 0];
}

/** Row direction (i), column direction (j) and slice normal row × column (PS3.3 C.7.6.2.1.1), each unit length. */
export function axesOf(o: Orientation): [Vec3, Vec3, Vec3] {
  // Files round the cosines to a few digits: normalise so spacing along them stays exact.
  const row = normalize([o[0], o[1], o[2]]);
  const col = normalize([o[3], o[4], o[5]]);
  return [row, col, normalize(cross(row, col))];
}

/** Component-wise tolerance for "the same orientation": ~0.06°, far above the rounding of written cosines. */
export const ORIENTATION_TOLERANCE = 1e-3;

export function sameOrientation(a: Orientation, b: Orientation): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] as number)) <= ORIENTATION_TOLERANCE);
}

/** axial / coronal / sagittal when the normal is within ~25° of S, A/P or L/R; oblique otherwise. */
export function planeNameOf(o: Orientation): 'axial' | 'coronal' | 'sagittal' | 'oblique' {
  const n = axesOf(o)[2];
  const a = n.map(Math.abs);
  const big = Math.max(...a);
  if (big < 0.9) return 'oblique';
  return a[2] === big ? 'axial' : a[1] === big ? 'coronal' : 'sagittal';
}
