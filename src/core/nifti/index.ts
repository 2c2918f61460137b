export { looksLikeNifti } from './looksLikeNifti';
export { readNifti, type NiftiImage } from './readNifti';
export { readNiftiHeader } from './readNiftiHeader';
export { inspectNifti, type NiftiInspectDoc } from './inspectNifti';
export type { ReadNiftiOptions } from './loadNiftiVoxels';
export type { Affine4, AffineSource, NiftiHeaderInfo, NiftiUnits } from './niftiHeaderTypes';
export { MAX_NIFTI_VOXEL_BYTES } from './parseNiftiHeader';
