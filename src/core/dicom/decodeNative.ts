import { DicomError } from '../errors';
import { bytesPerElement, type PixelArray } from '../imaging/pixelArray';
import type { DicomFile } from './parseDicom';
import type { PixelFormat } from './pixelFormat';
import { swapBytes, typedPixels } from './pixels/byteOrder';
import { expandYbr422 } from './pixels/expandYbr422';
import { planarToInterleaved } from './pixels/planar';
import { unpackBits } from './pixels/unpackBits';

const PIXEL_KEYS: Record<PixelFormat['pixelDataTag'], string> = {
  '(7FE0,0010)': 'x7fe00010',
  '(7FE0,0008)': 'x7fe00008',
  '(7FE0,0009)': 'x7fe00009',
};

export function pixelKeyOf(fmt: PixelFormat): string {
  return PIXEL_KEYS[fmt.pixelDataTag];
}

/** Native YBR_FULL_422 stores 2 bytes per pixel pair sample group (PS3.3 C.7.6.3.1.2). */
function isNative422(fmt: PixelFormat): boolean {
  const pi = fmt.photometricInterpretation;
  return (pi === 'YBR_FULL_422' || pi === 'YBR_PARTIAL_422') && fmt.bitsAllocated === 8 && fmt.samplesPerPixel === 3;
}

/** Bytes one frame occupies in native Pixel Data (not for BitsAllocated 1, whose frames are bit-packed). */
function frameByteLength(fmt: PixelFormat): number {
  if (isNative422(fmt)) return fmt.rows * Math.ceil(fmt.columns / 2) * 4;
  return fmt.rows * fmt.columns * fmt.samplesPerPixel * (fmt.bitsAllocated / 8);
}

/** Bytes all frames need (PS3.5 §8.1.1; 1-bit frames are packed without padding). */
export function expectedNativeLength(fmt: PixelFormat): number {
  if (fmt.bitsAllocated === 1) return Math.ceil((fmt.rows * fmt.columns * fmt.samplesPerPixel * fmt.frames) / 8);
  return frameByteLength(fmt) * fmt.frames;
}

/** The native pixel value bytes, checked to hold every frame. */
export function nativePixelBytes(file: DicomFile, fmt: PixelFormat): Uint8Array {
  const el = file.dataSet.elements[pixelKeyOf(fmt)];
  if (!el) throw new DicomError('dicom-missing-pixel-data', `The data set has no ${fmt.pixelDataTag} element.`);
  if (el.encapsulatedPixelData) {
    throw new DicomError('dicom-invalid-encapsulation', `Pixel Data is encapsulated but transfer syntax ${file.syntax.uid} (${file.syntax.name}) stores native pixels.`);
  }
  const expected = expectedNativeLength(fmt);
  if (el.length < expected) {
    throw new DicomError(
      'dicom-pixel-data-length',
      `${fmt.pixelDataTag} holds ${el.length} bytes but ${fmt.frames} frame(s) of ${fmt.rows} × ${fmt.columns} × ${fmt.samplesPerPixel} samples at ${fmt.bitsAllocated} bits need ${expected}.`,
    );
  }
  return file.bytes.subarray(el.dataOffset, el.dataOffset + el.length);
}

/**
 * Stored values of frames [first, first + count) of native pixel data, laid out per the hashing
 * convention (interleaved, 4:2:2 expanded, bits unpacked). A view into the file when possible.
 */
export function decodeNativeFrames(file: DicomFile, fmt: PixelFormat, first: number, count: number): PixelArray {
  const bytes = nativePixelBytes(file, fmt);
  const pixelsPerFrame = fmt.rows * fmt.columns;
  const samplesPerFrame = pixelsPerFrame * fmt.samplesPerPixel;
  if (fmt.bitsAllocated === 1) return unpackBits(bytes, first * samplesPerFrame, count * samplesPerFrame);
  const frameBytes = frameByteLength(fmt);
  const slice = bytes.subarray(first * frameBytes, (first + count) * frameBytes);
  if (isNative422(fmt)) return expandYbr422(slice, fmt.rows * count, fmt.columns);
  let littleEndian = file.syntax.littleEndian;
  let src = slice;
  if (!littleEndian && fmt.bitsAllocated === 8 && file.dataSet.elements[pixelKeyOf(fmt)]?.vr === 'OW') {
    // PS3.5 §7.3: OW is a stream of 16-bit words, so 8-bit samples in big endian OW are pair-swapped.
    src = slice.slice();
    swapBytes(src, 2);
    littleEndian = true;
  }
  const all = typedPixels(src, fmt.dtype, count * samplesPerFrame, littleEndian);
  if (fmt.samplesPerPixel === 1 || fmt.planarConfiguration !== 1) return all;
  if (count === 1) return planarToInterleaved(all, pixelsPerFrame, fmt.samplesPerPixel);
  const out = new (all.constructor as new (n: number) => PixelArray)(all.length);
  for (let f = 0; f < count; f++) {
    const one = all.subarray(f * samplesPerFrame, (f + 1) * samplesPerFrame);
    out.set(planarToInterleaved(one, pixelsPerFrame, fmt.samplesPerPixel), f * samplesPerFrame);
  }
  return out;
}

export const nativeBytesPerSample = (fmt: PixelFormat): number => bytesPerElement(fmt.dtype);
