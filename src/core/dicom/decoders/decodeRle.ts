import { DicomError } from '../../errors';
import { dtypeFor, colorSpaceOf } from '../pixelFormat';
import { allocPixels } from '../../imaging/pixelArray';
import { isKernelMemoryLarge, reserveKernelMemory } from '../wasm/kernelMemory';
import { assembleModule, instantiate, type WasmFunction } from '../wasm/assembler';
import {
  add, block, br, brIf, geU, get, gtU, i32, load8, locals, loop, ltU, select, set, shuffle, splat8, sub, tee, v128Load, v128Store, when,
  type Code,
} from '../wasm/instructions';
import type { PixelArray } from '../../imaging/pixelArray';
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

// ---- Grey 8- and 16-bit frames (nearly all RLE) with WebAssembly SIMD: about 6× the JS below. ----
// The frame is copied into the kernel's memory, each segment unpacked into a plane there with 16-byte stores
// (a run of up to 128 bytes is at most 8 of them; stores past a run's end land where the next run goes, or in
// slack), the two planes of 16-bit samples interleaved with byte shuffles, and the samples copied out.

/** PackBits [i, end) into [o, stop) (the parameters); returns the o reached. */
function unpackFunction(): WasmFunction {
  const [i, end, o, stop] = [0, 1, 2, 3];
  const { h, len, k, v } = locals(4, ['h', 'len', 'k', 'v'] as const); // v: the one v128 local, after the i32 ones
  // len = min(len, limit), with k as scratch
  const clamp = (limit: Code): Code => set(len, select(get(len), tee(k, limit), ltU(get(len), get(k))));
  // Stores `value` (a v128 of k) at o + k for k = 0, 16, … below len; then o += len.
  const storeLoop = (value: Code): Code => [
    ...set(k, i32(0)),
    ...loop([...v128Store(add(get(o), get(k)), value), ...brIf(0, ltU(tee(k, add(get(k), i32(16))), get(len)))]),
    ...set(o, add(get(o), get(len))),
  ];
  const literal = [
    ...set(len, add(get(h), i32(1))),
    ...clamp(sub(get(stop), get(o))),
    ...clamp(sub(get(end), get(i))),
    ...storeLoop(v128Load(add(get(i), get(k)))),
    ...set(i, add(get(i), add(get(h), i32(1)))),
  ];
  const replicate = [
    ...set(len, sub(i32(257), get(h))),
    ...clamp(sub(get(stop), get(o))),
    ...set(v, splat8(load8(get(i)))),
    ...set(i, add(get(i), i32(1))),
    ...storeLoop(get(v)),
  ];
  const code = [
    ...block(loop([
      ...brIf(1, geU(get(i), get(end))),
      ...brIf(1, geU(get(o), get(stop))),
      ...set(h, load8(get(i))),
      ...set(i, add(get(i), i32(1))),
      ...when(ltU(get(h), i32(128)), literal, when(gtU(get(h), i32(128)), replicate)), // 128: no-op
      ...br(0),
    ])),
    ...get(o),
  ];
  return { name: 'unpack', params: 4, returnsI32: true, i32Locals: 3, v128Locals: 1, code };
}

/** Little-endian 16-bit samples at `out` from byte planes `hi`, `lo` of `n` bytes, 16 at a time (slack past n). */
function joinFunction(): WasmFunction {
  const [hi, lo, out, n] = [0, 1, 2, 3];
  const { p, vh, vl } = locals(4, ['p', 'vh', 'vl'] as const); // vh, vl: v128
  const lanes = (from: number) => Array.from({ length: 16 }, (_, j) => from + (j >> 1) + (j & 1 ? 16 : 0));
  const code = block(loop([
    ...brIf(1, geU(get(p), get(n))),
    ...set(vh, v128Load(add(get(hi), get(p)))),
    ...set(vl, v128Load(add(get(lo), get(p)))),
    ...v128Store(get(out), shuffle(lanes(0), get(vl), get(vh)), 0),
    ...v128Store(get(out), shuffle(lanes(8), get(vl), get(vh)), 16),
    ...set(out, add(get(out), i32(32))),
    ...set(p, add(get(p), i32(16))),
    ...br(0),
  ]));
  return { name: 'join', params: 4, returnsI32: false, i32Locals: 1, v128Locals: 2, code };
}

interface RleKernel {
  memory: WebAssembly.Memory;
  unpack: (i: number, end: number, o: number, stop: number) => number;
  join: (hi: number, lo: number, out: number, n: number) => void;
}

let kernelBytes: Uint8Array<ArrayBuffer> | null = null;
let kernel: RleKernel | null | undefined;

function rleKernel(): RleKernel | null {
  if (kernel !== undefined) return kernel;
  kernelBytes ??= assembleModule([unpackFunction(), joinFunction()]);
  const exports = instantiate(kernelBytes);
  kernel = exports ? { memory: exports.m as WebAssembly.Memory, unpack: exports.unpack as RleKernel['unpack'], join: exports.join as RleKernel['join'] } : null;
  return kernel;
}

