// Lossless JPEG (process 14) through both decoders of src/core/dicom/decoders/jpegLossless: the WebAssembly kernel of
// grey scans and the JS loop. A small encoder written here from T.81 (Annex H, F.1.2, K.2) codes chosen samples with
// every predictor, 2- to 16-bit precision, point transforms, restart intervals, optimal, long-code and category-16
// Huffman tables; both paths must give back the samples, and the same samples or the same error for corrupt data.
// The file then runs itself again in a process where WebAssembly is refused (as wasmFallback.test.ts), so that the
// path taken there, the JS loop, is checked with the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { decodeLosslessJpeg } from '../../../../src/core/dicom/decoders/jpegLossless/decodeLosslessJpeg';
import { kernelLookup, losslessKernel } from '../../../../src/core/dicom/decoders/jpegLossless/wasmLossless';
import { buildLosslessTable } from '../../../../src/core/dicom/decoders/jpegLossless/huffmanTable';
import { random } from './kernelChecks';
import { Bits } from './jpegStreams';

const REFUSED = process.env.VOXEL_LAB_TEST_NO_WASM === '1';
if (REFUSED) WebAssembly.validate = () => false;

/** A DHT's counts (lengths 1..16) and symbols, with each symbol's code. */
interface Huffman {
  counts: number[];
  symbols: number[];
  code: Map<number, [code: number, length: number]>;
}

function canonical(counts: number[], symbols: number[]): Huffman {
  const code = new Map<number, [number, number]>();
  let c = 0, k = 0;
  for (let len = 1; len <= 16; len++, c <<= 1) {
    for (let i = 0; i < (counts[len - 1] as number); i++) code.set(symbols[k++] as number, [c++, len]);
  }
  return { counts, symbols, code };
}

/** The optimal table of symbol frequencies, with lengths limited to 16 and no all-ones code (T.81 K.2, K.3; libjpeg's jcphuff). */
function optimalTable(frequencies: number[]): Huffman {
  const freq = [...frequencies, 1]; // the reserved symbol: no code is all ones
  const size = freq.length;
  const codesize = new Array<number>(size).fill(0);
  const others = new Array<number>(size).fill(-1);
  for (;;) {
    let c1 = -1, c2 = -1;
    for (let i = 0; i < size; i++) if ((freq[i] as number) > 0 && (c1 < 0 || (freq[i] as number) <= (freq[c1] as number))) c1 = i;
    for (let i = 0; i < size; i++) if ((freq[i] as number) > 0 && i !== c1 && (c2 < 0 || (freq[i] as number) <= (freq[c2] as number))) c2 = i;
    if (c2 < 0) break;
    freq[c1] = (freq[c1] as number) + (freq[c2] as number);
    freq[c2] = 0;
    codesize[c1]++;
    while ((others[c1] as number) >= 0) codesize[(c1 = others[c1] as number)]++;
    others[c1] = c2;
    codesize[c2]++;
    while ((others[c2] as number) >= 0) codesize[(c2 = others[c2] as number)]++;
  }
  const bits = new Array<number>(40).fill(0);
  codesize.forEach((s) => s && bits[s]++);
  for (let i = 39; i > 16; i--) {
    while ((bits[i] as number) > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i] -= 2;
      bits[i - 1]++;
      bits[j + 1] += 2;
      bits[j]--;
    }
  }
  let i = 16;
  while (bits[i] === 0) i--;
  bits[i]--; // the reserved symbol's code
  const order = frequencies.map((_, s) => s).filter((s) => (codesize[s] as number) > 0).sort((a, b) => (codesize[a] as number) - (codesize[b] as number) || a - b);
  return canonical(bits.slice(1, 17), order);
}

/** Every category, the common ones (0, 1, 2) given codes of 13 to 15 bits: the kernel's slow path for most samples. */
const LONG_CODES = canonical([0, 0, 1, 2, 2, 2, 2, 2, 1, 1, 1, 0, 1, 1, 1, 0], [8, 9, 10, 11, 12, 13, 14, 15, 16, 7, 6, 5, 3, 4, 2, 1, 0]);
/** Every category at 5 bits. */
const FLAT = canonical([0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], Array.from({ length: 17 }, (_, k) => k));

type TableChoice = 'optimal' | 'long' | 'flat';

interface Options {
  rows: number;
  columns: number;
  components: number;
  precision: number;
  predictor: number;
  pointTransform?: number;
  restartRows?: number;
  table?: TableChoice;
  /** FF fill bytes before each RSTn (T.81 B.1.1.2). */
  fill?: boolean;
}

