import { ImageError } from '../errors';
import { parseDicom, type ParseOptions } from '../dicom';
import { readNifti } from '../nifti';
import { detectFormat } from '../files/detectFormat';
import { openDicomStack } from './dicomStackImage';
import { niftiViewable } from './niftiViewable';
import type { ViewableImage } from './viewableImage';

/** Opens DICOM or NIfTI bytes (format from the bytes, then the name). Throws VoxelError on bad input. */
export async function openViewable(bytes: Uint8Array, name: string, options: ParseOptions = {}): Promise<ViewableImage> {
  if (bytes.length === 0) throw new ImageError('image-empty-file', `${name || 'The file'} is empty (0 bytes); nothing to show.`);
  switch (detectFormat(bytes, name)) {
    case 'dicom':
      return openDicomStack(parseDicom(bytes, options), name);
    case 'nifti':
      return niftiViewable(await readNifti(bytes, { fileName: name }), name);
    case 'png':
      throw new ImageError('image-unsupported-format', `${name} is a PNG; the viewer shows DICOM and NIfTI.`);
    default:
      throw new ImageError(
        'image-unknown-format',
        `${name || 'The file'} is neither DICOM (no "DICM" at byte 128 and no dataset at byte 0) nor NIfTI (no 348/540-byte header, not gzip).`,
      );
  }
}
