import { ImageError } from '../errors';
import { patientToVoxel, voxelIndex, voxelToPatient, type Vec3, type Volume } from './volume';
import type { Plane, PlaneAxes, VolumeSlice } from './volumeSlice';

type Axis = 0 | 1 | 2;
type Geometry = Pick<Volume, 'dims' | 'direction'>;

// Per plane: the LPS axis it is perpendicular to, and which LPS direction screen-right and screen-down
// must point to (+1 = towards L, P or S; -1 = towards R, A or I). See VolumeSlice for the convention.
const layout: Readonly<Record<Plane, { slice: Axis; col: [Axis, 1 | -1]; row: [Axis, 1 | -1] }>> = {
  axial: { slice: 2, col: [0, 1], row: [1, 1] },
  coronal: { slice: 1, col: [0, 1], row: [2, -1] },
  sagittal: { slice: 0, col: [1, 1], row: [2, -1] },
};

const permutations: readonly [Axis, Axis, Axis][] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * For each LPS axis (x = L, y = P, z = S), the voxel axis closest to it. Chosen as the one-to-one
 * assignment with the largest total |cosine|, so an oblique or permuted volume still gets three
 * distinct axes; the slices are not resampled, so a 20° tilt shows as a 20° tilted image.
 */
export function voxelAxisForPatientAxis(v: Pick<Volume, 'direction'>): [Axis, Axis, Axis] {
  let best = permutations[0] ?? [0, 1, 2];
  let bestScore = -1;
  for (const perm of permutations) {
    // perm[p] is the voxel axis assigned to patient axis p.
    const score = perm.reduce<number>((s, axis, p) => s + Math.abs(v.direction[axis][p] ?? 0), 0);
    if (score > bestScore + 1e-12) {
      best = perm;
      bestScore = score;
    }
  }
  return [...best];
}

/** Which voxel axes a plane shows, and whether each is flipped for the radiological convention. */
export function planeAxes(v: Geometry, plane: Plane): PlaneAxes {
  const forPatient = voxelAxisForPatientAxis(v);
  const { slice, col, row } = layout[plane];
  const sliceAxis = forPatient[slice];
  const colAxis = forPatient[col[0]];
  const rowAxis = forPatient[row[0]];
  return {
    plane,
    sliceAxis,
    colAxis,
    rowAxis,
    colFlipped: Math.sign(v.direction[colAxis][col[0]]) !== col[1],
    rowFlipped: Math.sign(v.direction[rowAxis][row[0]]) !== row[1],
    width: v.dims[colAxis],
    height: v.dims[rowAxis],
    count: v.dims[sliceAxis],
  };
}

/**
 * One slice of a volume, oriented for display (see VolumeSlice), as modality values. `index` counts
 * voxels along the volume axis closest to the plane's normal; out-of-range indices throw ImageError.
 */
export function extractSlice(volume: Volume, plane: Plane, index: number, timepoint = 0): VolumeSlice {
  const ax = planeAxes(volume, plane);
  checkIndex(index, ax.count, `${plane} slice`);
  checkIndex(timepoint, volume.timepoints, 'timepoint');
  const { width, height, colAxis, rowAxis, sliceAxis } = ax;
  const spp = volume.samplesPerVoxel;
  const stride = [1, volume.dims[0], volume.dims[0] * volume.dims[1]];
  const colStep = (stride[colAxis] ?? 0) * spp;
  const rowStep = (stride[rowAxis] ?? 0) * spp;
  // Start at the voxel shown at screen (0, 0) and walk with signed steps, so flips cost nothing per pixel.
  let rowStart = voxelIndex(volume, 0, 0, 0, timepoint) + index * (stride[sliceAxis] ?? 0) * spp;
  if (ax.colFlipped) rowStart += (width - 1) * colStep;
  if (ax.rowFlipped) rowStart += (height - 1) * rowStep;
  const dx = ax.colFlipped ? -colStep : colStep;
  const dy = ax.rowFlipped ? -rowStep : rowStep;
  const { slope, intercept } = volume.rescale;
  const src = volume.voxels;
  const values = new Float32Array(width * height * spp);
  let o = 0;
  for (let y = 0; y < height; y++, rowStart += dy) {
    for (let x = 0, at = rowStart; x < width; x++, at += dx) {
      for (let s = 0; s < spp; s++) values[o++] = (src[at + s] ?? 0) * slope + intercept;
    }
  }
  return {
    plane,
    index,
    count: ax.count,
    timepoint,
    width,
    height,
    samplesPerPixel: spp,
    values,
    pixelSpacing: [volume.spacing[rowAxis], volume.spacing[colAxis]],
  };
}

