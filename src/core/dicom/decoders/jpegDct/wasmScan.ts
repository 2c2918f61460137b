import { DicomError } from '../../../errors';
import { pastBlockEndError } from './decodeBlock';
import type { UnstuffedScan } from './entropyStream';
import { invalidCodeError, type SymbolDecoder } from './huffman';
import { idctExact, int32Bound, rangeLimitTable } from './idctIslow';
import { isKernelMemoryLarge, reserveKernelMemory } from '../../wasm/kernelMemory';
import { assembleModule, instantiate, type WasmFunction } from '../../wasm/assembler';
import {
  add, add64, and, block, br, brIf, call, choose, divU, eq, eqz, get, gtS, gtS64, i32, i64, load, load16, load8, locals,
  loop, ltU, mul, mul64, or, or64, remU, ret, set, shl, shl64, shrS, shrU, shrU64, store, store16, sub, u64, when, wrap,
  xor, type Code,
} from '../../wasm/instructions';

// ---- The grey fast path: a whole 12-bit single-component scan decoded in WebAssembly. ----
// The same algorithm as decodeBlock + idctInt32 (same entry tables, same int32 arithmetic and exactness bound),
// about 1.7× as fast as V8 runs the JS (no map or bounds checks per access, the bit buffer in registers): a 512 × 512
// CT in about 0.8 ms rather than 1.35. Blocks beyond the int32 bound return to JS for idctExact; restart intervals
// and corrupt data follow EntropyStream's rules, so both paths give the same samples or the same error.

/** Header: i32 state shared with JS, at these byte addresses. */
const H = {
  bitPos: 0, pred: 4, block: 8, blocks: 12, unitsX: 16, plane: 20, rowBytes: 24, rows: 28, cols: 32,
  dcTable: 36, acTable: 40, stream: 44, segmentEnd: 48, segments: 52, segmentCount: 56, segment: 60,
  interval: 64, untilRestart: 68, pending: 72,
} as const;

/** Fixed regions: the coefficient block and IDCT work array (64 i32 each), positions/quantisers, range table. */
const COEF = 128;
const WS = 384;
const POSITIONS = 640;
const RANGE = 896;
/** Where the per-scan regions (tables, segments, stream, plane) start. */
const DYNAMIC_START = RANGE + 2 * 16384;

/** decodeScan's results besides 0 (done). */
const PENDING_EXACT = 1;
const INVALID_CODE = -1;
const PAST_BLOCK_END = -2;

const IDCT = 0;
const CONSTANTS = [2446, 3196, 4433, 6270, 7373, 9633, 12299, 15137, 16069, 16819, 20995, 25172] as const;
const [F0298, F0390, F0541, F0765, F0899, F1175, F1501, F1847, F1961, F2053, F2562, F3072] = CONSTANTS;

/**
 * idct(out, rowBytes): idctInt32 for 12-bit data (PASS1_BITS 1) on the block at COEF, into 16-bit samples at `out`,
 * `rowBytes` apart; leaves COEF zero. Columns and rows with no AC term take jidctint.c's shortcuts (equal results).
 */
