import type { Vec3, Volume } from '../imaging/volume';
import { lpsGeometry } from './niftiAffine';
import type { NiftiHeaderInfo } from './niftiHeaderTypes';
import { loadNiftiVoxels, type NiftiVoxelBytes, type ReadNiftiOptions } from './loadNiftiVoxels';
import { viewAsPixelArray } from './viewAsPixelArray';

export interface NiftiImage {
  header: NiftiHeaderInfo;
  /**
   * The voxels in their stored datatype (scl_slope/scl_inter are in `rescale`, not applied), in file
   * order, with geometry converted to DICOM LPS. Dimensions past the fourth are folded into `timepoints`.
   * The voxel buffer is new memory owned by the image, never a view of the input bytes.
   */
  volume: Volume;
}

/**
 * Reads a NIfTI-1 or NIfTI-2 file (.nii or .nii.gz, either byte order). Throws NiftiError with a
 * stable code for anything it cannot read; never returns a partial image.
 */
export async function readNifti(bytes: Uint8Array, options: ReadNiftiOptions = {}): Promise<NiftiImage> {
  return niftiImageFrom(loadNiftiVoxels(bytes, options));
}

export function niftiImageFrom(loaded: NiftiVoxelBytes): NiftiImage {
  const { info, datatype, data, orientation } = loaded;
  const dims: Vec3 = [info.dims[0] ?? 1, info.dims[1] ?? 1, info.dims[2] ?? 1];
  const timepoints = info.dims.slice(3).reduce((a, b) => a * b, 1);
  const geometry = lpsGeometry(info.affine, info.dims, orientation.pixdim, mmPerSpatialUnit(info));
  const volume: Volume = {
    dims,
    timepoints,
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    voxels: viewAsPixelArray(data, datatype.dtype),
    samplesPerVoxel: datatype.samples,
    rescale: rescaleOf(info),
  };
  const frameTimeMs = frameTimeOf(info, orientation.pixdim[4]);
  if (frameTimeMs !== undefined) volume.frameTimeMs = frameTimeMs;
  return { header: info, volume };
}

/** NIfTI-1: scale only when scl_slope is a finite non-zero number; a non-finite intercept then counts as 0. */
function rescaleOf(info: NiftiHeaderInfo): { slope: number; intercept: number } {
  const slope = info.sclSlope;
  if (slope === null || slope === 0) return { slope: 1, intercept: 0 };
  return { slope, intercept: info.sclInter ?? 0 };
}

// The affine is in xyzt_units; Volume is in mm. Unknown units are taken as mm, as every reader does.
function mmPerSpatialUnit(info: NiftiHeaderInfo): number {
  switch (info.units.spatial) {
    case 'm':
      return 1000;
    case 'um':
      return 0.001;
    default:
      return 1;
  }
}

function frameTimeOf(info: NiftiHeaderInfo, step: number | undefined): number | undefined {
  if ((info.dims[3] ?? 1) < 2 || step === undefined || !(step > 0) || !Number.isFinite(step)) return undefined;
  switch (info.units.temporal) {
    case 's':
      return step * 1000;
    case 'ms':
      return step;
    case 'us':
      return step / 1000;
    default:
      return undefined;
  }
}