const category = (d: number): number => (d === 0 ? 0 : d === -32768 ? 16 : 32 - Math.clz32(Math.abs(d)));

/** Differences of `samples` (shifted right by Pt) in coding order: T.81 H.1.2.1 and libjpeg's jcpred.c, modulo 2^16. */
function differences(samples: Uint16Array, o: Options): number[][] {
  const { rows, columns, components: nc, precision, predictor } = o;
  const pt = o.pointTransform ?? 0;
  const at = (y: number, x: number, c: number): number => (samples[(y * columns + x) * nc + c] as number) >> pt;
  const rowsOut: number[][] = [];
  for (let y = 0; y < rows; y++) {
    const first = y === 0 || ((o.restartRows ?? 0) > 0 && y % (o.restartRows as number) === 0);
    const row: number[] = [];
    for (let x = 0; x < columns; x++) {
      for (let c = 0; c < nc; c++) {
        let p: number;
        if (first) p = x === 0 ? 1 << (precision - pt - 1) : at(y, x - 1, c);
        else if (x === 0) p = at(y - 1, 0, c);
        else {
          const ra = at(y, x - 1, c), rb = at(y - 1, x, c), rc = at(y - 1, x - 1, c);
          p = [0, ra, rb, rc, ra + rb - rc, ra + ((rb - rc) >> 1), rb + ((ra - rc) >> 1), (ra + rb) >> 1][predictor] as number;
        }
        let d = (at(y, x, c) - p) & 0xffff;
        if (d >= 0x8000) d -= 0x10000;
        row.push(d);
      }
    }
    rowsOut.push(row);
  }
  return rowsOut;
}

/** A lossless JPEG (SOF3, one interleaved scan, one table for every component) of `samples`. */
function encode(samples: Uint16Array, o: Options): Uint8Array {
  const { rows, columns, components: nc, precision, predictor } = o;
  const restartRows = o.restartRows ?? 0;
  const diffs = differences(samples, o);
  const frequencies = new Array<number>(17).fill(0);
  for (const row of diffs) for (const d of row) frequencies[category(d)]++;
  const table = o.table === 'long' ? LONG_CODES : o.table === 'flat' ? FLAT : optimalTable(frequencies);
  const bits = new Bits();
  diffs.forEach((row, y) => {
    if (y > 0 && restartRows > 0 && y % restartRows === 0) {
      bits.align();
      if (o.fill) bits.bytes.push(0xff, 0xff);
      bits.bytes.push(0xff, 0xd0 + ((y / restartRows - 1) % 8));
    }
    for (const d of row) {
      const s = category(d);
      const [c, len] = table.code.get(s) as [number, number];
      bits.put(c, len);
      if (s > 0 && s < 16) bits.put(d < 0 ? d + (1 << s) - 1 : d, s);
    }
  });
  bits.align();
  const seg = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const sof = [precision, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, nc];
  for (let c = 0; c < nc; c++) sof.push(c + 1, 0x11, 0);
  const sos = [nc];
  for (let c = 0; c < nc; c++) sos.push(c + 1, 0x00);
  sos.push(predictor, 0, o.pointTransform ?? 0);
  const interval = restartRows * columns;
  return Uint8Array.from([
    0xff, 0xd8,
    ...seg(0xc3, sof),
    ...seg(0xc4, [0x00, ...table.counts, ...table.symbols]),
    ...(interval ? seg(0xdd, [interval >> 8, interval & 0xff]) : []),
    ...seg(0xda, sos),
    ...bits.bytes,
    0xff, 0xd9,
  ]);
}

type Content = 'smooth' | 'noise' | 'extremes' | 'half' | 'flat' | 'ct';

function image(kind: Content, rows: number, columns: number, components: number, precision: number, seed: number): Uint16Array {
  const next = random(seed);
  const max = 2 ** precision - 1;
  const out = new Uint16Array(rows * columns * components);
  for (let i = 0; i < out.length; i++) {
    const p = Math.floor(i / components), x = p % columns, y = Math.floor(p / columns), c = i % components;
    let v: number;
    if (kind === 'smooth') v = ((x * 7 + y * 5 + c * 300) % (max + 1)) + Math.floor(next() * 9) - 4;
    else if (kind === 'noise') v = Math.floor(next() * (max + 1));
    else if (kind === 'extremes') v = (x + y + c) & 1 ? max : 0;
    else if (kind === 'half') v = (x ^ y) & 2 ? 2 ** (precision - 1) : 0; // differences of 2^(P-1): category 16 at 16 bits
    else if (kind === 'flat') v = 3;
    else v = Math.hypot(x - columns / 2, y - rows / 2) < Math.min(rows, columns) * 0.4 ? Math.floor(max * 0.4 + next() * 60) : 24;
    out[i] = Math.max(0, Math.min(max, v));
  }
  return out;
}

