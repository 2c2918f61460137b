// The fast lossless JPEG decoder against a small encoder written here from T.81 Annex H, and against
// jpeg-lossless-decoder-js (an independent decoder) for grey images without restart intervals, where it follows the standard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder as ReferenceDecoder } from 'jpeg-lossless-decoder-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFrame, parseDicom } from '../../../../src/core/dicom';
import { decodeLosslessJpeg } from '../../../../src/core/dicom/decoders/jpegLossless/decodeLosslessJpeg';
import { readSample } from './corpus';
import { Bits } from './jpegStreams';

/** Smooth 12-bit-ish test image with noise: rows × columns × components, interleaved. */
function image(rows: number, columns: number, components: number, precision: number, seed: number): Uint16Array {
  const out = new Uint16Array(rows * columns * components);
  let s = seed;
  const max = (1 << precision) - 1;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const p = Math.floor(i / components);
    const base = ((p % columns) * 7 + Math.floor(p / columns) * 5 + (i % components) * 300) % (max + 1);
    out[i] = Math.min(max, Math.max(0, base + ((s >>> 24) % 9) - 4));
  }
  return out;
}

/** A lossless JPEG (SOF3) of `samples`, one interleaved scan, the given predictor and restart interval in rows. */
function encode(samples: Uint16Array, rows: number, columns: number, components: number, precision: number, predictor: number, restartRows = 0): Uint8Array {
  // One DC table for categories 0..16: category k gets a 5-bit code k (17 codes of length 5 fit in 32).
  const counts = new Array(16).fill(0);
  counts[4] = 17;
  const symbols = Array.from({ length: 17 }, (_, k) => k);
  const bits = new Bits();
  const at = (y: number, x: number, c: number): number => samples[(y * columns + x) * components + c] as number;
  let rst = 0;
  for (let y = 0; y < rows; y++) {
    const first = y === 0 || (restartRows > 0 && y % restartRows === 0);
    if (first && y > 0) {
      bits.align();
      bits.bytes.push(0xff, 0xd0 + (rst++ % 8));
    }
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < components; c++) {
        let p: number;
        if (first) p = x === 0 ? 1 << (precision - 1) : at(y, x - 1, c);
        else if (x === 0) p = at(y - 1, 0, c);
        else {
          const ra = at(y, x - 1, c), rb = at(y - 1, x, c), rc = at(y - 1, x - 1, c);
          p = [0, ra, rb, rc, ra + rb - rc, ra + ((rb - rc) >> 1), rb + ((ra - rc) >> 1), (ra + rb) >> 1][predictor] as number;
        }
        let d = (at(y, x, c) - p) & 0xffff;
        if (d >= 0x8000) d -= 0x10000;
        const size = d === 0 ? 0 : d === -32768 ? 16 : 32 - Math.clz32(Math.abs(d));
        bits.put(size, 5);
        if (size > 0 && size < 16) bits.put(d < 0 ? d + (1 << size) - 1 : d, size);
      }
    }
  }
  bits.align();
  const seg = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const sof = [precision, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, components];
  for (let c = 0; c < components; c++) sof.push(c + 1, 0x11, 0);
  const sos = [components];
  for (let c = 0; c < components; c++) sos.push(c + 1, 0x00);
  sos.push(predictor, 0, 0);
  const restartInterval = restartRows * columns;
  return Uint8Array.from([
    0xff, 0xd8,
    ...seg(0xc3, sof),
    ...seg(0xc4, [0x00, ...counts, ...symbols]),
    ...(restartInterval ? seg(0xdd, [restartInterval >> 8, restartInterval & 0xff]) : []),
    ...seg(0xda, sos),
    ...bits.bytes,
    0xff, 0xd9,
  ]);
}

test('lossless JPEG: every predictor, grey and 3 components, odd sizes, round trip and the reference decoder agree', () => {
  for (const [rows, columns] of [[1, 1], [3, 7], [17, 9], [32, 33]]) {
    for (const components of [1, 3]) {
      for (let predictor = 1; predictor <= 7; predictor++) {
        const precision = components === 1 ? 12 : 8;
        const src = image(rows, columns, components, precision, rows * 31 + predictor);
        const jpeg = encode(src, rows, columns, components, precision, predictor);
        const got = decodeLosslessJpeg(jpeg);
        assert.ok(got, 'takes the fast path');
        assert.deepEqual([got.width, got.height, got.components], [columns, rows, components]);
        assert.deepEqual([...got.samples], [...src], `${rows} × ${columns} × ${components}, predictor ${predictor}`);
        // jpeg-lossless-decoder-js zeroes the last pixel of some colour images, so colour is checked by round trip only.
        if (components !== 1) continue;
        const reference = new ReferenceDecoder().decode(jpeg.buffer as ArrayBuffer, 0, jpeg.length, 2);
        assert.deepEqual([...got.samples], [...reference], `reference decoder, ${rows} × ${columns} × ${components}, predictor ${predictor}`);
      }
    }
  }
});

test('lossless JPEG: restart intervals of whole rows restart prediction from the left at 2^(P-1) (T.81 H.1.2.1)', () => {
  for (const restartRows of [1, 2, 5]) {
    for (const predictor of [1, 4, 7]) {
      const src = image(11, 13, 1, 16, restartRows + predictor);
      const got = decodeLosslessJpeg(encode(src, 11, 13, 1, 16, predictor, restartRows));
      assert.ok(got);
      assert.deepEqual([...got.samples], [...src], `restart every ${restartRows} row(s), predictor ${predictor}`);
    }
  }
});

test('lossless JPEG with a point transform: the stored values with their low Pt bits cleared, as dcmdjpeg decodes them', async () => {
  // dcmcjpeg +el +pt 2 of samples/dicom/mr_implicit_le.dcm (DCMTK 3.6.7). jpeg-lossless-decoder-js, the fallback
  // before, decoded none of dcmcjpeg's point-transform files as dcmdjpeg does.
  const coded = parseDicom(new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'lossless', 'mr_implicit_le_pt2.dcm'))));
  const original = await decodeFrame(parseDicom(readSample('dicom/mr_implicit_le.dcm')), 0);
  const got = await decodeFrame(coded, 0);
  assert.deepEqual([...got.pixels], [...original.pixels].map((v) => (v >> 2) << 2));
});

test('lossless JPEG: layouts outside the fast path are left to the general decoder (null)', () => {
  const src = image(4, 4, 1, 12, 1);
  const ok = encode(src, 4, 4, 1, 12, 1);
  const sofAt = ok.indexOf(0xc3) - 1;
  const withSampling = ok.slice();
  withSampling[sofAt + 4 + 6 + 1] = 0x21; // H = 2
  assert.equal(decodeLosslessJpeg(withSampling), null);
  assert.equal(decodeLosslessJpeg(Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 2])), null);
});
