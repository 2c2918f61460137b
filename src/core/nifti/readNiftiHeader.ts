import { niftiHead, type ReadNiftiOptions } from './loadNiftiVoxels';
import type { NiftiHeaderInfo } from './niftiHeaderTypes';
import { parseNiftiHeader } from './parseNiftiHeader';

/**
 * The validated header alone, for a quick summary (dimensions, datatype, orientation) before or
 * instead of reading the voxels: a .nii.gz is inflated only as far as its first 64 KiB. Whether the
 * voxel data is complete is not checked; readNifti does that. Throws NiftiError like readNifti.
 */
export function readNiftiHeader(bytes: Uint8Array, options: ReadNiftiOptions = {}): NiftiHeaderInfo {
  return parseNiftiHeader(niftiHead(bytes, options)).info;
}
