import type { Vec3 } from '../imaging/volume';
import type { Affine4, AffineSource } from './niftiHeaderTypes';

/** The orientation fields of a NIfTI header, as stored. */
export interface NiftiOrientationFields {
  qformCode: number;
  sformCode: number;
  /** quatern_b, quatern_c, quatern_d. */
  quatern: Vec3;
  qoffset: Vec3;
  /** srow_x, srow_y, srow_z. */
  srow: [number[], number[], number[]];
  /** dim[1..dim[0]]. */
  dims: readonly number[];
  /** All eight pixdim values, pixdim[0] included. */
  pixdim: readonly number[];
  qfac: 1 | -1;
}

/**
 * The voxel → RAS affine the way nibabel's `img.affine` picks it (reference.json is made with it):
 * sform when sform_code ≠ 0, else qform when qform_code ≠ 0, else nibabel's pixdim-only "base" affine.
 */
export function bestAffine(f: NiftiOrientationFields): { affine: Affine4; source: AffineSource } {
  if (f.sformCode !== 0) return { affine: sformAffine(f.srow), source: 'sform' };
  if (f.qformCode !== 0) return { affine: qformAffine(f), source: 'qform' };
  return { affine: baseAffine(f.dims, f.pixdim), source: 'pixdim' };
}

export function sformAffine(srow: [number[], number[], number[]]): Affine4 {
  const row = (r: number[]): [number, number, number, number] => [r[0] ?? 0, r[1] ?? 0, r[2] ?? 0, r[3] ?? 0];
  return [row(srow[0]), row(srow[1]), row(srow[2]), [0, 0, 0, 1]];
}

/** NIfTI-1 "method 2": rotation from the unit quaternion (a filled in as ≥ 0), then pixdim scaling with qfac on k. */
export function qformAffine(f: Pick<NiftiOrientationFields, 'quatern' | 'qoffset' | 'pixdim' | 'qfac'>): Affine4 {
  const [b, c, d] = f.quatern;
  // Stored as float32, so b²+c²+d² may exceed 1 by rounding: then a = 0 (a 180° rotation), as nifti1_io and nibabel do.
  const a2 = 1 - (b * b + c * c + d * d);
  const a = a2 > 0 ? Math.sqrt(a2) : 0;
  // Normalising makes R a rotation even when (b, c, d) came out slightly long (nibabel's quat2mat does the same).
  const n = a * a + b * b + c * c + d * d;
  const s = n < 1e-12 ? 0 : 2 / n;
  const r: number[][] =
    s === 0
      ? [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]
      : [
          [1 - s * (c * c + d * d), s * (b * c - a * d), s * (b * d + a * c)],
          [s * (b * c + a * d), 1 - s * (b * b + d * d), s * (c * d - a * b)],
          [s * (b * d - a * c), s * (c * d + a * b), 1 - s * (b * b + c * c)],
        ];
  // pixdim[1..3] as stored, whatever dim[0] says (nibabel's get_qform).
  const zoom = [f.pixdim[1] ?? 1, f.pixdim[2] ?? 1, (f.pixdim[3] ?? 1) * f.qfac];
  const m = (i: number, j: number) => (r[i]?.[j] ?? 0) * (zoom[j] ?? 1);
  return [
    [m(0, 0), m(0, 1), m(0, 2), f.qoffset[0]],
    [m(1, 0), m(1, 1), m(1, 2), f.qoffset[1]],
    [m(2, 0), m(2, 1), m(2, 2), f.qoffset[2]],
    [0, 0, 0, 1],
  ];
}

/**
 * nibabel's `shape_zoom_affine(shape, zooms, x_flip=True)`: the ANALYZE convention of a radiological
 * (LAS) grid centred on the volume. The NIfTI-1 text's "method 1" (x = pixdim[1]·i, no flip, no centre)
 * differs; we follow nibabel because reference.json and the CLI contract are defined by it.
 */
export function baseAffine(dims: readonly number[], pixdim: readonly number[]): Affine4 {
  // Axes beyond dim[0] count as one voxel of size 1, as nibabel pads them.
  const shape = [0, 1, 2].map((i) => (i < dims.length ? (dims[i] ?? 1) : 1));
  const zoom = [0, 1, 2].map((i) => (i < dims.length ? (pixdim[i + 1] ?? 1) : 1));
  zoom[0] = -(zoom[0] ?? 1);
  const t = (i: number) => -(((shape[i] ?? 1) - 1) / 2) * (zoom[i] ?? 1);
  return [
    [zoom[0] ?? -1, 0, 0, t(0)],
    [0, zoom[1] ?? 1, 0, t(1)],
    [0, 0, zoom[2] ?? 1, t(2)],
    [0, 0, 0, 1],
  ];
}

/** Volume geometry in DICOM LPS (mm) from a RAS affine; `pixdim` is all eight stored values. */
export interface LpsGeometry {
  origin: Vec3;
  spacing: Vec3;
  direction: [Vec3, Vec3, Vec3];
}

/**
 * RAS → LPS negates x and y. Spacing is the length of each affine column (times `mmPerUnit`), direction
 * the unit column. A degenerate affine (a zero, non-finite or parallel column) cannot orient a viewer,
 * so we fall back to the pixdim-only affine with sizes made positive.
 */
export function lpsGeometry(affine: Affine4, dims: readonly number[], pixdim: readonly number[], mmPerUnit = 1): LpsGeometry {
  const g = geometryOf(affine, mmPerUnit);
  if (g) return g;
  const safe = pixdim.map((v) => {
    const p = Math.abs(v);
    return Number.isFinite(p) && p > 0 ? p : 1;
  });
  const fallback = geometryOf(baseAffine(dims, safe), mmPerUnit);
  if (!fallback) throw new Error('unreachable: the base affine is diagonal with positive sizes');
  return fallback;
}

function geometryOf(a: Affine4, mmPerUnit: number): LpsGeometry | undefined {
  const spacing: Vec3 = [0, 0, 0];
  const direction: [Vec3, Vec3, Vec3] = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let col = 0; col < 3; col++) {
    const v: Vec3 = [-a[0][col], -a[1][col], a[2][col]];
    const len = Math.hypot(v[0], v[1], v[2]);
    if (!Number.isFinite(len) || len < 1e-9) return undefined;
    spacing[col] = len * mmPerUnit;
    direction[col] = [v[0] / len, v[1] / len, v[2] / len];
  }
  const [u, v, w] = direction;
  const det = u[0] * (v[1] * w[2] - v[2] * w[1]) - u[1] * (v[0] * w[2] - v[2] * w[0]) + u[2] * (v[0] * w[1] - v[1] * w[0]);
  if (!(Math.abs(det) > 1e-6)) return undefined;
  const origin: Vec3 = [-a[0][3] * mmPerUnit, -a[1][3] * mmPerUnit, a[2][3] * mmPerUnit];
  if (!origin.every(Number.isFinite)) return undefined;
  return { origin, spacing, direction };
}
