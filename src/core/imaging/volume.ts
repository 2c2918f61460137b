import type { PixelArray } from './pixelArray';

export type Vec3 = [number, number, number];

/**
 * A 3D (or 4D) grid of stored values in patient space, shared by DICOM series and NIfTI.
 *
 * Layout: index = i + dims[0] * (j + dims[1] * (k + dims[2] * t)), i fastest (columns), then j (rows),
 * k (slices), t (time/frames). Patient coordinates are DICOM LPS in mm (NIfTI's RAS is converted on read).
 */
export interface Volume {
  /** Voxel counts along i, j, k. */
  dims: Vec3;
  /** Number of volumes in time (4D NIfTI, multi-phase series); 1 for a 3D volume. */
  timepoints: number;
  /** Voxel size in mm along i, j, k (always positive; orientation lives in `direction`). */
  spacing: Vec3;
  /** LPS position (mm) of the centre of voxel (0, 0, 0). */
  origin: Vec3;
  /** Unit LPS direction vectors of the i, j and k axes: direction[0] is the i axis. */
  direction: [Vec3, Vec3, Vec3];
  /** Stored values; modality value = stored × slope + intercept. */
  voxels: PixelArray;
  /** Samples per voxel: 1 for grey, 3 for RGB (interleaved). */
  samplesPerVoxel: number;
  rescale: { slope: number; intercept: number };
  /** Time between volumes in ms (cine, 4D), when known. */
  frameTimeMs?: number;
}

/** LPS position (mm) of voxel centre (i, j, k), fractional indices allowed. */
export function voxelToPatient(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, ijk: Vec3): Vec3 {
  const out: Vec3 = [v.origin[0], v.origin[1], v.origin[2]];
  for (let axis = 0; axis < 3; axis++) {
    const d = v.direction[axis];
    const s = ijk[axis] * v.spacing[axis];
    out[0] += d[0] * s;
    out[1] += d[1] * s;
    out[2] += d[2] * s;
  }
  return out;
}

/**
 * Fractional voxel indices (i, j, k) of an LPS point (mm): the inverse of voxelToPatient. Direction
 * vectors need not be orthogonal (sheared NIfTI sforms); they must be independent, which every Volume
 * reader guarantees. Indices outside [0, dims) mean the point is outside the grid.
 */
export function patientToVoxel(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, lps: Vec3): Vec3 {
  const [a, b, c] = v.direction;
  const d: Vec3 = [lps[0] - v.origin[0], lps[1] - v.origin[1], lps[2] - v.origin[2]];
  // Cramer's rule on the 3×3 matrix whose columns are the axis directions.
  const det3 = (x: Vec3, y: Vec3, z: Vec3) =>
    x[0] * (y[1] * z[2] - y[2] * z[1]) - y[0] * (x[1] * z[2] - x[2] * z[1]) + z[0] * (x[1] * y[2] - x[2] * y[1]);
  const det = det3(a, b, c);
  return [det3(d, b, c) / det / v.spacing[0], det3(a, d, c) / det / v.spacing[1], det3(a, b, d) / det / v.spacing[2]];
}

/** Index into `voxels` of the first sample of voxel (i, j, k) at time t (layout documented on Volume). */
export function voxelIndex(v: Pick<Volume, 'dims' | 'samplesPerVoxel'>, i: number, j: number, k: number, t = 0): number {
  const [nx, ny, nz] = v.dims;
  return (i + nx * (j + ny * (k + nz * t))) * v.samplesPerVoxel;
}
