/** A 4×4 matrix, row-major: affine[row][col]. */
export type Affine4 = [
  [number, number, number, number],
  [number, number, number, number],
  [number, number, number, number],
  [number, number, number, number],
];

/** Which header fields the affine came from (nibabel's `get_best_affine` order). */
export type AffineSource = 'sform' | 'qform' | 'pixdim';

export interface NiftiUnits {
  spatial: 'unknown' | 'm' | 'mm' | 'um';
  temporal: 'unknown' | 's' | 'ms' | 'us' | 'Hz' | 'ppm' | 'rad/s';
}

/** The header as read, with the field names and conventions of reference.json. */
export interface NiftiHeaderInfo {
  version: 1 | 2;
  /** 348 for NIfTI-1, 540 for NIfTI-2. */
  sizeofHdr: number;
  /** Byte offset of the first voxel in the (decompressed) file. */
  voxOffset: number;
  endianness: 'little' | 'big';
  /** dim[1..dim[0]]: voxel counts, fastest-varying first (i, j, k, t, …). */
  dims: number[];
  /** pixdim[1..dim[0]] as stored (voxel size in `units`, then the time step). */
  pixdim: number[];
  /** pixdim[0] read as the qform handedness: -1 when negative, else 1. */
  qfac: 1 | -1;
  datatype: number;
  datatypeName: string;
  bitpix: number;
  /** As stored; null when NaN or infinite. A slope of 0 or null means "no scaling" (NIfTI-1 §scl_slope). */
  sclSlope: number | null;
  sclInter: number | null;
  qformCode: number;
  sformCode: number;
  /** Voxel (i, j, k, 1) → RAS+ mm (scanner or standard space as the codes say). */
  affine: Affine4;
  affineSource: AffineSource;
  /** Display range in scaled units; both 0 when unset. */
  calMin: number;
  calMax: number;
  description: string;
  units: NiftiUnits;
  intentCode: number;
  /** 'ni1'/'ni2': the voxels live in a separate .img file. */
  headerOnly: boolean;
}
