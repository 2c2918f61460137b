import type { Vec3 } from '../../imaging/volume';
import type { DicomFile } from '../parseDicom';
import type { FrameAttributes } from './readInstance';
import type { Orientation, SeriesFrame, SeriesGeometry, SeriesWarning } from './seriesTypes';
import { axesOf, dot, norm, normalize, scale, sub } from './vec3';

/** Frames closer than this along the normal are at the same position. */
export const DUPLICATE_TOLERANCE_MM = 0.01;

/** How far a step between slices may differ from the usual one: 1 % of it, at least 0.01 mm. */
export function spacingTolerance(nominal: number): number {
  return Math.max(0.01, 0.01 * nominal);
}

export interface StackEntry {
  key: string;
  file: DicomFile;
  instanceNumber: number | null;
  frame: FrameAttributes;
}

export interface StackShape {
  orientation: Orientation | null;
  /** [between rows, between columns] in mm. */
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
}

export interface OrderedStack {
  frames: SeriesFrame[];
  geometry: SeriesGeometry | null;
  warnings: SeriesWarning[];
}

export const mm = (x: number): string => `${Number(x.toFixed(3))} mm`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Instance Number, then the caller's key, then the frame: the order without positions. */
function byInstance(a: SeriesFrame, b: SeriesFrame): number {
  const ia = a.instanceNumber ?? Infinity;
  const ib = b.instanceNumber ?? Infinity;
  if (ia !== ib) return ia < ib ? -1 : 1;
  return compareText(a.key, b.key) || a.frameIndex - b.frameIndex;
}

/** The lower median: with two steps [2.5, 5] it is 2.5, so the 5 reads as a gap rather than the rule. */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/**
 * Orders one group of frames (same size and orientation) and derives its grid. With an orientation and
 * a position for every frame, frames are sorted by their distance along the normal row × column
 * (PS3.3 C.7.6.2.1.1), ties by Instance Number; otherwise by Instance Number, key and frame.
 */
export function orderStack(entries: readonly StackEntry[], shape: StackShape): OrderedStack {
  const warnings: SeriesWarning[] = [];
  const axes = shape.orientation ? axesOf(shape.orientation) : null;
  const frames: SeriesFrame[] = entries.map((e) => ({
    key: e.key,
    file: e.file,
    frameIndex: e.frame.frameIndex,
    position: e.frame.position,
    location: axes && e.frame.position ? dot(e.frame.position, axes[2]) : null,
    instanceNumber: e.instanceNumber,
    rescale: e.frame.rescale,
  }));
  const missing = frames.filter((f) => !f.position).length;
  const files = new Set(frames.map((f) => f.key)).size;
  if (!axes || missing > 0) {
    frames.sort(byInstance);
    // A lone multi-frame object without positions (cine, NM) is a plain stack of frames: nothing to warn about.
    const expected = files > 1 || missing < frames.length;
    if (frames.length > 1 && expected) {
      warnings.push(!axes
        ? { code: 'series-missing-orientation', message: `Image Orientation (Patient) (0020,0037) is missing, so the ${frames.length} frames are ordered by Instance Number, not by position.` }
        : { code: 'series-missing-position', message: `${missing} of ${frames.length} frames have no Image Position (Patient) (0020,0032), so all are ordered by Instance Number, not by position.` });
    }
    return { frames, geometry: null, warnings };
  }
  frames.sort((a, b) => (a.location as number) - (b.location as number) || byInstance(a, b));
  const regular = checkSpacing(frames, warnings);
  if (!shape.pixelSpacing) {
    warnings.push({ code: 'series-missing-pixel-spacing', message: 'Pixel Spacing (0028,0030) is missing, so distances in the image plane are unknown (1 mm pixels are assumed).' });
    return { frames, geometry: null, warnings };
  }
  if (!regular) return { frames, geometry: null, warnings };
  const geometry = gridOf(frames, axes, shape, warnings);
  return { frames, geometry, warnings };
}