/** Both paths' samples, or both paths' error message. */
function decodeBoth(jpeg: Uint8Array): [string | Uint16Array | null, string | Uint16Array | null] {
  const run = (kernel: boolean): string | Uint16Array | null => {
    try {
      return decodeLosslessJpeg(jpeg, { kernel })?.samples ?? null;
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  return [run(true), run(false)];
}

function roundTrip(o: Options, kind: Content, seed: number): void {
  const src = image(kind, o.rows, o.columns, o.components, o.precision, seed);
  const pt = o.pointTransform ?? 0;
  const want = src.map((v) => (v >> pt) << pt);
  const [kernel, js] = decodeBoth(encode(src, o));
  const what = `${kind} ${o.rows} × ${o.columns} × ${o.components}, P ${o.precision}, predictor ${o.predictor}, Pt ${pt}, restart ${o.restartRows ?? 0}, ${o.table ?? 'optimal'}`;
  assert.deepEqual(kernel, want, `kernel path, ${what}`);
  assert.deepEqual(js, want, `JS path, ${what}`);
}

test(`jpegLosslessKernel: the kernel ${REFUSED ? 'is refused here, so every case below takes the JS path' : 'builds and runs here'}`, () => {
  assert.equal(losslessKernel() === null, REFUSED);
});

test('jpegLosslessKernel: every predictor, 2- to 16-bit, odd sizes, every content, round trip on both paths', () => {
  let seed = 1;
  for (const [rows, columns] of [[1, 1], [1, 2], [2, 1], [3, 7], [17, 9], [64, 63], [33, 130]] as const) {
    for (const precision of [2, 8, 12, 16]) {
      for (let predictor = 1; predictor <= 7; predictor++) {
        for (const kind of ['smooth', 'noise', 'extremes', 'half', 'flat', 'ct'] as const) {
          roundTrip({ rows, columns, components: 1, precision, predictor }, kind, seed++);
        }
      }
    }
  }
});

test('jpegLosslessKernel: long codes (the kernel\'s slow path), 5-bit codes, category 16, point transforms', () => {
  let seed = 100;
  for (const table of ['long', 'flat'] as const) {
    for (const predictor of [1, 4, 6]) {
      for (const kind of ['smooth', 'noise', 'half', 'ct'] as const) roundTrip({ rows: 19, columns: 23, components: 1, precision: 16, predictor, table }, kind, seed++);
    }
  }
  for (const [precision, pointTransform] of [[8, 1], [12, 3], [16, 15], [16, 4], [2, 1]] as const) {
    for (const predictor of [1, 2, 5, 7]) roundTrip({ rows: 21, columns: 18, components: 1, precision, predictor, pointTransform }, 'smooth', seed++);
  }
});

test('jpegLosslessKernel: restart intervals (RSTn, fill bytes, the predictor reset) and 3-component scans', () => {
  let seed = 200;
  for (const restartRows of [1, 2, 5, 7]) {
    for (const predictor of [1, 3, 6, 7]) {
      for (const table of ['optimal', 'long'] as const) {
        roundTrip({ rows: 29, columns: 31, components: 1, precision: 12, predictor, restartRows, table, fill: restartRows === 2 }, 'smooth', seed++);
      }
      roundTrip({ rows: 11, columns: 13, components: 3, precision: 8, predictor, restartRows }, 'smooth', seed++);
    }
  }
  // A wide image: rows far from the end of the data take the kernel's unchecked refills.
  roundTrip({ rows: 40, columns: 700, components: 1, precision: 16, predictor: 6, restartRows: 9 }, 'ct', seed++);
  roundTrip({ rows: 300, columns: 257, components: 1, precision: 12, predictor: 1 }, 'ct', seed);
});

test('jpegLosslessKernel: a big frame then small ones (the kernel\'s memory and state reused)', () => {
  roundTrip({ rows: 1100, columns: 1000, components: 1, precision: 16, predictor: 6 }, 'noise', 300);
  for (let i = 0; i < 3; i++) roundTrip({ rows: 5, columns: 6, components: 1, precision: 12, predictor: 2 + i }, 'smooth', 301 + i);
});

test('jpegLosslessKernel: kernelLookup pairs only differences that lie whole within the lookahead', () => {
  for (const table of [optimalTable([50, 40, 30, 20, 10, 5, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]), LONG_CODES, FLAT]) {
    const t = buildLosslessTable(Uint8Array.from(table.counts), Uint8Array.from(table.symbols));
    assert.ok(t);
    const out = new Int32Array(4096);
    kernelLookup(t.lookup, out);
    for (let p = 0; p < 4096; p++) {
      const e = out[p] as number;
      if (e & 0x40) continue;
      // The prefix decoded symbol by symbol with the canonical codes: differences and the bits of each.
      const decoded: [difference: number, bits: number][] = [];
      let at = 0;
      while (decoded.length < 2) {
        const hit = [...table.code].find(([s, [c, len]]) => at + (s === 16 ? len : len + s) <= 12 && (p >> (12 - at - len)) % (1 << len) === c);
        if (!hit) break;
        const [s, [, len]] = hit;
        const n = s === 16 ? len : len + s;
        const v = (p >> (12 - at - n)) % (1 << s);
        decoded.push([s === 0 ? 0 : s === 16 ? -32768 : v < 1 << (s - 1) ? v - (1 << s) + 1 : v, n]);
        at += n;
      }
      const [first, second] = decoded;
      assert.ok(first && first[0] !== -32768, `prefix ${p}: an entry with a difference has one that fits`);
      assert.equal((e << 12) >> 20, first[0], `first difference, prefix ${p}`);
      // Two where the second is there whole (and fits in 12 bits), else one.
      if (second && second[0] !== -32768) {
        assert.ok(e & 0x80, `pair, prefix ${p}`);
        assert.equal(e & 63, first[1] + second[1], `bits, prefix ${p}`);
        assert.equal(e >> 20, second[0], `second difference, prefix ${p}`);
      } else {
        assert.equal(e & 0xff, first[1], `one difference, prefix ${p}`);
        assert.equal(e >> 20, 0, `no second difference, prefix ${p}`);
      }
    }
  }
});

test('jpegLosslessKernel: corrupt data (bits flipped, bytes cut, markers and garbage inserted) gives the same result or error on both paths', () => {
  const next = random(400);
  const bases = [
    encode(image('ct', 40, 37, 1, 12, 401), { rows: 40, columns: 37, components: 1, precision: 12, predictor: 6 }),
    encode(image('smooth', 30, 20, 1, 16, 402), { rows: 30, columns: 20, components: 1, precision: 16, predictor: 1, restartRows: 3 }),
    encode(image('noise', 16, 16, 1, 16, 403), { rows: 16, columns: 16, components: 1, precision: 16, predictor: 7, table: 'long' }),
    encode(image('half', 24, 9, 1, 16, 404), { rows: 24, columns: 9, components: 1, precision: 16, predictor: 4, restartRows: 1, fill: true }),
  ];
  let errors = 0, cases = 0;
  for (const base of bases) {
    const start = base.indexOf(0xda) + 2; // past the SOS marker's first bytes: the scan header and data may both change
    for (let i = 0; i < 400; i++) {
      const bytes = base.slice();
      const kind = Math.floor(next() * 5);
      const at = start + Math.floor(next() * (bytes.length - start));
      let input: Uint8Array = bytes;
      if (kind === 0) {
        for (let f = 0; f < 1 + Math.floor(next() * 8); f++) {
          const j = start + Math.floor(next() * (bytes.length - start));
          bytes[j] = (bytes[j] as number) ^ (1 << Math.floor(next() * 8));
        }
      }
      else if (kind === 1) input = bytes.subarray(0, at);
      else if (kind === 2) input = Uint8Array.from([...bytes.subarray(0, at), 0xff, [0xd0, 0xd3, 0xd9, 0xc4, 0xff][Math.floor(next() * 5)] as number, ...bytes.subarray(at)]);
      else if (kind === 3) input = Uint8Array.from([...bytes.subarray(0, at), ...Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256)), ...bytes.subarray(at)]);
      else bytes.fill(next() < 0.5 ? 0xff : 0, at, at + Math.floor(next() * 30));
      const [kernel, js] = decodeBoth(input);
      assert.deepEqual(kernel, js, `case ${cases}, kind ${kind} at ${at}`);
      if (typeof kernel === 'string') errors++;
      cases++;
    }
  }
  assert.ok(errors > 20 && errors < cases, `errors ${errors} of ${cases}`);
});

test('jpegLosslessKernel: the same cases with WebAssembly refused, in a process of their own', { skip: REFUSED && 'this is that process' }, () => {
  // Without the test runner's NODE_TEST_CONTEXT, which would make the child report to it rather than run as a runner.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', __filename], {
    env: { ...env, VOXEL_LAB_TEST_NO_WASM: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  // Every case ran there: all but this one passed.
  assert.match(r.stdout, /^# pass 7$/m, r.stdout);
  assert.match(r.stdout, /^# skipped 1$/m, r.stdout);
});