function idctFunction(): WasmFunction {
  const L = locals(2, ['a', 'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'z1', 'e0', 'e1', 'e2', 'e3',
    't10', 't11', 't12', 't13', 'z5', 'o1', 'o2', 'o3', 'o4', 'p0', 'p1', 'p2', 'p3', 'v'] as const);
  const [out, rowBytes] = [0, 1];
  const x = (i: number): Code => get(L[`x${i}` as 'x0']);
  const butterfly = (half: number): Code => [
    ...set(L.z1, mul(add(x(2), x(6)), i32(F0541))),
    ...set(L.e2, sub(get(L.z1), mul(x(6), i32(F1847)))),
    ...set(L.e3, add(get(L.z1), mul(x(2), i32(F0765)))),
    // The rounding half is folded into the even part: every output carries it.
    ...set(L.e0, add(shl(add(x(0), x(4)), i32(13)), i32(half))),
    ...set(L.e1, add(shl(sub(x(0), x(4)), i32(13)), i32(half))),
    ...set(L.t10, add(get(L.e0), get(L.e3))), ...set(L.t13, sub(get(L.e0), get(L.e3))),
    ...set(L.t11, add(get(L.e1), get(L.e2))), ...set(L.t12, sub(get(L.e1), get(L.e2))),
    ...set(L.z5, mul(add(add(x(7), x(5)), add(x(3), x(1))), i32(F1175))),
    ...set(L.o1, mul(add(x(7), x(1)), i32(-F0899))),
    ...set(L.o2, mul(add(x(5), x(3)), i32(-F2562))),
    ...set(L.o3, add(mul(add(x(7), x(3)), i32(-F1961)), get(L.z5))),
    ...set(L.o4, add(mul(add(x(5), x(1)), i32(-F0390)), get(L.z5))),
    ...set(L.p0, add(mul(x(7), i32(F0298)), add(get(L.o1), get(L.o3)))),
    ...set(L.p1, add(mul(x(5), i32(F2053)), add(get(L.o2), get(L.o4)))),
    ...set(L.p2, add(mul(x(3), i32(F3072)), add(get(L.o2), get(L.o3)))),
    ...set(L.p3, add(mul(x(1), i32(F1501)), add(get(L.o1), get(L.o4)))),
  ];
  // Outputs 0..7 of the 1-D pass before descaling.
  const outputs: Code[] = [
    add(get(L.t10), get(L.p3)), add(get(L.t11), get(L.p2)), add(get(L.t12), get(L.p1)), add(get(L.t13), get(L.p0)),
    sub(get(L.t13), get(L.p0)), sub(get(L.t12), get(L.p1)), sub(get(L.t11), get(L.p2)), sub(get(L.t10), get(L.p3)),
  ];
  const acZero = eqz(or(or(or(x(1), x(2)), or(x(3), x(4))), or(or(x(5), x(6)), x(7))));
  const eight = (f: (i: number) => Code): Code => Array.from({ length: 8 }, (_, i) => f(i)).flat();
  // range[(v >> shift) & 16383], the byte offset of the 16-bit entry being ((v >> (shift - 1)) & 0x7ffe).
  const sample = (v: Code, shift: number): Code => load16(and(shrS(v, i32(shift - 1)), i32(0x7ffe)), RANGE);
  const columns = [
    ...set(L.a, i32(0)),
    ...loop([
      ...eight((r) => set(L[`x${r}` as 'x0'], load(get(L.a), COEF + 32 * r))),
      ...eight((r) => store(get(L.a), i32(0), COEF + 32 * r)),
      ...when(acZero,
        [...set(L.v, shl(x(0), i32(1))), ...eight((r) => store(get(L.a), get(L.v), WS + 32 * r))],
        [...butterfly(1 << 11), ...eight((r) => store(get(L.a), shrS(outputs[r] as Code, i32(12)), WS + 32 * r))]),
      ...set(L.a, add(get(L.a), i32(4))),
      ...brIf(0, ltU(get(L.a), i32(32))),
    ]),
  ];
  const rows = [
    ...set(L.a, i32(0)),
    ...loop([
      ...eight((i) => set(L[`x${i}` as 'x0'], load(get(L.a), WS + 4 * i))),
      ...when(acZero,
        [...set(L.v, sample(add(x(0), i32(8)), 4)), ...eight((i) => store16(get(out), get(L.v), 2 * i))],
        [...butterfly(1 << 16), ...eight((i) => store16(get(out), sample(outputs[i] as Code, 17), 2 * i))]),
      ...set(out, add(get(out), get(rowBytes))),
      ...set(L.a, add(get(L.a), i32(32))),
      ...brIf(0, ltU(get(L.a), i32(256))),
    ]),
  ];
  return { name: 'idct', params: 2, returnsI32: false, i32Locals: Object.keys(L).length, i64Locals: 0, code: [...columns, ...rows] };
}

