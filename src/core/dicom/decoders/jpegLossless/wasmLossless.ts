import type { UnstuffedScan } from '../jpegDct/entropyStream';
import { LOOKAHEAD, type LosslessTable } from './huffmanTable';
import { isKernelMemoryLarge, reserveKernelMemory } from '../../wasm/kernelMemory';
import { assembleModule, instantiate, type WasmFunction } from '../../wasm/assembler';
import {
  add, and, block, br, brIf, call, choose, eq, eqz, geU, get, gtS, gtU, i32, i64, load, load16, load64, load8, locals,
  loop, ltU, or, or64, ret, select, set, shl, shl64, shrS, shrU, shrU64, store, store16, store64, sub, sub64, u64, when, wrap,
  ctz64, type Code,
} from '../../wasm/instructions';

// ---- Grey lossless JPEG scans (T.81 Annex H, one component) decoded in WebAssembly. ----
// The same reading as decodeLosslessJpeg's JS loop: canonical Huffman codes over the unstuffed entropy-coded data
// (entropyStream.ts), bits past the end of a restart interval read as zeros (libjpeg feeds zeros at a marker), the
// next interval at the next RSTn; differences undone with the scan's predictor, modulo 2^16 (jdpred.c). The Huffman
// decode and the prediction run in one loop with the bit buffer in registers and no bounds checks, one lookup giving
// one or two differences: a 512 × 512 CT in about 0.65 ms rather than the JS loop's 2.2. Both paths give the same
// samples, or the same error, for any input (jpegLosslessKernel.test.ts).

/** Fixed regions: the lookup (i32 entries), largest code and value offset by length (i32, 0..17), the symbols. */
const LOOKUP = 0;
const MAX_CODE = LOOKUP + 4 * (1 << LOOKAHEAD);
const VAL_OFFSET = MAX_CODE + 4 * 18;
const VALUES = VAL_OFFSET + 4 * 18;
/** Where the per-scan regions (segments, stream, samples) start; a DHT holds at most 16 × 255 symbols. */
const DYNAMIC_START = VALUES + 4096 + 32;
/** The bit reader's state between calls: acc (i64, marker bit included), pos, end (i32 at 12, 16); a flag at 20 for no code. */
const STATE = VALUES + 4096;

/*
 * The kernel's lookup entry (i32), by the LOOKAHEAD bits at the read position, made from the JS table's (kernelLookup):
 *  - one or two differences whose codes and magnitude bits all lie within those bits: bits 0-5 the bits they take,
 *    bit 7 set for two, bits 8-19 the first difference and bits 20-31 the second (0 where one), signed;
 *  - K_SLOW | (category << 8) | code length (0 where the code is longer than the lookahead, or none): the JS table's
 *    slow entries, and category 16 (its difference does not fit in 12 bits).
 */
const K_SLOW = 0x40;
const K_PAIR = 0x80;

/** T.81 H.1.2.2: the category of a difference (-32768 standing for 32768). */
const category = (d: number): number => (d === -32768 ? 16 : 32 - Math.clz32(d < 0 ? -d : d));

/** The kernel's entries (above) from the JS table's lookup (huffmanTable.ts), into `out`. */
export function kernelLookup(lookup: Int32Array, out: Int32Array): void {
  const mask = (1 << LOOKAHEAD) - 1;
  for (let p = 0; p <= mask; p++) {
    const e = lookup[p] as number;
    if (e & 0x20) {
      out[p] = K_SLOW | (e & 0xf1f); // the same category and code length
      continue;
    }
    const n = e & 31;
    const d = e >> 16;
    if (d < -2048 || d > 2047) {
      // Category 16 (no magnitude bits: n is the code length), or 12 and above past a 12-bit lookahead.
      out[p] = K_SLOW | (category(d) << 8) | (n - (d === -32768 ? 0 : category(d)));
      continue;
    }
    // The bits after the first difference, then zeros: a second difference within them is the one there.
    const f = lookup[(p << n) & mask] as number;
    const m = f & 31;
    out[p] = (f & 0x20) === 0 && n + m <= LOOKAHEAD && f >> 16 >= -2048 && f >> 16 <= 2047
      ? (n + m) | K_PAIR | ((d & 0xfff) << 8) | ((f >> 16) << 20)
      : n | ((d & 0xfff) << 8);
  }
}

/** decode's results besides 0 (done). */
export const INVALID_CODE = -1;

