import { DicomError } from '../../errors';
import { dtypeFor, colorSpaceOf } from '../pixelFormat';
import { allocPixels } from '../pixels/byteOrder';
import type { Decoder } from '../types';

// Runs shorter than this are copied by hand: a subarray + set/fill call costs more than a few byte stores.
const SHORT_RUN = 16;

/**
 * PackBits-decodes one RLE segment (PS3.5 G.3.1) into `out` at `offset` with step `stride`
 * (so bytes land straight in their place in the little-endian container). Returns the count written.
 */
export function decodeRleSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, offset: number, stride: number, count: number): number {
  if (stride === 1) return decodeRleContiguous(src, start, end, out, offset, count);
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

/** decodeRleSegment into consecutive bytes: long runs become one set()/fill() (a memcpy/memset). */
function decodeRleContiguous(src: Uint8Array, start: number, end: number, out: Uint8Array, offset: number, count: number): number {
  let i = start;
  let o = offset;
  const stop = offset + count;
  while (i < end && o < stop) {
    const header = src[i++] as number;
    if (header < 128) {
      const len = Math.min(header + 1, stop - o, end - i);
      if (len < SHORT_RUN) for (let k = 0; k < len; k++) out[o + k] = src[i + k] as number;
      else out.set(src.subarray(i, i + len), o);
      i += header + 1;
      o += len;
    } else if (header > 128) {
      const len = Math.min(257 - header, stop - o);
      const value = src[i++] as number;
      if (len < SHORT_RUN) for (let k = 0; k < len; k++) out[o + k] = value;
      else out.fill(value, o, o + len);
      o += len;
    }
  }
  return o - offset;
}

// Two planes reused across frames (decoding is synchronous, so no call sees another's); big ones are not kept.
const SCRATCH_KEEP = 4 * 2 ** 20;
const planes: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];

function scratch(i: 0 | 1, length: number): Uint8Array {
  if ((planes[i] as Uint8Array).length < length) planes[i] = new Uint8Array(length);
  return planes[i] as Uint8Array;
}

function releaseScratch(length: number): void {
  if (length > SCRATCH_KEEP) planes.fill(new Uint8Array(0));
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * 16-bit samples from their high and low byte planes. On a little-endian host four samples at a time from
 * 32-bit words of each plane (the planes and `out` are fresh, hence aligned); values otherwise.
 */
function joinHighLow(out: Uint16Array | Int16Array, high: Uint8Array, low: Uint8Array, pixels: number): void {
  let i = 0;
  if (LITTLE_ENDIAN_HOST && out.byteOffset % 4 === 0 && high.byteOffset % 4 === 0 && low.byteOffset % 4 === 0) {
    const quads = pixels >> 2;
    const h32 = new Int32Array(high.buffer, high.byteOffset, quads);
    const l32 = new Int32Array(low.buffer, low.byteOffset, quads);
    const o32 = new Int32Array(out.buffer, out.byteOffset, quads * 2);
    for (let q = 0; q < quads; q++) {
      const h = h32[q] as number, l = l32[q] as number;
      o32[2 * q] = (l & 0xff) | ((h & 0xff) << 8) | ((l & 0xff00) << 8) | ((h & 0xff00) << 16);
      o32[2 * q + 1] = ((l >>> 16) & 0xff) | ((h >>> 8) & 0xff00) | ((l >>> 8) & 0xff0000) | (h & 0xff000000);
    }
    i = quads * 4;
  }
  for (; i < pixels; i++) out[i] = ((high[i] as number) << 8) | (low[i] as number);
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
  // Grey 8- and 16-bit (nearly all RLE): each segment into a contiguous plane with memcpy/memset-like runs, then
  // one pass joins high and low bytes; much faster in V8 than writing every byte with a stride.
  const planar = segments <= 2 && frame.samplesPerPixel === 1;
  const high = planar && segments === 2 ? scratch(0, pixels) : bytes;
  const low = planar && segments === 2 ? scratch(1, pixels) : bytes;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : src.length;
    if (start < 64 || start > end || end > src.length) {
      throw new DicomError('dicom-codec-failed', `RLE segment ${s + 1} has offsets ${start}..${end} outside the ${src.length}-byte frame.`);
    }
    const sample = Math.floor(s / bytesPerSample);
    // Segment k of a sample holds its (k+1)-th most significant byte; the container is little endian.
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const written = planar
      ? decodeRleSegment(src, start, end, s === 0 ? high : low, 0, 1, pixels)
      : decodeRleSegment(src, start, end, bytes, sample * bytesPerSample + byteInSample, stride, pixels);
    if (written < pixels) {
      throw new DicomError('dicom-codec-failed', `RLE segment ${s + 1} decodes to ${written} bytes but the image has ${pixels} pixels.`);
    }
  }
  if (planar && segments === 2) joinHighLow(out as Uint16Array | Int16Array, high, low, pixels);
  releaseScratch(pixels);
  return { pixels: out, rows: frame.rows, columns: frame.columns, samplesPerPixel: frame.samplesPerPixel, colorSpace: colorSpaceOf(frame.photometricInterpretation) };
};