/**
 * decodeScan(): decodes blocks H.block .. H.blocks - 1 of the scan described by the header, into the plane. Returns
 * 0 when done, PENDING_EXACT with H.pending = the output address of a block left at COEF for idctExact (call again
 * after it), or INVALID_CODE / PAST_BLOCK_END for corrupt data. The state is saved in the header on every return.
 *
 * The bits are read through a 64-bit buffer `acc` holding `bits` bits (low end), topped up 32 at a time when it
 * holds fewer than 32: a code (≤ 16 bits) and its value (≤ 15) then always fit, with one check per symbol.
 */
function decodeScanFunction(): WasmFunction {
  const L = locals(0, ['pos', 'bits', 'pred', 'blk', 'blocks', 'unitsX', 'plane', 'rowBytes', 'rows', 'cols', 'dcTable',
    'acTable', 'stream', 'segmentEnd', 'segment', 'interval', 'until', 'e', 'size', 'len', 'v', 'k', 't', 'p', 'x',
    'sign', 'acSum', 'dc', 'bx', 'by', 'out', 'segments', 'segmentCount', 'target'] as const);
  const acc = Object.keys(L).length; // the one i64 local
  const header: [number, keyof typeof H][] = [
    [L.pred, 'pred'], [L.blk, 'block'], [L.segmentEnd, 'segmentEnd'], [L.segment, 'segment'], [L.until, 'untilRestart'],
  ];
  const constants: [number, keyof typeof H][] = [
    [L.blocks, 'blocks'], [L.unitsX, 'unitsX'], [L.plane, 'plane'], [L.rowBytes, 'rowBytes'], [L.rows, 'rows'],
    [L.cols, 'cols'], [L.dcTable, 'dcTable'], [L.acTable, 'acTable'], [L.stream, 'stream'], [L.interval, 'interval'],
    [L.segments, 'segments'], [L.segmentCount, 'segmentCount'],
  ];
  const bitPos = (): Code => sub(shl(sub(get(L.pos), get(L.stream)), i32(3)), get(L.bits));
  const saveState = [...header.flatMap(([l, h]) => store(i32(H[h]), get(l))), ...store(i32(H.bitPos), bitPos())];
  const exit = (status: number): Code => [...saveState, ...ret(i32(status))];

  const byte = (i: number): Code => load8(get(L.pos), i);
  const refill = [
    ...set(acc, or64(shl64(get(acc), i64(32)), u64(or(or(shl(byte(0), i32(24)), shl(byte(1), i32(16))), or(shl(byte(2), i32(8)), byte(3)))))),
    ...set(L.bits, add(get(L.bits), i32(32))),
    ...set(L.pos, add(get(L.pos), i32(4))),
  ];
  // Reads from bit `target` of the stream on.
  const seek = [
    ...set(L.pos, add(get(L.stream), shrU(get(L.target), i32(3)))),
    ...set(acc, i64(0)), ...set(L.bits, i32(0)),
    ...refill,
    ...set(L.bits, sub(get(L.bits), and(get(L.target), i32(7)))),
  ];
  // The buffer's next `n` bits and those after them, as the low bits of an i32.
  const peek = (n: Code): Code => wrap(shrU64(get(acc), u64(sub(get(L.bits), n))));
  // readSymbol of huffman.ts: the entry at the read position, value filled in, into `e`; the position moved past it.
  const readSymbol = (table: number): Code => [
    ...when(ltU(get(L.bits), i32(32)), refill),
    ...set(L.e, load(add(get(table), shl(and(peek(i32(10)), i32(1023)), i32(2))))),
    ...when(eqz(and(get(L.e), i32(31))), [
      ...set(L.e, load(add(get(table), shl(add(add(i32(1024), shl(shrS(get(L.e), i32(16)), i32(6))), and(peek(i32(16)), i32(63))), i32(2))))),
      ...when(eqz(get(L.e)), exit(INVALID_CODE)),
    ]),
    ...set(L.size, and(shrS(get(L.e), i32(9)), i32(15))),
    ...when(get(L.size), [
      ...set(L.len, and(get(L.e), i32(31))),
      ...set(L.v, and(peek(add(get(L.len), get(L.size))), sub(shl(i32(1), get(L.size)), i32(1)))),
      // EXTEND: the top bit clear means negative, subtract 2^size - 1.
      ...set(L.v, add(get(L.v), and(sub(and(shrU(get(L.v), sub(get(L.size), i32(1))), i32(1)), i32(1)), sub(i32(1), shl(i32(1), get(L.size)))))),
      ...set(L.e, or(or(shl(get(L.v), i32(16)), and(get(L.e), i32(0x21e0))), add(get(L.len), get(L.size)))),
    ]),
    ...set(L.bits, sub(get(L.bits), and(get(L.e), i32(31)))),
  ];
  const restart = [
    ...set(L.segment, add(get(L.segment), i32(1))),
    // segments[i] is the bit position of segment i; segments[segmentCount] is the end of the data.
    ...when(ltU(get(L.segment), get(L.segmentCount)),
      [...set(L.target, load(add(get(L.segments), shl(get(L.segment), i32(2))))),
        ...set(L.segmentEnd, load(add(get(L.segments), shl(get(L.segment), i32(2))), 4))],
      [...set(L.target, load(add(get(L.segments), shl(get(L.segmentCount), i32(2))))), ...set(L.segmentEnd, get(L.target))]),
    ...seek,
    ...set(L.pred, i32(0)),
    ...set(L.until, get(L.interval)),
  ];
  const acLoop = block(loop([
    ...brIf(1, gtS(get(L.k), i32(63))),
    ...readSymbol(L.acTable),
    ...brIf(1, and(get(L.e), i32(0x2000))),
    ...set(L.k, add(get(L.k), and(shrS(get(L.e), i32(5)), i32(15)))),
    ...set(L.v, shrS(get(L.e), i32(16))),
    // A ZRL past the end writes nothing; a coefficient there is corrupt data.
    ...when(gtS(get(L.k), i32(63)), [...brIf(2, eqz(get(L.v))), ...exit(PAST_BLOCK_END)]),
    ...set(L.t, load(shl(get(L.k), i32(2)), POSITIONS)),
    ...set(L.p, and(get(L.t), i32(63))),
    ...set(L.x, mul(get(L.v), shrS(get(L.t), i32(6)))),
    ...store(shl(get(L.p), i32(2)), get(L.x), COEF),
    ...set(L.sign, shrS(get(L.x), i32(31))),
    ...set(L.acSum, add(get(L.acSum), add(shrS(sub(xor(get(L.x), get(L.sign)), get(L.sign)), i32(6)), i32(1)))),
    ...set(L.k, add(get(L.k), i32(1))),
    ...br(0),
  ]));
  const bound = int32Bound(1);
  const beyondInt32 = gtS64(
    add64(mul64(u64(choose(gtS(i32(0), get(L.dc)), sub(i32(0), get(L.dc)), get(L.dc))), u64(i32(bound.dcWeight))), mul64(u64(get(L.acSum)), u64(i32(bound.acWeight * 64)))),
    u64(i32(bound.limit)));
  const dcOnly = [
    ...set(L.v, load16(and(shrS(add(get(L.dc), i32(4)), i32(2)), i32(0x7ffe)), RANGE)), // range[((dc + 4) >> 3) & 16383]
    ...set(L.v, or(get(L.v), shl(get(L.v), i32(16)))),
    ...store(i32(0), i32(0), COEF),
    ...set(L.k, i32(0)),
    ...loop([
      ...[0, 4, 8, 12].flatMap((o) => store(get(L.out), get(L.v), o)),
      ...set(L.out, add(get(L.out), get(L.rowBytes))),
      ...set(L.k, add(get(L.k), i32(1))),
      ...brIf(0, ltU(get(L.k), i32(8))),
    ]),
  ];
  const clearCoefficients = [
    ...set(L.k, i32(0)),
    ...loop([...store(get(L.k), i32(0), COEF), ...set(L.k, add(get(L.k), i32(4))), ...brIf(0, ltU(get(L.k), i32(256)))]),
  ];
  const oneBlock = [
    ...when(get(L.interval), [...when(eqz(get(L.until)), restart), ...set(L.until, sub(get(L.until), i32(1)))]),
    // A block never starts past its segment (see EntropyStream).
    ...when(gtS(bitPos(), get(L.segmentEnd)), [...set(L.target, get(L.segmentEnd)), ...seek]),
    ...readSymbol(L.dcTable),
    // JCOEF is 16 bits in libjpeg: the predictor and the coefficient wrap there.
    ...set(L.pred, shrS(shl(add(get(L.pred), shrS(get(L.e), i32(16))), i32(16)), i32(16))),
    ...set(L.dc, mul(get(L.pred), shrS(load(i32(POSITIONS)), i32(6)))),
    ...store(i32(0), get(L.dc), COEF),
    ...set(L.acSum, i32(0)),
    ...set(L.k, i32(1)),
    ...acLoop,
    ...set(L.bx, remU(get(L.blk), get(L.unitsX))),
    ...set(L.by, divU(get(L.blk), get(L.unitsX))),
    ...set(L.blk, add(get(L.blk), i32(1))),
    ...when(and(ltU(get(L.by), get(L.rows)), ltU(get(L.bx), get(L.cols))), [
      ...set(L.out, add(add(get(L.plane), mul(get(L.by), shl(get(L.rowBytes), i32(3)))), shl(get(L.bx), i32(4)))),
      ...when(beyondInt32, [...store(i32(H.pending), get(L.out)), ...exit(PENDING_EXACT)]),
      ...when(eqz(get(L.acSum)), dcOnly, call(IDCT, get(L.out), get(L.rowBytes))),
    ], clearCoefficients),
  ];
  const code = [
    ...[...header, ...constants].flatMap(([l, h]) => set(l, load(i32(H[h])))),
    ...set(L.target, load(i32(H.bitPos))),
    ...seek,
    ...block(loop([...brIf(1, eq(get(L.blk), get(L.blocks))), ...oneBlock, ...br(0)])),
    ...saveState,
    ...i32(0),
  ];
  return { name: 'decodeScan', params: 0, returnsI32: true, i32Locals: acc, i64Locals: 1, code };
}