const align16 = (n: number): number => (n + 15) & ~15;

/**
 * Segments 1..`segments` of a grey frame into `bytes` (8-bit: the one plane; 16-bit: the two joined) with the
 * kernel; false when its memory could not hold the frame. Offsets were checked by the caller.
 */
function decodeGreyWasm(k: RleKernel, src: Uint8Array, offsets: number[], bytes: Uint8Array, pixels: number): boolean {
  // Frame (16 zero bytes after: a run header in the last byte reads its value as 0, as src[length] does), planes
  // and the joined samples, each followed by room for a 16-byte store starting at its last byte.
  const planes = [align16(src.length + 16), 0];
  planes[1] = align16((planes[0] as number) + pixels + 32);
  const joined = align16((planes[1] as number) + pixels + 32);
  const need = joined + 2 * pixels + 32;
  if (!reserveKernelMemory(k.memory, need)) return false;
  try {
    unpackInKernel(k, src, offsets, bytes, pixels, planes as [number, number], joined);
  } finally {
    // A corrupt frame throws too: its memory must go all the same.
    if (isKernelMemoryLarge(k.memory) && kernel === k) kernel = undefined;
  }
  return true;
}

function unpackInKernel(k: RleKernel, src: Uint8Array, offsets: number[], bytes: Uint8Array, pixels: number, planes: [number, number], joined: number): void {
  const segments = offsets.length - 1;
  const mem = new Uint8Array(k.memory.buffer);
  mem.set(src);
  mem.fill(0, src.length, src.length + 16);
  for (let s = 0; s < segments; s++) {
    const plane = planes[s] as number;
    const written = k.unpack(offsets[s] as number, offsets[s + 1] as number, plane, plane + pixels) - plane;
    if (written < pixels) throw shortSegment(s, written, pixels);
  }
  if (segments === 1) bytes.set(mem.subarray(planes[0], (planes[0] as number) + pixels));
  else {
    k.join(planes[0] as number, planes[1] as number, joined, pixels);
    bytes.set(mem.subarray(joined, joined + 2 * pixels));
  }
}

const shortSegment = (s: number, written: number, pixels: number): DicomError =>
  new DicomError('dicom-codec-failed', `RLE segment ${s + 1} decodes to ${written} bytes but the image has ${pixels} pixels.`);

/** Segment start offsets and the frame's end, checked to lie in order within the frame. */
function segmentOffsets(view: DataView, segments: number, length: number): number[] {
  const offsets: number[] = [];
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : length;
    if (start < 64 || start > end || end > length) {
      throw new DicomError('dicom-codec-failed', `RLE segment ${s + 1} has offsets ${start}..${end} outside the ${length}-byte frame.`);
    }
    offsets.push(start);
  }
  return [...offsets, length];
}

/**
 * Every segment into `out` (interleaved samples of `stride` bytes) without WebAssembly. Grey 8- and 16-bit: each
 * segment into a contiguous plane with memcpy/memset-like runs, then one pass joins high and low bytes; much
 * faster in V8 than writing every byte with a stride.
 */
function decodeJs(src: Uint8Array, offsets: number[], out: PixelArray, stride: number, grey: boolean): void {
  const segments = offsets.length - 1;
  const bytesPerSample = out.BYTES_PER_ELEMENT;
  const pixels = out.length / (stride / bytesPerSample);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const high = grey && segments === 2 ? scratch(0, pixels) : bytes;
  const low = grey && segments === 2 ? scratch(1, pixels) : bytes;
  for (let s = 0; s < segments; s++) {
    const start = offsets[s] as number, end = offsets[s + 1] as number;
    const sample = Math.floor(s / bytesPerSample);
    // Segment k of a sample holds its (k+1)-th most significant byte; the container is little endian.
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const written = grey
      ? decodeRleSegment(src, start, end, s === 0 ? high : low, 0, 1, pixels)
      : decodeRleSegment(src, start, end, bytes, sample * bytesPerSample + byteInSample, stride, pixels);
    if (written < pixels) throw shortSegment(s, written, pixels);
  }
  if (grey && segments === 2) joinHighLow(out as Uint16Array | Int16Array, high, low, pixels);
  releaseScratch(pixels);
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
  const offsets = segmentOffsets(view, segments, src.length);
  const pixels = frame.rows * frame.columns;
  const dtype = dtypeFor(frame.bitsAllocated, frame.pixelRepresentation, '(7FE0,0010)');
  const out = allocPixels(dtype, pixels * frame.samplesPerPixel);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  const grey = segments <= 2 && frame.samplesPerPixel === 1;
  const k = grey && LITTLE_ENDIAN_HOST ? rleKernel() : null;
  if (!k || !decodeGreyWasm(k, src, offsets, bytes, pixels)) decodeJs(src, offsets, out, bytesPerSample * frame.samplesPerPixel, grey);
  return { pixels: out, rows: frame.rows, columns: frame.columns, samplesPerPixel: frame.samplesPerPixel, colorSpace: colorSpaceOf(frame.photometricInterpretation) };
};
