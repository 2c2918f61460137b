import { DicomError } from '../../errors';
import { dtypeFor, colorSpaceOf } from '../pixelFormat';
import { allocPixels } from '../pixels/byteOrder';
import type { Decoder } from '../types';

/**
 * PackBits-decodes one RLE segment (PS3.5 G.3.1) into `out` at `offset` with step `stride`
 * (so bytes land straight in their place in the little-endian container). Returns the count written.
 */
export function decodeRleSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, offset: number, stride: number, count: number): number {
  let i = start;
  let n = 0;
  let o = offset;
  while (i < end && n < count) {
    const header = src[i++] as number;
    if (header < 128) {
      // Literal run of header + 1 bytes.
      const len = Math.min(header + 1, count - n, end - i);
      for (let k = 0; k < len; k++, o += stride) out[o] = src[i + k] as number;
      i += header + 1;
      n += len;
    } else if (header > 128) {
      // Replicate the next byte 257 - header times; 128 is a no-op.
      const len = Math.min(257 - header, count - n);
      const value = src[i++] as number;
      for (let k = 0; k < len; k++, o += stride) out[o] = value;
      n += len;
    }
  }
  return n;
}

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one segment per byte of
 * each sample, most significant byte first. Produces interleaved samples in the stored container.
 */
export const decodeRle: Decoder = async (frame) => {
  if (frame.bitsAllocated === 1 || frame.bitsAllocated % 8 !== 0) {
    throw new DicomError('dicom-unsupported-pixel-format', `RLE Lossless with Bits Allocated ${frame.bitsAllocated} is not supported; 8, 16 and 32 are.`);
  }
  const src = frame.bytes;
  if (src.length < 64) throw new DicomError('dicom-codec-failed', `The RLE frame is ${src.length} bytes, shorter than its 64-byte header (PS3.5 G.5).`);
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = frame.bitsAllocated / 8;
  const expected = bytesPerSample * frame.samplesPerPixel;
  if (segments !== expected) {
    throw new DicomError('dicom-codec-failed', `The RLE header lists ${segments} segment(s) but ${frame.samplesPerPixel} sample(s) of ${frame.bitsAllocated} bits need ${expected}.`);
  }
  const pixels = frame.rows * frame.columns;
  const dtype = dtypeFor(frame.bitsAllocated, frame.pixelRepresentation, '(7FE0,0010)');
  const out = allocPixels(dtype, pixels * frame.samplesPerPixel);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const stride = bytesPerSample * frame.samplesPerPixel;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : src.length;
    if (start < 64 || start > end || end > src.length) {
      throw new DicomError('dicom-codec-failed', `RLE segment ${s + 1} has offsets ${start}..${end} outside the ${src.length}-byte frame.`);
    }
    const sample = Math.floor(s / bytesPerSample);
    // Segment k of a sample holds its (k+1)-th most significant byte; the container is little endian.
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const written = decodeRleSegment(src, start, end, bytes, sample * bytesPerSample + byteInSample, stride, pixels);
    if (written < pixels) {
      throw new DicomError('dicom-codec-failed', `RLE segment ${s + 1} decodes to ${written} bytes but the image has ${pixels} pixels.`);
    }
  }
  return { pixels: out, rows: frame.rows, columns: frame.columns, samplesPerPixel: frame.samplesPerPixel, colorSpace: colorSpaceOf(frame.photometricInterpretation) };
};