/** Function indices: decode, the row function of each predictor, then slowFunction. */
const rowFunctionIndex = (k: number): number => k;
const SLOW_FUNCTION = 8;

/** Zero bytes after each interval's data in memory: a row reads at most 4 bytes a sample (31 bits) and 8 more. */
const padding = (width: number): number => 4 * width + 8;

/**
 * row(out, rowEnd, rowBytes, first, initial), predictor k: the samples of one row into out .. rowEnd, from the bit
 * reader at STATE (read on entry, saved on return). Returns 0, or INVALID_CODE. The first sample is predicted from
 * `initial` where `first` is 1 (the first row of the scan or of a restart interval, which takes predictor 1), from
 * above otherwise (T.81 H.1.2.1, as jdpred.c). The refills never check for the end of the data: the caller has put
 * zero bytes after it, as many as a row can read (see `padding`), and starts no row past its end.
 *
 * The bits are read through a 64-bit buffer `acc` holding them from its top end (the next bit is bit 63, so that a
 * lookup is one shift away), then a marker bit, then zeros: consuming n bits is acc << n, and the marker counts what
 * is left without a register for it. The buffer is topped up 32 bits at a time when it holds fewer than 32 (the
 * marker in its low half): a difference (code ≤ 16 bits, magnitude ≤ 15) then always fits, with one check a lookup.
 */
function rowFunction(k: number): WasmFunction {
  const P = { out: 0, rowEnd: 1, rowBytes: 2, first: 3, initial: 4 };
  const L = locals(5, ['pos', 'ra', 'e', 'd1', 's1', 's2', 'up', 'word', 't', 'l', 's', 'n', 'v', 'code', 'bonus', 'diff'] as const);
  const acc = L.diff + 1; // i64 locals: the bit buffer, and the position of its marker bit
  const marker = acc + 1;
  const byte = (i: number): Code => load8(get(L.pos), i);
  const bigEndian = (b: (i: number) => Code): Code => or(or(shl(b(0), i32(24)), shl(b(1), i32(16))), or(shl(b(2), i32(8)), b(3)));
  // Fewer than 32 bits (the marker in the low half): the word and a new marker after it, in place of the marker. The
  // position stays in memory, out of the registers of the loop.
  const refill = when(eqz(wrap(get(acc))), [
    ...set(L.pos, load(i32(STATE), 12)),
    ...set(L.word, bigEndian(byte)),
    ...store(i32(STATE), add(get(L.pos), i32(4)), 12),
    ...set(marker, ctz64(get(acc))),
    ...set(acc, or64(
      sub64(get(acc), shl64(i64(1), get(marker))),
      shl64(or64(shl64(u64(get(L.word)), i64(1)), i64(1)), sub64(get(marker), i64(32))))),
  ]);
  // A difference the slow way (slowFunction), into `diff`; the entry `e` says what the lookup knows.
  const slow = (e: Code): Code => [
    ...store64(i32(STATE), get(acc)),
    ...set(L.diff, call(SLOW_FUNCTION, e)),
    ...when(load(i32(STATE), 20), ret(i32(INVALID_CODE))),
    ...set(acc, load64(i32(STATE))),
  ];
  // One difference, into `diff` (the first and last samples of a row).
  const single = [...refill, ...slow(i32(K_SLOW))];
  // One or two differences by the lookup (see kernelLookup): `d1`, and the second in `e` (K_PAIR set, bits 20-31).
  const differences = [
    ...refill,
    // The entry of the next LOOKAHEAD bits (at byte 4 × those bits).
    ...set(L.e, load(and(wrap(shrU64(get(acc), i64(62 - LOOKAHEAD))), i32(((1 << LOOKAHEAD) - 1) << 2)), LOOKUP)),
    ...when(and(get(L.e), i32(K_SLOW)),
      // One difference, found in line: a call here would make the compiler keep `acc` in memory through the loop.
      [...slowDifference(L.e, { ...L, acc }, ret(i32(INVALID_CODE))), ...set(L.d1, get(L.diff)), ...set(L.e, i32(0))],
      [
        // The bits taken are the entry's low 6 bits, which a 64-bit shift takes as its count.
        ...set(acc, shl64(get(acc), u64(get(L.e)))),
        ...set(L.d1, shrS(shl(get(L.e), i32(12)), i32(20))),
      ]),
  ];
  // `up` follows `out` one row up and one sample left: Rc, Rb and the sample after Rb at up + 0, 2, 4.
  const up = (i: number): Code => load16(get(L.up), i);
  // Predictors 1..7 (T.81 table H.1) from Ra (left), Rb (above), Rc (above left).
  const predict = (ra: Code, rb: Code, rc: Code): Code =>
    [ra, rb, rc, sub(add(ra, rb), rc), add(ra, shrS(sub(rb, rc), i32(1))), add(rb, shrS(sub(ra, rc), i32(1))), shrS(add(ra, rb), i32(1))][k - 1] as Code;
  const advance = (bytes: Code): Code => [...set(P.out, add(get(P.out), bytes)), ...set(L.up, add(get(L.up), bytes))];
  const code = [
    ...set(acc, load64(i32(STATE))),
    ...set(L.up, sub(sub(get(P.out), get(P.rowBytes)), i32(2))),
    ...single,
    ...set(L.ra, and(add(choose(get(P.first), get(P.initial), up(2)), get(L.diff)), i32(0xffff))),
    ...store16(get(P.out), get(L.ra)),
    ...advance(i32(2)),
    // Two samples at a time where the lookup gives two differences (the second is written either way, and written
    // again with the next sample when there was one), then the last.
    ...block(loop([
      ...brIf(1, geU(add(get(P.out), i32(2)), get(P.rowEnd))),
      ...differences,
      ...set(L.s1, and(add(predict(get(L.ra), up(2), up(0)), get(L.d1)), i32(0xffff))),
      ...set(L.s2, and(add(predict(get(L.s1), up(4), up(2)), shrS(get(L.e), i32(20))), i32(0xffff))),
      ...store16(get(P.out), get(L.s1)),
      ...store16(get(P.out), get(L.s2), 2),
      ...set(L.ra, select(get(L.s2), get(L.s1), and(get(L.e), i32(K_PAIR)))),
      ...advance(add(i32(2), and(shrU(get(L.e), i32(6)), i32(2)))),
      ...br(0),
    ])),
    ...when(ltU(get(P.out), get(P.rowEnd)), [...single, ...store16(get(P.out), add(predict(get(L.ra), up(2), up(0)), get(L.diff)))]),
    ...store64(i32(STATE), get(acc)),
    ...i32(0),
  ];
  return { name: `row${k}`, params: 5, returnsI32: true, i32Locals: acc - 5, i64Locals: 2, code };
}