export interface ScanKernel {
  memory: WebAssembly.Memory;
  decodeScan: () => number;
}

let kernelBytes: Uint8Array<ArrayBuffer> | null = null;
let kernel: ScanKernel | null | undefined;

/** The kernel, built on first use (a few ms) with its range table in place; null where WebAssembly is missing or refused. */
export function scanKernel(): ScanKernel | null {
  if (kernel !== undefined) return kernel;
  kernelBytes ??= assembleModule([idctFunction(), decodeScanFunction()]);
  const exports = instantiate(kernelBytes);
  if (!exports) return (kernel = null);
  const memory = exports.m as WebAssembly.Memory;
  if (!reserveKernelMemory(memory, DYNAMIC_START)) return (kernel = null);
  new Uint16Array(memory.buffer, RANGE, 16384).set(rangeLimitTable(12));
  return (kernel = { memory, decodeScan: exports.decodeScan as () => number });
}

/** Drops the kernel after a frame that grew its memory past what is kept, so that the memory can be freed. */
function releaseIfLarge(k: ScanKernel): void {
  if (isKernelMemoryLarge(k.memory) && kernel === k) kernel = undefined;
}

/** A single-component 12-bit scan for the kernel. Blocks are `unitsX × unitsY` in raster order, the plane `blocksW × blocksH`. */
export interface KernelScan {
  stream: UnstuffedScan;
  dc: SymbolDecoder;
  ac: SymbolDecoder;
  /** BlockCoder.coefficients: positions and quantisers by zig-zag index. */
  coefficients: Int32Array;
  unitsX: number;
  unitsY: number;
  blocksW: number;
  blocksH: number;
  restartInterval: number;
}

