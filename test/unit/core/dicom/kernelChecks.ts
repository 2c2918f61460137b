// Checks shared by wasmKernels.test.ts (WebAssembly SIMD kernels on) and wasmFallback.test.ts (WebAssembly
// refused, the JavaScript paths): byte swaps and RLE decoding against plain reference implementations.
import assert from 'node:assert/strict';
import type { swapBytes as SwapBytes, typedPixels as TypedPixels } from '../../../../src/core/dicom/pixels/byteOrder';
import type { decodeRle as DecodeRle } from '../../../../src/core/dicom/decoders/decodeRle';

/** A small deterministic generator (the same inputs every run). */
export function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function reversedElements(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + size <= bytes.length; i += size) for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j] as number;
  return out;
}

/** swapBytes in place and typedPixels from big endian, every element size, lengths around the 16/64-byte and chunk edges, any alignment. */
export function checkSwaps(swapBytes: typeof SwapBytes, typedPixels: typeof TypedPixels): number {
  const next = random(1);
  let cases = 0;
  for (const size of [2, 4, 8]) {
    for (const count of [0, 1, 7, 8, 9, 31, 32, 33, 4095, 16384, 16385, 40000]) {
      for (const shift of [0, 1, 2]) {
        const backing = new Uint8Array(count * size + shift + 3);
        for (let i = 0; i < backing.length; i++) backing[i] = Math.floor(next() * 256);
        const bytes = backing.subarray(shift, shift + count * size);
        const expected = reversedElements(bytes, size);
        const dtype = size === 2 ? 'int16' : size === 4 ? 'float32' : 'float64';
        const typed = typedPixels(bytes, dtype, count, false);
        assert.deepEqual(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), expected, `typedPixels size ${size} count ${count} shift ${shift}`);
        const inPlace = bytes.slice();
        swapBytes(inPlace, size);
        assert.deepEqual(inPlace, expected, `swapBytes size ${size} count ${count}`);
        cases++;
      }
    }
  }
  return cases;
}

/** PackBits as PS3.5 G.3.1 describes it, with runs of every kind: literals, replicates, 128-byte runs, no-op bytes. */
function packBits(plane: Uint8Array, next: () => number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < plane.length) {
    if (next() < 0.05) out.push(128); // a no-op header (-128)
    let run = 1;
    while (i + run < plane.length && run < 128 && plane[i + run] === plane[i]) run++;
    if (run >= 2) {
      out.push(257 - run, plane[i] as number);
      i += run;
    } else {
      const n = Math.min(plane.length - i, 1 + Math.floor(next() * 128));
      out.push(n - 1, ...plane.subarray(i, i + n));
      i += n;
    }
  }
  if (out.length % 2) out.push(128); // segments are padded to an even length
  return out;
}

function rleFrame(planes: Uint8Array[], next: () => number): Uint8Array {
  const segments = planes.map((p) => packBits(p, next));
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let at = 64;
  segments.forEach((s, k) => {
    view.setUint32(4 + 4 * k, at, true);
    at += s.length;
  });
  return new Uint8Array([...header, ...segments.flat()]);
}

/** 8- and 16-bit grey and 8-bit RGB frames of runs and noise, decoded exactly; a short segment is an error. */
export async function checkRle(decodeRle: typeof DecodeRle): Promise<number> {
  const next = random(2);
  let cases = 0;
  for (const [rows, columns] of [[1, 1], [3, 5], [16, 16], [64, 63], [300, 512]] as const) {
    for (const bits of [8, 16]) {
      for (const samples of bits === 8 ? [1, 3] : [1]) {
        const n = rows * columns * samples;
        const values = bits === 8 ? new Uint8Array(n) : new Uint16Array(n);
        let v = 0;
        for (let i = 0; i < n; i++) {
          if (next() < 0.3) v = Math.floor(next() * 2 ** bits); // runs of equal values between jumps
          values[i] = v;
        }
        const pixels = rows * columns;
        const planes: Uint8Array[] = [];
        for (let s = 0; s < samples; s++) {
          for (let b = bits / 8 - 1; b >= 0; b--) {
            const plane = new Uint8Array(pixels);
            for (let p = 0; p < pixels; p++) plane[p] = ((values[p * samples + s] as number) >> (8 * b)) & 0xff;
            planes.push(plane);
          }
        }
        const bytes = rleFrame(planes, next);
        const frame = {
          bytes, rows, columns, samplesPerPixel: samples, bitsAllocated: bits, bitsStored: bits, pixelRepresentation: 0, planarConfiguration: 0,
          photometricInterpretation: samples === 3 ? 'RGB' : 'MONOCHROME2', transferSyntaxUID: '1.2.840.10008.1.2.5',
        };
        const decoded = await decodeRle(frame);
        assert.deepEqual([...decoded.pixels], [...values], `${rows}×${columns}×${samples} ${bits}-bit`);
        if (pixels > 1) {
          // The last segment cut short: an error naming it, not a frame with stale bytes.
          await assert.rejects(decodeRle({ ...frame, bytes: bytes.subarray(0, bytes.length - Math.ceil((bytes.length - 64) / (2 * planes.length))) }), /RLE segment \d+ decodes to \d+ bytes/);
        }
        cases++;
      }
    }
  }
  return cases;
}