/**
 * slow(e): the next difference the slow way, from the bit reader at STATE (saved again, the bits taken consumed): `e`
 * is the lookup's entry (K_SLOW | (category << 8) | code length), or K_SLOW alone for a code to search for (T.81
 * F.2.2.3), then its magnitude bits. For no code at all, the word at STATE + 20 is set and 0 returned.
 */
function slowFunction(): WasmFunction {
  const L = locals(1, ['t', 'l', 's', 'n', 'v', 'code', 'bonus', 'diff'] as const);
  const acc = L.diff + 1;
  const code = [
    ...set(acc, load64(i32(STATE))),
    ...slowDifference(0, { ...L, acc }, [...store(i32(STATE), i32(1), 20), ...ret(i32(0))]),
    ...store64(i32(STATE), get(acc)),
    ...get(L.diff),
  ];
  return { name: 'slow', params: 1, returnsI32: true, i32Locals: acc - 1, i64Locals: 1, code };
}

/**
 * The code of slowFunction: the difference of entry `e` into `diff`, its bits consumed from `acc` (which holds at
 * least 32); `invalid` runs where there is no code.
 */
function slowDifference(e: number, L: Record<'t' | 'l' | 's' | 'n' | 'v' | 'code' | 'bonus' | 'diff' | 'acc', number>, invalid: Code): Code {
  const { acc } = L;
  return [
    ...set(L.t, wrap(shrU64(get(acc), i64(32)))), // the next 32 bits
    ...set(L.l, and(get(e), i32(31))),
    ...set(L.s, and(shrU(get(e), i32(8)), i32(31))),
    ...set(L.bonus, i32(0)),
    ...when(eqz(get(L.l)), [
      ...set(L.l, i32(1)),
      ...block(loop([
        ...when(gtS(get(L.l), i32(16)), invalid),
        ...set(L.code, shrU(get(L.t), sub(i32(32), get(L.l)))),
        ...brIf(1, eqz(gtS(get(L.code), load(shl(get(L.l), i32(2)), MAX_CODE)))), // maxCode is -1 where no code
        ...set(L.l, add(get(L.l), i32(1))),
        ...br(0),
      ])),
      ...set(L.s, load8(add(load(shl(get(L.l), i32(2)), VAL_OFFSET), get(L.code)), VALUES)),
    ]),
    // Category 16: 32768, no magnitude bits.
    ...when(eq(get(L.s), i32(16)), [...set(L.s, i32(0)), ...set(L.bonus, i32(32768))]),
    ...set(L.n, add(get(L.l), get(L.s))),
    ...set(L.v, and(shrU(get(L.t), sub(i32(32), get(L.n))), sub(shl(i32(1), get(L.s)), i32(1)))),
    // EXTEND: the top magnitude bit clear means negative, subtract 2^s - 1 (nothing for s = 0).
    ...set(L.diff, add(
      add(get(L.v), and(sub(and(shrU(get(L.v), sub(get(L.s), i32(1))), i32(1)), i32(1)), sub(i32(1), shl(i32(1), get(L.s))))),
      get(L.bonus))),
    ...set(acc, shl64(get(acc), u64(get(L.n)))),
  ];
}

