import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRle, decodeRleSegment } from '../../../../src/core/dicom/decoders/decodeRle';
import { expandYbr422 } from '../../../../src/core/dicom/pixels/expandYbr422';
import { unpackBits } from '../../../../src/core/dicom/pixels/unpackBits';
import { signExtend } from '../../../../src/core/dicom/pixels/signExtend';
import { planarToInterleaved } from '../../../../src/core/dicom/pixels/planar';
import { typedPixels } from '../../../../src/core/dicom/pixels/byteOrder';
import type { EncodedFrame } from '../../../../src/core/dicom';

test('RLE segment: literal runs, replicate runs and the 128 no-op (PS3.5 G.3.1)', () => {
  // 2 literal bytes (header 1), replicate 0x07 three times (header 257-3 = 254), no-op (128), literal 1.
  const src = Uint8Array.from([1, 10, 11, 254, 7, 128, 0, 42]);
  const out = new Uint8Array(6);
  assert.equal(decodeRleSegment(src, 0, src.length, out, 0, 1, 6), 6);
  assert.deepEqual([...out], [10, 11, 7, 7, 7, 42]);
});

test('RLE frame: 16-bit samples, high byte segment first, into a little-endian container', async () => {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, 2, true);
  view.setUint32(4, 64, true);
  view.setUint32(8, 67, true);
  // high bytes [0x01, 0xFF] as a literal run; low bytes [0x02, 0xFE] as a literal run.
  const frame = new Uint8Array([...header, 1, 0x01, 0xff, 1, 0x02, 0xfe]);
  const encoded: EncodedFrame = {
    bytes: frame, rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1,
    planarConfiguration: 0, photometricInterpretation: 'MONOCHROME2', transferSyntaxUID: '1.2.840.10008.1.2.5',
  };
  const decoded = await decodeRle(encoded);
  assert.ok(decoded.pixels instanceof Int16Array);
  assert.deepEqual([...decoded.pixels], [0x0102, -2]); // 0xFFFE as int16
});

test('native YBR_FULL_422 expands Y1 Y2 Cb Cr to two pixels sharing the chroma (PS3.3 C.7.6.3.1.2)', () => {
  const src = Uint8Array.from([10, 20, 100, 200, 30, 40, 110, 210]);
  assert.deepEqual([...expandYbr422(src, 1, 4)], [10, 100, 200, 20, 100, 200, 30, 110, 210, 40, 110, 210]);
  // Odd width: the last pair's second luma is padding.
  assert.deepEqual([...expandYbr422(Uint8Array.from([1, 2, 3, 4, 5, 0, 6, 7]), 1, 3)], [1, 3, 4, 2, 3, 4, 5, 6, 7]);
});

test('1-bit pixels unpack least significant bit first, from any bit offset (PS3.5 D.2)', () => {
  assert.deepEqual([...unpackBits(Uint8Array.from([0b10110001]), 0, 8)], [1, 0, 0, 0, 1, 1, 0, 1]);
  assert.deepEqual([...unpackBits(Uint8Array.from([0b10110001, 0b00000011]), 6, 4)], [0, 1, 1, 1]);
  const many = unpackBits(Uint8Array.from([0xff, 0x00, 0x0f]), 3, 19);
  assert.deepEqual([...many], [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
});

test('sign extension from BitsStored: 12-bit patterns to int16', () => {
  const a = Int16Array.from([0x0fff, 0x0800, 0x07ff, 0, -5]);
  signExtend(a, 12);
  assert.deepEqual([...a], [-1, -2048, 2047, 0, -5]);
  const b = Int16Array.from([-2000]);
  signExtend(b, 16);
  assert.deepEqual([...b], [-2000]);
});

test('planar configuration 1 interleaves R, G and B planes', () => {
  const planes = Uint8Array.from([1, 2, 3, 10, 20, 30, 100, 200, 250]);
  assert.deepEqual([...planarToInterleaved(planes, 3, 3)], [1, 10, 100, 2, 20, 200, 3, 30, 250]);
});

test('typed views: no copy when aligned little endian, a swapped copy for big endian', () => {
  const buf = Uint8Array.from([0x34, 0x12, 0xff, 0xff]);
  const le = typedPixels(buf, 'int16', 2, true);
  assert.equal(le.buffer, buf.buffer, 'a view');
  assert.deepEqual([...le], [0x1234, -1]);
  const be = typedPixels(buf, 'uint16', 2, false);
  assert.notEqual(be.buffer, buf.buffer);
  assert.deepEqual([...be], [0x3412, 0xffff]);
  const odd = typedPixels(Uint8Array.from([0, 0x34, 0x12]).subarray(1), 'uint16', 1, true);
  assert.deepEqual([...odd], [0x1234], 'unaligned data is copied');
});
