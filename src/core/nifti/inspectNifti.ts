import type { PixelDType } from '../imaging/pixelArray';
import { pixelStats } from '../imaging/pixelStats';
import { sha256Hex } from '../imaging/sha256';
import { loadNiftiVoxels, type ReadNiftiOptions } from './loadNiftiVoxels';
import type { Affine4, AffineSource } from './niftiHeaderTypes';
import { roundHalfEven } from './roundHalfEven';
import { viewAsPixelArray } from './viewAsPixelArray';

/**
 * `voxel-lab inspect --json` for a NIfTI file (CLI.md), field for field comparable with the NIfTI
 * entries of reference.json. `pixels` describes the raw stored values (scl_slope/inter not applied),
 * little endian, in file (Fortran) order: the README's hashing convention.
 */
export interface NiftiInspectDoc {
  format: 'nifti';
  niftiVersion: 1 | 2;
  sizeofHdr: number;
  voxOffset: number;
  endianness: 'little' | 'big';
  dims: number[];
  pixdim: number[];
  qfac: 1 | -1;
  datatype: number;
  datatypeName: string;
  bitpix: number;
  sclSlope: number | null;
  sclInter: number | null;
  qformCode: number;
  sformCode: number;
  /** Voxel → RAS+ mm, each entry rounded to 6 decimals. */
  affine: Affine4;
  affineSource: AffineSource;
  calMin: number;
  calMax: number;
  description: string;
  pixels: {
    /** null where the statistic is NaN (float data holding NaN voxels), since JSON has no NaN. */
    min: number | null;
    max: number | null;
    /** Rounded to 4 decimals as Python's round() does. */
    mean: number | null;
    sha256: string;
    dtype: PixelDType;
  };
}

export async function inspectNifti(bytes: Uint8Array, options: ReadNiftiOptions = {}): Promise<NiftiInspectDoc> {
  const loaded = loadNiftiVoxels(bytes, options);
  const { info, datatype, data } = loaded;
  // The same statistics and hash as DICOM inspect, so the two formats agree on what "pixels" means.
  const stats = pixelStats(viewAsPixelArray(data, datatype.dtype));
  const orNull = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    format: 'nifti',
    niftiVersion: info.version,
    sizeofHdr: info.sizeofHdr,
    voxOffset: info.voxOffset,
    endianness: info.endianness,
    dims: info.dims,
    pixdim: info.pixdim,
    qfac: info.qfac,
    datatype: info.datatype,
    datatypeName: info.datatypeName,
    bitpix: info.bitpix,
    sclSlope: info.sclSlope,
    sclInter: info.sclInter,
    qformCode: info.qformCode,
    sformCode: info.sformCode,
    affine: info.affine.map((row) => row.map((v) => roundHalfEven(v, 6))) as Affine4,
    affineSource: info.affineSource,
    calMin: info.calMin,
    calMax: info.calMax,
    description: info.description,
    pixels: {
      min: orNull(stats.min),
      max: orNull(stats.max),
      mean: orNull(stats.mean),
      sha256: await sha256Hex(data),
      dtype: datatype.dtype,
    },
  };
}