/**
 * decode(width, height, restartRows, predictor, initial, segments, segmentCount, plane): the samples of a grey scan
 * into `plane` (u16, row after row). `segments` holds segmentCount + 1 pairs of addresses: where each restart
 * interval's unstuffed data starts and ends in memory (zeros after it, see `padding`), then an empty one, with zeros
 * after it, for what follows the last. Returns 0, or INVALID_CODE.
 */
function decodeFunction(): WasmFunction {
  const P = { width: 0, height: 1, restartRows: 2, predictor: 3, initial: 4, segments: 5, segmentCount: 6, plane: 7 };
  const L = locals(8, ['y', 'segment', 'until', 'out', 'rowBytes', 'first', 'status'] as const);
  const segmentAt = (i: Code, offset: number): Code => load(add(get(P.segments), shl(i, i32(3))), offset);
  // The bit reader at the start of segment i: an empty buffer (its marker bit at the top), the data, its end.
  const start = (i: Code): Code => [
    ...store64(i32(STATE), i64(-(2n ** 63n))), ...store(i32(STATE), segmentAt(i, 0), 12), ...store(i32(STATE), segmentAt(i, 4), 16),
  ];
  const nextSegment = [
    ...set(L.segment, add(get(L.segment), i32(1))),
    ...start(choose(ltU(get(L.segment), get(P.segmentCount)), get(L.segment), get(P.segmentCount))),
    ...set(L.until, get(P.restartRows)),
    ...set(L.first, i32(1)),
  ];
  const args = [get(L.out), add(get(L.out), get(L.rowBytes)), get(L.rowBytes), get(L.first), get(P.initial)];
  const byPredictor = (): Code => {
    let code: Code = set(L.status, call(rowFunctionIndex(7), ...args));
    for (let k = 6; k >= 1; k--) code = when(eq(get(P.predictor), i32(k)), set(L.status, call(rowFunctionIndex(k), ...args)), code);
    return code;
  };
  const row = [
    ...set(L.first, eqz(get(L.y))),
    ...when(get(P.restartRows), [...when(eqz(get(L.until)), nextSegment), ...set(L.until, sub(get(L.until), i32(1)))]),
    // Past the end of the data, every byte is zero: a row starts no further than the end, so that it reads only
    // the zeros put there.
    ...when(gtU(load(i32(STATE), 12), load(i32(STATE), 16)), store(i32(STATE), load(i32(STATE), 16), 12)),
    ...when(get(L.first), set(L.status, call(rowFunctionIndex(1), ...args)), byPredictor()),
    ...when(get(L.status), ret(get(L.status))),
    ...set(L.out, add(get(L.out), get(L.rowBytes))),
    ...set(L.y, add(get(L.y), i32(1))),
  ];
  const code = [
    ...set(L.rowBytes, shl(get(P.width), i32(1))),
    ...set(L.out, get(P.plane)),
    ...store(i32(STATE), i32(0), 20),
    ...start(i32(0)),
    ...set(L.until, get(P.restartRows)),
    ...block(loop([...brIf(1, eq(get(L.y), get(P.height))), ...row, ...br(0)])),
    ...i32(0),
  ];
  return { name: 'decode', params: 8, returnsI32: true, i32Locals: Object.keys(L).length, code };
}

