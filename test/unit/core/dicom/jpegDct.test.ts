// The sequential DCT decoder (src/core/dicom/decoders/jpegDct) beyond the corpus: a small encoder written here from
// T.81 (F.1.2, B.2) codes chosen coefficients, so that every path is checked against idctExact of the same blocks:
// the WebAssembly kernel and the JS decoder, int32 and DC-only shortcuts, long Huffman codes, byte stuffing,
// restart intervals, blocks beyond the int32 bound, and corrupt data (both paths must agree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomError } from '../../../../src/core/errors';
import { decodeJpegDct } from '../../../../src/core/dicom/decoders/jpegDct/decodeJpegDct';
import {
  idctDcOnly, idctExact, idctInt32, int32IdctIsExact, MAX_PASS_WEIGHT, oddEvenFloat, pass1BitsFor, rangeLimitTable,
} from '../../../../src/core/dicom/decoders/jpegDct/idctIslow';
import { ZIGZAG } from '../../../../src/core/dicom/decoders/jpegDct/parseJpeg';
import { scanKernel } from '../../../../src/core/dicom/decoders/jpegDct/wasmScan';
import { Bits } from './jpegStreams';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** Canonical codes (T.81 C.2) of `symbols`, `counts[l - 1]` of them of length l. */
function huffman(counts: number[], symbols: number[]): { dht: number[]; code: Map<number, [number, number]> } {
  const code = new Map<number, [number, number]>();
  let c = 0, k = 0;
  for (let len = 1; len <= 16; len++, c <<= 1) {
    for (let i = 0; i < (counts[len - 1] as number); i++) code.set(symbols[k++] as number, [c++, len]);
  }
  return { dht: [...counts, ...symbols], code };
}

// DC: categories 0..15. AC: all 256 run/size symbols, EOB and ZRL shortest, then short runs of small sizes, and
// codes of 11, 13 and 16 bits (longer than the 10-bit lookahead) for the rest.
const DC = huffman([0, 2, 0, 4, 0, 4, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const AC_ORDER = [0x00, 0xf0, ...Array.from({ length: 255 }, (_, i) => i + 1).filter((s) => s !== 0xf0)
  .sort((a, b) => ((a >> 4) + (a & 15)) - ((b >> 4) + (b & 15)) || a - b)];
const AC = huffman([0, 1, 0, 4, 0, 8, 0, 24, 0, 0, 64, 0, 64, 0, 0, 91], AC_ORDER);

const category = (v: number): number => (v === 0 ? 0 : 32 - Math.clz32(Math.abs(v)));
const magnitudeBits = (v: number, s: number): number => (v < 0 ? v + (1 << s) - 1 : v);

function put(bits: Bits, table: Map<number, [number, number]>, symbol: number): void {
  const [c, len] = table.get(symbol) as [number, number];
  bits.put(c, len);
}

/** Quantised blocks (natural order) in raster order, as a 12-bit (or 8-bit) SOF1 grey JPEG. */
function encode(blocks: Int16Array[], width: number, height: number, quant: number[], precision: number, restartInterval = 0): Uint8Array {
  const bits = new Bits();
  let pred = 0;
  blocks.forEach((b, i) => {
    if (restartInterval > 0 && i > 0 && i % restartInterval === 0) {
      bits.align();
      bits.bytes.push(0xff, 0xd0 + ((i / restartInterval - 1) % 8));
      pred = 0;
    }
    const diff = (b[0] as number) - pred;
    pred = b[0] as number;
    put(bits, DC.code, category(diff));
    if (diff !== 0) bits.put(magnitudeBits(diff, category(diff)), category(diff));
    let run = 0;
    for (let k = 1; k < 64; k++) {
      const v = b[ZIGZAG[k] as number] as number;
      if (v === 0) {
        run++;
        continue;
      }
      for (; run > 15; run -= 16) put(bits, AC.code, 0xf0);
      put(bits, AC.code, (run << 4) | category(v));
      bits.put(magnitudeBits(v, category(v)), category(v));
      run = 0;
    }
    if (run > 0) put(bits, AC.code, 0x00);
  });
  bits.align();
  const seg = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const dqt = precision === 12 ? [0x10, ...Array.from({ length: 64 }, (_, k) => [(quant[ZIGZAG[k] as number] as number) >> 8, (quant[ZIGZAG[k] as number] as number) & 0xff]).flat()]
    : [0x00, ...Array.from({ length: 64 }, (_, k) => quant[ZIGZAG[k] as number] as number)];
  return Uint8Array.from([
    0xff, 0xd8,
    ...seg(0xdb, dqt),
    ...seg(0xc1, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0x00, ...DC.dht]),
    ...seg(0xc4, [0x10, ...AC.dht]),
    ...(restartInterval ? seg(0xdd, [restartInterval >> 8, restartInterval & 0xff]) : []),
    ...seg(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...bits.bytes,
    0xff, 0xd9,
  ]);
}

/** What libjpeg makes of the blocks: each dequantised and through idctExact, cropped to the image. */
function expected(blocks: Int16Array[], blocksX: number, width: number, height: number, quant: number[], precision: number): Uint16Array {
  const stride = blocksX * 8;
  const plane = new Uint16Array(stride * Math.ceil(blocks.length / blocksX) * 8);
  const coef = new Int32Array(64), ws = new Int32Array(64);
  blocks.forEach((b, i) => {
    for (let p = 0; p < 64; p++) coef[p] = (b[p] as number) * (quant[p] as number);
    idctExact(coef, plane, Math.floor(i / blocksX) * 8 * stride + (i % blocksX) * 8, stride, pass1BitsFor(precision), rangeLimitTable(precision), ws);
  });
  const out = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) out.set(plane.subarray(y * stride, y * stride + width), y * width);
  return out;
}

type Kind = 'smooth' | 'dense' | 'huge' | 'mixed';

/** Blocks of quantised coefficients: smooth (few low terms, DC-only ones), dense, huge (beyond the int32 bound), mixed. */
function makeBlocks(count: number, kind: Kind, seed: number, precision: number): Int16Array[] {
  const rnd = random(seed);
  const maxAc = precision === 12 ? 32767 : 1023;
  let dc = 0;
  return Array.from({ length: count }, (_, i) => {
    const b = new Int16Array(64);
    const k = kind === 'mixed' ? (['smooth', 'dense', 'huge'] as const)[i % 3] : kind;
    dc = Math.max(-16000, Math.min(16000, dc + Math.round((rnd() - 0.5) * (precision === 12 ? 3000 : 200))));
    b[0] = precision === 12 ? dc : Math.max(-1000, Math.min(1000, dc));
    const terms = k === 'smooth' ? Math.floor(rnd() * 4) : k === 'dense' ? 10 + Math.floor(rnd() * 54) : 64;
    for (let t = 0; t < terms; t++) {
      const pos = k === 'smooth' ? 1 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 63);
      const scale = k === 'huge' ? maxAc : k === 'dense' ? (rnd() < 0.9 ? 60 : 3000) : 200;
      b[ZIGZAG[pos] as number] = Math.round((rnd() * 2 - 1) * Math.min(scale, maxAc));
    }
    return b;
  });
}

