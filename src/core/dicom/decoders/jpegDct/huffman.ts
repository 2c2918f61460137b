import { DicomError } from '../../../errors';

/** A Huffman table in the canonical form of ITU T.81 Annex C / F.2.2.3. */
export interface HuffmanTable {
  /** Largest code of each length 1..16 (-1 when none); 17: a sentinel above every code. */
  maxCode: Int32Array;
  /** Index into `values` of the first code of each length, minus that code. */
  valOffset: Int32Array;
  values: Uint8Array;
  /** Number of codes of each length 1..16 (index 0 is length 1). */
  counts: Uint8Array;
  /** Decoders for the DC and AC roles, built on first use (see `symbolDecoderFor`). */
  dc: SymbolDecoder | null;
  ac: SymbolDecoder | null;
}

/**
 * A table ready for `readSymbol` in one role (DC differences or AC run/size symbols): one
 * Int32Array of entries (layout below), so the decoder never looks at the raw symbol.
 *  - [0, 2^LOOKAHEAD): the entry of every LOOKAHEAD-bit prefix. A prefix of longer codes has an
 *    entry that takes 0 bits and holds, in bits 16-31, the number b ≥ 1 of its block.
 *  - then blocks of 2^(16 - LOOKAHEAD) entries, indexed by the bits after such a prefix, block b
 *    at 2^LOOKAHEAD + b·2^(16 - LOOKAHEAD). Block 0 is all zero: entry 0 is no code at all.
 * One array rather than several: each typed array the decoder's loop touches costs V8 checks.
 */
export type SymbolDecoder = Int32Array;

/** Bits the lookup tables are indexed by: most codes, and often code plus value, fit in 10 bits. */
export const LOOKAHEAD = 10;

/*
 * An entry: what a symbol (and its value bits) at the read position means.
 *   bits 0-4   bits to consume: the code, plus the value bits when the value is in the entry
 *   bits 5-8   zero run before the coefficient (AC)
 *   bits 9-12  value bits still to read after the code (0 when the value is in the entry)
 *   bit 13     end of block (AC)
 *   bits 16-31 the value, signed, when it is in the entry (0 for ZRL)
 * `readSymbol` returns entries with the value filled in and bits 9-12 clear. The hot code reads
 * them through the accessors below, which use literals: bundlers may turn module-level constants
 * into variables (lazily initialised modules) that V8 then loads and checks on every use.
 */
const ENTRY_RUN_SHIFT = 5;
const ENTRY_SIZE_SHIFT = 9;
const ENTRY_EOB = 1 << 13;
const ENTRY_VALUE_SHIFT = 16;

/** Bits the symbol took: its code and its value. */
export function entryBits(e: number): number {
  return e & 31;
}

/** Zero coefficients before this one. */
export function entryRun(e: number): number {
  return (e >> 5) & 15;
}

export function entryEndsBlock(e: number): boolean {
  return (e & 0x2000) !== 0;
}

/** The DC difference or AC coefficient, signed. */
export function entryValue(e: number): number {
  return e >> 16;
}

export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1] as number;
    if (n > 0) {
      valOffset[len] = k - code;
      code += n;
      k += n;
      maxCode[len] = code - 1;
    }
    if (code > 1 << len) throw new DicomError('dicom-codec-failed', 'A JPEG Huffman table (DHT) has more codes than its lengths allow.');
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, valOffset, values, counts: counts.slice(), dc: null, ac: null };
}

/** T.81 F.2.2.1 EXTEND without a branch: a `size`-bit magnitude category (size ≥ 1) to a signed value. */
export function extend(bits: number, size: number): number {
  // The top bit clear means negative: subtract 2^size - 1.
  return bits + ((((bits >>> (size - 1)) & 1) - 1) & (1 - (1 << size)));
}

/** The entry of symbol `rs` with code length `len`; `index` is the lookahead prefix, whose bits after the code may hold the value. */
function entryFor(rs: number, len: number, index: number, ac: boolean): number {
  const run = ac ? rs >> 4 : 0;
  const size = ac ? rs & 15 : rs;
  if (ac && size === 0) {
    // ZRL is a run of 15 and a zero coefficient; any other run with size 0 ends the block (as libjpeg reads it).
    return run === 15 ? len | (15 << ENTRY_RUN_SHIFT) : len | ENTRY_EOB;
  }
  if (size === 0) return len; // a DC difference of 0
  if (len + size <= LOOKAHEAD) {
    const bits = (index >> (LOOKAHEAD - len - size)) & ((1 << size) - 1);
    return (len + size) | (run << ENTRY_RUN_SHIFT) | (extend(bits, size) << ENTRY_VALUE_SHIFT);
  }
  return len | (run << ENTRY_RUN_SHIFT) | (size << ENTRY_SIZE_SHIFT);
}