/** The module: decode, then the row functions. */
function kernelFunctions(): WasmFunction[] {
  return [decodeFunction(), ...[1, 2, 3, 4, 5, 6, 7].map((k) => rowFunction(k)), slowFunction()];
}

export interface LosslessKernel {
  memory: WebAssembly.Memory;
  decode: (...args: number[]) => number;
}

let kernelBytes: Uint8Array<ArrayBuffer> | null = null;
let kernel: LosslessKernel | null | undefined;

/** The kernel, built on first use; null where WebAssembly is missing or refused. */
export function losslessKernel(): LosslessKernel | null {
  if (kernel !== undefined) return kernel;
  kernelBytes ??= assembleModule(kernelFunctions());
  const exports = instantiate(kernelBytes);
  if (!exports) return (kernel = null);
  const memory = exports.m as WebAssembly.Memory;
  if (!reserveKernelMemory(memory, DYNAMIC_START)) return (kernel = null);
  return (kernel = { memory, decode: exports.decode as (...args: number[]) => number });
}

/** A grey scan for the kernel. */
export interface GreyScan {
  width: number;
  height: number;
  /** 1..7. */
  predictor: number;
  /** The prediction of the first sample of the scan and of each restart interval. */
  initial: number;
  /** Rows per restart interval, 0 for none. */
  restartRows: number;
  table: LosslessTable;
  stream: UnstuffedScan;
}

const align16 = (n: number): number => (n + 15) & ~15;

/**
 * The scan's samples (width × height, a new array), or null when the kernel's memory cannot hold them. Throws
 * `invalidCode()` where the data has no code at a sample's position.
 */
export function decodeGreyWithKernel(k: LosslessKernel, scan: GreyScan, invalidCode: () => Error): Uint16Array | null {
  const { stream, width, height } = scan;
  const starts = stream.segmentStarts;
  const segmentCount = starts.length;
  const pad = padding(width);
  const segmentsAt = DYNAMIC_START;
  const streamAt = align16(segmentsAt + 8 * (segmentCount + 1));
  const planeAt = align16(streamAt + stream.length + segmentCount * pad);
  const planeLength = width * height;
  const need = planeAt + 2 * planeLength;
  if (!reserveKernelMemory(k.memory, need)) return null;
  try {
    return decodeInKernel(k, scan, invalidCode, { pad, segmentsAt, streamAt, planeAt, planeLength });
  } finally {
    // A corrupt frame throws too: its memory must go all the same.
    if (isKernelMemoryLarge(k.memory) && kernel === k) kernel = undefined;
  }
}

function decodeInKernel(
  k: LosslessKernel, scan: GreyScan, invalidCode: () => Error,
  layout: { pad: number; segmentsAt: number; streamAt: number; planeAt: number; planeLength: number },
): Uint16Array {
  const { stream, width, height } = scan;
  const starts = stream.segmentStarts;
  const segmentCount = starts.length;
  const { pad, segmentsAt, streamAt, planeAt, planeLength } = layout;
  const buffer = k.memory.buffer;
  const { table } = scan;
  kernelLookup(table.lookup, new Int32Array(buffer, LOOKUP, 1 << LOOKAHEAD));
  new Int32Array(buffer, MAX_CODE, 18).set(table.maxCode);
  new Int32Array(buffer, VAL_OFFSET, 18).set(table.valOffset);
  new Uint8Array(buffer, VALUES, table.values.length).set(table.values);
  // Each interval's data, then zeros.
  const memory = new Uint8Array(buffer);
  const segments = new Int32Array(buffer, segmentsAt, 2 * (segmentCount + 1));
  let at = streamAt;
  for (let i = 0; i < segmentCount; i++) {
    const from = starts[i] as number, to = starts[i + 1] ?? stream.length;
    memory.set(stream.bytes.subarray(from, to), at);
    segments[2 * i] = at;
    segments[2 * i + 1] = at += to - from;
    memory.fill(0, at, (at += pad));
  }
  // After the last interval: nothing, and the zeros after it.
  segments[2 * segmentCount] = segments[2 * segmentCount + 1] = (segments[2 * segmentCount - 1] as number);
  const status = k.decode(width, height, scan.restartRows, scan.predictor, scan.initial, segmentsAt, segmentCount, planeAt);
  if (status === INVALID_CODE) throw invalidCode();
  if (status !== 0) throw new Error(`The lossless JPEG kernel failed (${status}).`);
  return new Uint16Array(buffer, planeAt, planeLength).slice();
}