const QUANT_FINE = Array.from({ length: 64 }, (_, p) => 1 + (p & 7) + (p >> 3));
const QUANT_COARSE = Array.from({ length: 64 }, (_, p) => 4 + 3 * ((p & 7) + (p >> 3)));

/** Where the entropy-coded data of the (only) scan starts: after the SOS segment. */
function scanDataStart(jpeg: Uint8Array): number {
  for (let p = 2; ; p += 2 + ((jpeg[p + 2] as number) << 8) + (jpeg[p + 3] as number)) {
    if (jpeg[p + 1] === 0xda) return p + 2 + ((jpeg[p + 2] as number) << 8) + (jpeg[p + 3] as number);
  }
}

function decodeBoth(jpeg: Uint8Array): [Uint16Array, Uint16Array] {
  return [decodeJpegDct(jpeg, false, undefined, { kernel: true }).samples, decodeJpegDct(jpeg, false, undefined, { kernel: false }).samples];
}

test('jpegDct: the WebAssembly kernel builds and runs here (so the kernel path below is really taken)', () => {
  assert.ok(scanKernel());
});

test('jpegDct: 12-bit grey, kernel and JS paths, equal idctExact of the coded blocks, odd sizes, every kind of block', () => {
  for (const [width, height] of [[8, 8], [13, 5], [64, 24], [257, 33]]) {
    const blocksX = Math.ceil(width / 8), count = blocksX * Math.ceil(height / 8);
    for (const kind of ['smooth', 'dense', 'huge', 'mixed'] as const) {
      for (const quant of [QUANT_FINE, QUANT_COARSE]) {
        const blocks = makeBlocks(count, kind, width * 7 + height + kind.length, 12);
        const want = expected(blocks, blocksX, width, height, quant, 12);
        const [kernel, js] = decodeBoth(encode(blocks, width, height, quant, 12));
        assert.deepEqual(kernel, want, `kernel, ${width} × ${height}, ${kind}`);
        assert.deepEqual(js, want, `JS, ${width} × ${height}, ${kind}`);
      }
    }
  }
});

test('jpegDct: restart intervals (RSTn, DC predictor reset) decode as the same blocks without them', () => {
  const width = 80, height = 40, blocksX = 10;
  const blocks = makeBlocks(50, 'mixed', 99, 12);
  const want = expected(blocks, blocksX, width, height, QUANT_FINE, 12);
  for (const interval of [1, 3, 7, 10, 49, 50]) {
    const [kernel, js] = decodeBoth(encode(blocks, width, height, QUANT_FINE, 12, interval));
    assert.deepEqual(kernel, want, `kernel, interval ${interval}`);
    assert.deepEqual(js, want, `JS, interval ${interval}`);
  }
});