function buildSymbolDecoder(t: HuffmanTable, ac: boolean): SymbolDecoder {
  const lookup = new Int32Array(1 << LOOKAHEAD);
  const longBits = 16 - LOOKAHEAD;
  const blocks: Int32Array[] = [new Int32Array(1 << longBits)]; // block 0: no code
  for (let len = 1; len <= 16; len++) {
    const max = t.maxCode[len] as number;
    const offset = t.valOffset[len] as number;
    for (let code = max - (t.counts[len - 1] as number) + 1; code <= max; code++) {
      const rs = t.values[offset + code] as number;
      if (len <= LOOKAHEAD) {
        // Every prefix that starts with this code.
        const shift = LOOKAHEAD - len;
        for (let j = 0; j < 1 << shift; j++) lookup[(code << shift) | j] = entryFor(rs, len, (code << shift) | j, ac);
        continue;
      }
      const prefix = code >> (len - LOOKAHEAD);
      if (lookup[prefix] === 0) {
        lookup[prefix] = blocks.length << ENTRY_VALUE_SHIFT;
        blocks.push(new Int32Array(1 << longBits));
      }
      const block = blocks[(lookup[prefix] as number) >> ENTRY_VALUE_SHIFT] as Int32Array;
      const shift = 16 - len;
      const low = (code << shift) & ((1 << longBits) - 1);
      block.fill(entryFor(rs, len, 0, ac), low, low + (1 << shift));
    }
  }
  const decoder = new Int32Array(lookup.length + (blocks.length << longBits));
  decoder.set(lookup);
  blocks.forEach((b, i) => decoder.set(b, lookup.length + (i << longBits)));
  return decoder;
}

/**
 * The decoder of `t` in its DC or AC role. DC symbols above 15 are refused as libjpeg refuses
 * them (jdhuff.c): a difference has at most 15 bits.
 */
export function symbolDecoderFor(t: HuffmanTable, ac: boolean): SymbolDecoder {
  if (ac) return (t.ac ??= buildSymbolDecoder(t, true));
  if (!t.dc) {
    if (t.values.some((v) => v > 15)) throw new DicomError('dicom-codec-failed', 'A JPEG DC Huffman table has a symbol above 15; the frame is corrupt.');
    t.dc = buildSymbolDecoder(t, false);
  }
  return t.dc;
}

export const invalidCodeError = (): DicomError =>
  new DicomError('dicom-codec-failed', 'The JPEG entropy-coded data has an invalid Huffman code; the frame is corrupt.');

/** 32 bits of the data from bit `bitPos` on, MSB first; the low (bitPos & 7) bits are zero, so at least 25 are data. */
function windowAt(view: DataView, bitPos: number): number {
  return view.getInt32(bitPos >> 3) << (bitPos & 7);
}

/**
 * The symbol at bit `bitPos` of the unstuffed entropy-coded bytes (see entropyStream.ts), with
 * its value: an entry with the value in bits 16-31 and, in bits 0-4, the bits it took.
 * Stateless, so that the block decoder keeps a single position in a register.
 */
export function readSymbol(view: DataView, bitPos: number, d: SymbolDecoder): number {
  const w = windowAt(view, bitPos);
  let e = d[w >>> 22] as number; // the top LOOKAHEAD (10) bits
  if ((e & 31) === 0) {
    // A code longer than 10 bits: its block, indexed by the next 6 bits. No call here, so that
    // V8 keeps what it knows about the tables across the decoder's loop.
    e = d[1024 + ((e >> 16) << 6) + ((w >>> 16) & 63)] as number;
    if (e === 0) throw invalidCodeError();
  }
  const size = (e >> 9) & 15;
  if (size === 0) return e;
  const len = e & 31;
  // The value bits follow the code; only a long code with a long value runs past the 25-bit window.
  const rest = len + size <= 25 ? w << len : windowAt(view, bitPos + len);
  const value = extend(rest >>> (32 - size), size);
  // Keep run and end-of-block (bits 5-8, 13); bits taken and value replaced.
  return (value << 16) | (e & 0x21e0) | (len + size);
}
