import { looksLikeDicom } from '../dicom';
import { looksLikeNifti } from '../nifti';

export type ImageFormat = 'dicom' | 'nifti' | 'png';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What a file name promises; used only when the bytes themselves are not recognised. */
export function formatFromName(name: string): ImageFormat | null {
  const n = name.toLowerCase();
  if (n.endsWith('.dcm') || n.endsWith('.dicom')) return 'dicom';
  if (n.endsWith('.nii') || n.endsWith('.nii.gz')) return 'nifti';
  if (n.endsWith('.png')) return 'png';
  return null;
}

/**
 * The format of a file, from its bytes first (extension-less DICOM is common in archives) and from its
 * name second, so a broken `scan.dcm` still reaches the DICOM reader and gets a DICOM-specific error.
 */
export function detectFormat(bytes: Uint8Array, name = ''): ImageFormat | null {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (looksLikeNifti(bytes)) return 'nifti';
  if (looksLikeDicom(bytes)) return 'dicom';
  return formatFromName(name);
}
