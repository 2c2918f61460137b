import { DicomError } from '../../../errors';
import type { EntropyStream } from './entropyStream';
import { entryBits, entryEndsBlock, entryRun, entryValue, readSymbol, type SymbolDecoder } from './huffman';
import { ZIGZAG } from './parseJpeg';

/** One component of a scan: its tables, quantisation and DC predictor. */
export interface BlockCoder {
  dc: SymbolDecoder;
  ac: SymbolDecoder;
  /**
   * For each zig-zag index k: the natural position p of the coefficient (bits 0-5) and its
   * quantiser (bits 6-21), one table for one lookup per coefficient (see coefficientTable).
   */
  coefficients: Int32Array;
  /** Last DC value, as libjpeg keeps it: wrapped to the 16 bits of its JCOEF. */
  pred: number;
  /** The bound of int32IdctIsExact: dcWeight·|dc| + acWeight·(Σ|AC|) ≤ limit. */
  dcWeight: number;
  acWeight: number;
  limit: number;
}

export const pastBlockEndError = (): DicomError =>
  new DicomError('dicom-codec-failed', 'The JPEG entropy-coded data runs past the 64 coefficients of a block; the frame is corrupt.');

/** The BlockCoder table of positions and quantisers from a quantisation table in natural order. */
export function coefficientTable(quant: Uint16Array): Int32Array {
  return Int32Array.from(ZIGZAG, (p) => p | ((quant[p] as number) << 6));
}

/** Summary bits returned by decodeBlock: AC column mask in 0-7, AC row mask in 8-15, and this flag. */
export const BLOCK_NEEDS_EXACT = 1 << 16;

/**
 * Decodes one block (T.81 F.2.2) into `coef` (all zero on entry), dequantised, in natural order.
 * Returns a summary for the IDCT: which columns and rows hold AC terms, and whether the block
 * is beyond the int32 IDCT's proven range.
 */
export function decodeBlock(stream: EntropyStream, coder: BlockCoder, coef: Int32Array): number {
  const view = stream.view;
  // A block never starts past its segment (see EntropyStream).
  let bitPos = stream.bitPos;
  if (bitPos > stream.segmentEndBits) bitPos = stream.segmentEndBits;
  const coefficients = coder.coefficients;

  let s = readSymbol(view, bitPos, coder.dc);
  bitPos += entryBits(s);
  // JCOEF is 16 bits in libjpeg: the predictor and the coefficient wrap there.
  const pred = ((coder.pred + entryValue(s)) << 16) >> 16;
  coder.pred = pred;
  const dc = pred * ((coefficients[0] as number) >> 6);
  coef[0] = dc;

  const ac = coder.ac;
  let colMask = 0, rowMask = 0, acSum = 0;
  for (let k = 1; k < 64; k++) {
    s = readSymbol(view, bitPos, ac);
    bitPos += entryBits(s);
    if (entryEndsBlock(s)) break;
    k += entryRun(s);
    const value = entryValue(s);
    if (k > 63) {
      if (value === 0) break; // a ZRL past the end writes nothing
      throw pastBlockEndError();
    }
    const t = coefficients[k] as number;
    const pos = t & 63;
    const x = Math.imul(value, t >> 6); // |x| < 2^31: |value| < 2^15, quantiser < 2^16
    coef[pos] = x;
    const sign = x >> 31; // branch-free |x|: the sign is random, a branch would mispredict
    // In units of 64, rounded up, so that the sum stays an int32 (63 terms below 2^31 each).
    acSum += (((x ^ sign) - sign) >> 6) + 1;
    colMask |= 1 << (pos & 7);
    rowMask |= 1 << (pos >> 3);
  }
  stream.bitPos = bitPos;
  const exact = coder.dcWeight * (dc < 0 ? -dc : dc) + coder.acWeight * 64 * acSum <= coder.limit;
  return colMask | (rowMask << 8) | (exact ? 0 : BLOCK_NEEDS_EXACT);
}