const align16 = (n: number): number => (n + 15) & ~15;

/** The scan's plane (blocksW·8 × blocksH·8 samples, a new array), or null when the kernel's memory cannot hold it. */
export function decodeScanWithKernel(k: ScanKernel, scan: KernelScan): Uint16Array | null {
  const { stream, dc, ac, blocksW, blocksH } = scan;
  const dcAt = DYNAMIC_START;
  const acAt = align16(dcAt + 4 * dc.length);
  const segmentsAt = align16(acAt + 4 * ac.length);
  const streamAt = align16(segmentsAt + 4 * (stream.segmentStarts.length + 1));
  const planeAt = align16(streamAt + stream.bytes.length);
  const planeLength = blocksW * blocksH * 64;
  const need = planeAt + 2 * planeLength;
  if (!reserveKernelMemory(k.memory, need)) return null;
  try {
    return decodeInKernel(k, scan, { dcAt, acAt, segmentsAt, streamAt, planeAt, planeLength });
  } finally {
    // A corrupt frame throws too: its memory must go all the same.
    releaseIfLarge(k);
  }
}

function decodeInKernel(k: ScanKernel, scan: KernelScan, at: { dcAt: number; acAt: number; segmentsAt: number; streamAt: number; planeAt: number; planeLength: number }): Uint16Array {
  const { stream, dc, ac, blocksW, blocksH } = scan;
  const { dcAt, acAt, segmentsAt, streamAt, planeAt, planeLength } = at;
  const buffer = k.memory.buffer;
  new Int32Array(buffer, dcAt, dc.length).set(dc);
  new Int32Array(buffer, acAt, ac.length).set(ac);
  new Int32Array(buffer, POSITIONS, 64).set(scan.coefficients);
  // The block decoder expects zeros there; a frame that failed part-way may have left coefficients.
  new Int32Array(buffer, COEF, 64).fill(0);
  // Segment starts as bit positions, then the end of the data.
  const segments = new Int32Array(buffer, segmentsAt, stream.segmentStarts.length + 1);
  stream.segmentStarts.forEach((s, i) => (segments[i] = 8 * s));
  segments[stream.segmentStarts.length] = 8 * stream.length;
  new Uint8Array(buffer, streamAt, stream.bytes.length).set(stream.bytes);
  const plane = new Uint16Array(buffer, planeAt, planeLength);
  const rows = Math.min(scan.unitsY, blocksH), cols = Math.min(scan.unitsX, blocksW);
  // Blocks the scan does not cover stay zero, as in a new JS plane.
  if (rows < blocksH || cols < blocksW) plane.fill(0);
  const header = new Int32Array(buffer, 0, COEF / 4);
  const put = (h: keyof typeof H, v: number): void => void (header[H[h] / 4] = v);
  put('bitPos', 0); put('pred', 0); put('block', 0); put('blocks', scan.unitsX * scan.unitsY); put('unitsX', scan.unitsX);
  put('plane', planeAt); put('rowBytes', 16 * blocksW); put('rows', rows); put('cols', cols);
  put('dcTable', dcAt); put('acTable', acAt); put('stream', streamAt); put('segmentEnd', segments[1] as number);
  put('segments', segmentsAt); put('segmentCount', stream.segmentStarts.length); put('segment', 0);
  put('interval', scan.restartInterval); put('untilRestart', scan.restartInterval);
  runKernel(k, plane, planeAt, blocksW * 8);
  return plane.slice();
}

/** Calls decodeScan until it is done, doing the blocks it hands back with idctExact. */
function runKernel(k: ScanKernel, plane: Uint16Array, planeAt: number, stride: number): void {
  const coef = new Int32Array(k.memory.buffer, COEF, 64);
  const header = new Int32Array(k.memory.buffer, 0, COEF / 4);
  const ws = new Int32Array(64);
  const range = rangeLimitTable(12);
  for (;;) {
    const status = k.decodeScan();
    if (status === 0) return;
    if (status === PENDING_EXACT) {
      idctExact(coef, plane, ((header[H.pending / 4] as number) - planeAt) >> 1, stride, 1, range, ws);
      continue;
    }
    throw status === INVALID_CODE ? invalidCodeError() : status === PAST_BLOCK_END ? pastBlockEndError()
      : new DicomError('dicom-codec-failed', `The JPEG decoder kernel failed (${status}).`);
  }
}