test('jpegDct: 8-bit data (PASS1_BITS 2, the JS path) equals idctExact of the coded blocks', () => {
  const width = 40, height = 16, blocksX = 5;
  for (const kind of ['smooth', 'dense', 'mixed'] as const) {
    const blocks = makeBlocks(10, kind, 5, 8);
    const want = expected(blocks, blocksX, width, height, QUANT_FINE, 8);
    assert.deepEqual(decodeJpegDct(encode(blocks, width, height, QUANT_FINE, 8), false).samples, want, kind);
  }
});

test('jpegDct: MAX_PASS_WEIGHT, behind the int32 bound, is the largest weight of an input in a 1-D pass output', () => {
  let max = 0;
  for (let k = 0; k < 8; k++) {
    const e = (i: number): number => (i === k ? 1 : 0);
    const weights = oddEvenFloat(e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), new Float64Array(8));
    if (k === 0 || k === 4) assert.deepEqual([...weights].map(Math.abs), new Array<number>(8).fill(8192), `input ${k}`);
    for (const w of weights) max = Math.max(max, Math.abs(w));
  }
  assert.equal(max, MAX_PASS_WEIGHT);
});

test('jpegDct: idctInt32 and idctDcOnly equal idctExact on random blocks up to the int32 bound, at every precision', () => {
  const rnd = random(7);
  for (const precision of [8, 12]) {
    const p1 = pass1BitsFor(precision), range = rangeLimitTable(precision);
    for (let t = 0; t < 4000; t++) {
      // A DC and AC terms scaled so that the block sits just inside the bound, signs and spread at random.
      const block = new Int32Array(64);
      const terms = 1 + Math.floor(rnd() * 63);
      for (let i = 0; i < terms; i++) block[1 + Math.floor(rnd() * 63)] = Math.round((rnd() * 2 - 1) * 2 ** (rnd() * 20));
      block[0] = Math.round((rnd() * 2 - 1) * 2 ** (rnd() * 18));
      if (t % 7 === 0) block.fill(0, 1);
      let acSum = 0;
      for (let i = 1; i < 64; i++) acSum += Math.abs(block[i] as number);
      while (!int32IdctIsExact(block[0] as number, acSum, p1)) {
        for (let i = 0; i < 64; i++) block[i] = Math.trunc((block[i] as number) / 2);
        acSum = 0;
        for (let i = 1; i < 64; i++) acSum += Math.abs(block[i] as number);
      }
      let colMask = 0, rowMask = 0;
      for (let i = 1; i < 64; i++) if (block[i] !== 0) { colMask |= 1 << (i & 7); rowMask |= 1 << (i >> 3); }
      const want = new Uint16Array(64), got = new Uint16Array(64), ws = new Int32Array(64);
      idctExact(block.slice(), want, 0, 8, p1, range, ws);
      const coef = block.slice();
      if (colMask === 0 && rowMask === 0) idctDcOnly(coef, got, 0, 8, range);
      else idctInt32(coef, colMask, rowMask, got, 0, 8, p1, range, ws);
      assert.deepEqual(got, want, `precision ${precision}, block ${t}`);
      assert.ok(coef.every((v) => v === 0), 'the coefficient block is left zero');
    }
  }
});

test('jpegDct: corrupt data (bits flipped, markers inserted, truncation) gives the same result or error on both paths', () => {
  const width = 96, height = 40;
  const rnd = random(3);
  for (const interval of [0, 5]) {
    const jpeg = encode(makeBlocks(60, 'mixed', 11, 12), width, height, QUANT_COARSE, 12, interval);
    const scanStart = scanDataStart(jpeg);
    for (let t = 0; t < 150; t++) {
      const bad = jpeg.slice();
      const at = scanStart + Math.floor(rnd() * (jpeg.length - scanStart - 2));
      if (t % 3 === 0) bad[at] = (bad[at] as number) ^ (1 << Math.floor(rnd() * 8));
      else if (t % 3 === 1) bad.set([0xff, [0xd0, 0xd3, 0xd9, 0xc4][t % 4] as number], at);
      const input = t % 3 === 2 ? bad.subarray(0, at) : bad;
      const outcome = (kernel: boolean): string => {
        try {
          return Array.from(decodeJpegDct(input, false, undefined, { kernel }).samples).join(',');
        } catch (e) {
          if (!(e instanceof DicomError)) throw e;
          return e.message;
        }
      };
      assert.equal(outcome(true), outcome(false), `interval ${interval}, case ${t}`);
    }
  }
});
