// The word-at-a-time paths of the pixel code against plain DataView/byte-by-byte references, at every alignment
// and with lengths that leave a tail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRle } from '../../../../src/core/dicom/decoders/decodeRle';
import { swapBytes, typedPixels } from '../../../../src/core/dicom/pixels/byteOrder';
import type { EncodedFrame } from '../../../../src/core/dicom/types';

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

test('big-endian samples of 2, 4 and 8 bytes: every source alignment and count matches DataView', () => {
  for (const [dtype, size] of [['uint16', 2], ['int16', 2], ['uint32', 4], ['int32', 4], ['float32', 4], ['float64', 8]] as const) {
    for (const offset of [0, 1, 2, 3, 4, 6]) {
      for (const count of [0, 1, 2, 3, 5, 8, 9, 17]) {
        const backing = randomBytes(offset + count * size + 3, 7 * offset + count);
        const src = backing.subarray(offset, offset + count * size);
        const got = typedPixels(src, dtype, count, false);
        const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
        const want = Array.from({ length: count }, (_, i) => {
          switch (dtype) {
            case 'uint16': return view.getUint16(i * 2, false);
            case 'int16': return view.getInt16(i * 2, false);
            case 'uint32': return view.getUint32(i * 4, false);
            case 'int32': return view.getInt32(i * 4, false);
            case 'float32': return view.getFloat32(i * 4, false);
            case 'float64': return view.getFloat64(i * 8, false);
          }
        });
        assert.deepEqual([...got], want, `${dtype}, offset ${offset}, ${count} values`);
        assert.deepEqual([...backing.subarray(offset, offset + count * size)], [...src], 'the source is left as it was');
      }
    }
  }
});

test('swapBytes in place: aligned and unaligned views, with an odd tail', () => {
  for (const size of [2, 4, 8]) {
    for (const offset of [0, 1, 2, 4]) {
      const backing = randomBytes(offset + 11 * size, size * 31 + offset);
      const bytes = backing.subarray(offset, offset + 11 * size);
      const before = [...bytes];
      swapBytes(bytes, size);
      const want = before.map((_, i) => before[i - (i % size) + (size - 1 - (i % size))]);
      assert.deepEqual([...bytes], want, `size ${size}, offset ${offset}`);
    }
  }
});

/** PackBits (PS3.5 G.3.1) encoder, literal runs only, for building RLE test frames. */
function packLiterals(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 128) {
    const run = bytes.subarray(i, Math.min(i + 128, bytes.length));
    out.push(run.length - 1, ...run);
  }
  return out;
}

function rleFrame(segments: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  const packed = segments.map((s) => packLiterals(s));
  let offset = 64;
  packed.forEach((p, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += p.length + (p.length % 2);
  });
  return Uint8Array.from([...header, ...packed.flatMap((p) => (p.length % 2 ? [...p, 0] : p))]);
}

test('RLE 16-bit: the joined high/low planes give the same samples for sizes that leave a tail, signed and unsigned', async () => {
  for (const [rows, columns] of [[1, 1], [1, 3], [3, 5], [4, 4], [7, 9], [64, 33]]) {
    for (const pixelRepresentation of [0, 1]) {
      const n = rows * columns;
      const values = randomBytes(2 * n, n + pixelRepresentation);
      const high = values.subarray(0, n);
      const low = values.subarray(n);
      const frame: EncodedFrame = {
        bytes: rleFrame([high, low]), rows, columns, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, pixelRepresentation,
        planarConfiguration: 0, photometricInterpretation: 'MONOCHROME2', transferSyntaxUID: '1.2.840.10008.1.2.5',
      };
      const { pixels } = await decodeRle(frame);
      const want = Array.from({ length: n }, (_, i) => {
        const u = ((high[i] as number) << 8) | (low[i] as number);
        return pixelRepresentation === 1 && u >= 0x8000 ? u - 0x10000 : u;
      });
      assert.deepEqual([...pixels], want, `${rows} × ${columns}, PixelRepresentation ${pixelRepresentation}`);
    }
  }
});