/** Adds gap, uneven-spacing and duplicate warnings; true when the steps are all the same within tolerance. */
function checkSpacing(frames: readonly SeriesFrame[], warnings: SeriesWarning[]): boolean {
  const locations = frames.map((f) => f.location as number);
  const steps = locations.slice(1).map((l, i) => l - (locations[i] as number));
  const duplicates = steps.filter((s) => s <= DUPLICATE_TOLERANCE_MM).length;
  if (duplicates > 0) {
    const at = steps.findIndex((s) => s <= DUPLICATE_TOLERANCE_MM);
    warnings.push({ code: 'series-duplicate-position', message: `${duplicates} frame(s) repeat the position of another (the first at ${mm(locations[at] as number)} along the normal); the volume stacks them as separate slices.` });
  }
  const nominal = lowerMedian(steps.filter((s) => s > DUPLICATE_TOLERANCE_MM));
  if (nominal === null) return duplicates === 0;
  const tol = spacingTolerance(nominal);
  let missingSlices = 0;
  let firstGap = -1;
  const uneven: number[] = [];
  steps.forEach((s, i) => {
    if (s <= DUPLICATE_TOLERANCE_MM || Math.abs(s - nominal) <= tol) return;
    const m = Math.round(s / nominal);
    if (m >= 2 && Math.abs(s - m * nominal) <= tol * m) {
      missingSlices += m - 1;
      if (firstGap < 0) firstGap = i;
    } else {
      uneven.push(s);
    }
  });
  if (missingSlices > 0) {
    warnings.push({ code: 'series-slice-gap', message: `${missingSlices} slice(s) appear to be missing: the step after slice ${firstGap} (at ${mm(locations[firstGap] as number)}) is ${mm(steps[firstGap] as number)} where the spacing is ${mm(nominal)}.` });
  }
  if (uneven.length > 0) {
    const all = [...uneven, nominal];
    warnings.push({ code: 'series-uneven-spacing', message: `Spacing between slices varies from ${mm(Math.min(...all))} to ${mm(Math.max(...all))} (usually ${mm(nominal)}, tolerance ${mm(tol)}).` });
  }
  return duplicates === 0 && missingSlices === 0 && uneven.length === 0;
}

/**
 * The grid of a regular stack. The slice step is the mean from first to last position. When it has an
 * in-plane part (gantry tilt) beyond the tolerance, k follows the step and the grid is sheared; when the
 * in-plane offsets are not even a straight line, there is no grid.
 */
function gridOf(frames: readonly SeriesFrame[], axes: [Vec3, Vec3, Vec3], shape: StackShape, warnings: SeriesWarning[]): SeriesGeometry | null {
  const [row, col, normal] = axes;
  const [rowSpacing, colSpacing] = shape.pixelSpacing as [number, number];
  const first = frames[0]?.position as Vec3;
  const n = frames.length;
  if (n === 1) {
    // One slice: no step to measure; its nominal thickness is the best guess for the voxel depth.
    return { spacing: [colSpacing, rowSpacing, shape.sliceThickness && shape.sliceThickness > 0 ? shape.sliceThickness : 1], origin: [...first], direction: [row, col, normal] };
  }
  const last = frames[n - 1]?.position as Vec3;
  const step = scale(sub(last, first), 1 / (n - 1));
  const along = dot(step, normal);
  const tol = spacingTolerance(along);
  // In-plane offset of each slice from the line through the first slice along the mean step.
  let worst = 0;
  for (const f of frames) {
    const t = ((f.location as number) - (frames[0]?.location as number)) / along;
    const expected = [first[0] + step[0] * t, first[1] + step[1] * t, first[2] + step[2] * t] as Vec3;
    worst = Math.max(worst, norm(sub(f.position as Vec3, expected)));
  }
  if (worst > tol) {
    warnings.push({ code: 'series-inconsistent-positions', message: `Slice positions do not lie on one line: a slice is ${mm(worst)} off it in the image plane (tolerance ${mm(tol)}).` });
    return null;
  }
  const shear = norm(sub(step, scale(normal, along)));
  if (shear > tol) {
    const degrees = (Math.atan2(shear, along) * 180) / Math.PI;
    warnings.push({ code: 'series-sheared', message: `Each slice is shifted ${mm(shear)} in its plane from the previous one (a ${Number(degrees.toFixed(2))}° gantry tilt); the volume's slice axis follows the positions, not the normal.` });
    return { spacing: [colSpacing, rowSpacing, norm(step)], origin: [...first], direction: [row, col, normalize(step)] };
  }
  return { spacing: [colSpacing, rowSpacing, along], origin: [...first], direction: [row, col, normal] };
}
