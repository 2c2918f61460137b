import { DicomError } from '../errors';
import type { PixelDType } from '../imaging/pixelArray';
import type { DecodedColorSpace, DicomImageInfo, PixelDataTag } from './types';

/** What decoding needs from the Image Pixel module (PS3.3 C.7.6.3), validated. */
export interface PixelFormat {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  planarConfiguration: number;
  photometricInterpretation: string;
  pixelDataTag: PixelDataTag;
  /** dtype of the decoded stored values (hashing convention). */
  dtype: PixelDType;
  colorSpace: DecodedColorSpace;
}

function required(value: number | null, name: string, tag: string): number {
  if (value === null) throw new DicomError('dicom-missing-attribute', `${name} ${tag} is missing, so the pixels cannot be laid out.`);
  return value;
}

/** BitsAllocated/PixelRepresentation → dtype (hashing convention; float elements by tag). */
export function dtypeFor(bitsAllocated: number, pixelRepresentation: number, tag: PixelDataTag): PixelDType {
  if (tag === '(7FE0,0008)') return 'float32';
  if (tag === '(7FE0,0009)') return 'float64';
  const signed = pixelRepresentation === 1;
  switch (bitsAllocated) {
    case 1: return 'uint8';
    case 8: return signed ? 'int8' : 'uint8';
    case 16: return signed ? 'int16' : 'uint16';
    case 32: return signed ? 'int32' : 'uint32';
    default:
      throw new DicomError('dicom-unsupported-pixel-format', `Bits Allocated (0028,0100) is ${bitsAllocated}; supported values are 1, 8, 16 and 32.`);
  }
}

export function colorSpaceOf(photometric: string): DecodedColorSpace {
  if (photometric.startsWith('MONOCHROME')) return 'MONOCHROME';
  if (photometric === 'PALETTE COLOR') return 'PALETTE';
  if (photometric.startsWith('YBR_FULL') || photometric.startsWith('YBR_PARTIAL')) return 'YBR_FULL';
  // RGB, and YBR_RCT / YBR_ICT whose inverse transform the JPEG 2000 decoders apply.
  return 'RGB';
}

/** Validates the attributes decoding needs; throws a DicomError naming the first bad one. */
export function pixelFormatOf(info: DicomImageInfo): PixelFormat {
  const pixelDataTag = info.pixelDataTag;
  if (!pixelDataTag) throw new DicomError('dicom-missing-pixel-data', 'The data set has no Pixel Data (7FE0,0010), Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009).');
  const rows = required(info.rows, 'Rows', '(0028,0010)');
  const columns = required(info.columns, 'Columns', '(0028,0011)');
  const isFloat = pixelDataTag !== '(7FE0,0010)';
  const bitsAllocated = isFloat ? (pixelDataTag === '(7FE0,0008)' ? 32 : 64) : required(info.bitsAllocated, 'Bits Allocated', '(0028,0100)');
  const samplesPerPixel = info.samplesPerPixel ?? 1;
  const photometric = info.photometricInterpretation ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  if (rows === 0 || columns === 0) throw new DicomError('dicom-invalid-attribute', `The image is ${rows} × ${columns} pixels; Rows and Columns must be at least 1.`);
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new DicomError('dicom-unsupported-pixel-format', `Samples per Pixel (0028,0002) is ${samplesPerPixel}; only 1 and 3 are defined for images.`);
  }
  const pixelRepresentation = isFloat ? 0 : info.pixelRepresentation ?? 0;
  const bitsStored = isFloat ? bitsAllocated : info.bitsStored ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new DicomError('dicom-invalid-attribute', `Bits Stored (0028,0101) is ${bitsStored} with Bits Allocated ${bitsAllocated}; it must be between 1 and Bits Allocated.`);
  }
  // Typed arrays stop at 2^31 bytes in some engines; a bigger image is a corrupt header here.
  const bytes = rows * columns * samplesPerPixel * info.numberOfFrames * Math.max(1, bitsAllocated / 8);
  if (bytes > 2 ** 31) {
    throw new DicomError('dicom-unsupported-pixel-format', `The pixels would take ${bytes} bytes (${info.numberOfFrames} frame(s) of ${rows} × ${columns} × ${samplesPerPixel}); more than 2 GiB is not supported.`);
  }
  return {
    rows, columns, frames: info.numberOfFrames, samplesPerPixel, bitsAllocated, bitsStored, pixelRepresentation,
    planarConfiguration: info.planarConfiguration ?? 0,
    photometricInterpretation: photometric,
    pixelDataTag,
    dtype: dtypeFor(bitsAllocated, pixelRepresentation, pixelDataTag),
    colorSpace: colorSpaceOf(photometric),
  };
}
