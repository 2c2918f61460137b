import { ImageError } from '../errors';
import { inspectDicom, type DicomInspectDoc } from '../dicom';
import { inspectNifti, type NiftiInspectDoc } from '../nifti';
import { detectFormat } from './detectFormat';

export type InspectDoc = DicomInspectDoc | NiftiInspectDoc;

/** The `voxel-lab inspect --json` document for one file's bytes (CLI.md). Throws VoxelError on bad input. */
export async function inspectImage(
  bytes: Uint8Array,
  options: { name?: string; tags?: boolean; inflate?: (deflated: Uint8Array) => Uint8Array } = {},
): Promise<InspectDoc> {
  const name = options.name ?? '';
  if (bytes.length === 0) throw new ImageError('image-empty-file', `${name || 'The file'} is empty (0 bytes); nothing to read.`);
  switch (detectFormat(bytes, name)) {
    case 'dicom':
      return inspectDicom(bytes, { tags: options.tags ?? false, ...(options.inflate ? { inflate: options.inflate } : {}) });
    case 'nifti':
      return inspectNifti(bytes, { fileName: name });
    case 'png':
      throw new ImageError('image-unsupported-format', `${name || 'The file'} is a PNG; inspect reads DICOM and NIfTI.`);
    default:
      throw new ImageError(
        'image-unknown-format',
        `${name || 'The file'} is neither DICOM (no "DICM" at byte 128 and no dataset at byte 0) nor NIfTI (no 348/540-byte header, not gzip).`,
      );
  }
}