/** Fractional voxel indices (i, j, k) of screen pixel (x, y) of a plane; pixel centres are whole numbers. */
export function voxelForPlanePixel(v: Geometry, plane: Plane, index: number, x: number, y: number): Vec3 {
  const ax = planeAxes(v, plane);
  const ijk: Vec3 = [0, 0, 0];
  ijk[ax.sliceAxis] = index;
  ijk[ax.colAxis] = ax.colFlipped ? ax.width - 1 - x : x;
  ijk[ax.rowAxis] = ax.rowFlipped ? ax.height - 1 - y : y;
  return ijk;
}

/** LPS position (mm) of screen pixel (x, y) on slice `index` of a plane. */
export function patientPointForPlanePixel(volume: Pick<Volume, 'dims' | 'direction' | 'origin' | 'spacing'>, plane: Plane, index: number, x: number, y: number): Vec3 {
  return voxelToPatient(volume, voxelForPlanePixel(volume, plane, index, x, y));
}

/** Where an LPS point (mm) falls on a plane: fractional slice index and screen pixel (x, y). */
export function planePixelForPatientPoint(volume: Pick<Volume, 'dims' | 'direction' | 'origin' | 'spacing'>, plane: Plane, lps: Vec3): { index: number; x: number; y: number } {
  const ax = planeAxes(volume, plane);
  const ijk = patientToVoxel(volume, lps);
  return {
    index: ijk[ax.sliceAxis],
    x: ax.colFlipped ? ax.width - 1 - ijk[ax.colAxis] : ijk[ax.colAxis],
    y: ax.rowFlipped ? ax.height - 1 - ijk[ax.rowAxis] : ijk[ax.rowAxis],
  };
}

/** The slice of `plane` nearest to an LPS point, clamped to the volume: what a linked view jumps to. */
export function planeIndexForPatientPoint(volume: Pick<Volume, 'dims' | 'direction' | 'origin' | 'spacing'>, plane: Plane, lps: Vec3): number {
  const { index } = planePixelForPatientPoint(volume, plane, lps);
  const count = planeAxes(volume, plane).count;
  return Math.min(count - 1, Math.max(0, Math.round(index)));
}

/** Everything a click at (x, y) on one plane sets for the linked crosshair. */
export interface Crosshair {
  lps: Vec3;
  /** Nearest whole voxel, inside the volume. */
  ijk: Vec3;
  indices: Record<Plane, number>;
  /** Modality value of the first sample at `ijk`. */
  value: number;
}

export function crosshairAt(volume: Volume, plane: Plane, index: number, x: number, y: number, timepoint = 0): Crosshair {
  const lps = patientPointForPlanePixel(volume, plane, index, x, y);
  const ijk = voxelForPlanePixel(volume, plane, index, x, y).map((n, a) => Math.min(volume.dims[a as Axis] - 1, Math.max(0, Math.round(n)))) as Vec3;
  return {
    lps,
    ijk,
    indices: {
      axial: planeIndexForPatientPoint(volume, 'axial', lps),
      coronal: planeIndexForPatientPoint(volume, 'coronal', lps),
      sagittal: planeIndexForPatientPoint(volume, 'sagittal', lps),
    },
    value: voxelValueAt(volume, ijk, timepoint),
  };
}

/** Modality value (stored × slope + intercept) of one sample at whole voxel indices; NaN outside the volume. */
export function voxelValueAt(volume: Volume, ijk: Vec3, t = 0, sample = 0): number {
  const [i, j, k] = ijk;
  const inside = (n: number, size: number) => Number.isInteger(n) && n >= 0 && n < size;
  if (!inside(i, volume.dims[0]) || !inside(j, volume.dims[1]) || !inside(k, volume.dims[2]) || !inside(t, volume.timepoints)) return NaN;
  if (!inside(sample, volume.samplesPerVoxel)) return NaN;
  const stored = volume.voxels[voxelIndex(volume, i, j, k, t) + sample] ?? NaN;
  return stored * volume.rescale.slope + volume.rescale.intercept;
}

function checkIndex(n: number, size: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 0 && n < size)) {
    throw new ImageError('image-invalid-option', `The ${what} ${n} is outside 0..${size - 1}.`);
  }
}
