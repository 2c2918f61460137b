/**
 * VOI transforms of PS3.3 C.11.2: windows (C.11.2.1.2 LINEAR, C.11.2.1.3 LINEAR_EXACT / SIGMOID)
 * and lookup tables (C.11.2.1.1). Pure numbers in, numbers out; see displayLut.ts for arrays.
 */

export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface Window {
  center: number;
  width: number;
}

/** Output range [ymin, ymax] of the window function; the 8-bit result is f = (y - ymin)/(ymax - ymin). */
export interface OutputRange {
  min: number;
  max: number;
}

export const UNIT_RANGE: OutputRange = { min: 0, max: 1 };

/**
 * A LUT as in LUT Descriptor/Data (PS3.3 C.11.1.1.1, C.11.2.1.1): input values below `firstMapped`
 * take the first entry, above the last mapped value the last entry; inputs are truncated to integers.
 */
export interface LookupTable {
  firstMapped: number;
  /** One output value per entry. */
  data: ArrayLike<number>;
  /** Nominal bits per entry (third descriptor value): outputs span 0 .. 2^bits − 1. */
  bits: number;
  explanation?: string | null;
}

/**
 * The window function y(x) with output range `range` (C.11.2.1.2.1 / C.11.2.1.3). The arithmetic
 * follows pydicom 2.3.1's apply_windowing step by step, so 8-bit results match its reference
 * renders exactly. Widths below the standard's minimum (1 for LINEAR, > 0 otherwise) are raised to it.
 */
export function windowValue(x: number, w: Window, fn: VoiFunction, range: OutputRange = UNIT_RANGE): number {
  const yRange = range.max - range.min;
  if (fn === 'SIGMOID') {
    const width = w.width > 0 ? w.width : Number.MIN_VALUE;
    return yRange / (1 + Math.exp((-4 * (x - w.center)) / width)) + range.min;
  }
  let center = w.center;
  let width = w.width;
  if (fn === 'LINEAR') {
    center -= 0.5;
    width = Math.max(width, 1) - 1;
  } else if (width <= 0) {
    width = Number.MIN_VALUE;
  }
  if (x <= center - width / 2) return range.min;
  if (x > center + width / 2) return range.max;
  return ((x - center) / width + 0.5) * yRange + range.min;
}

/** The window as a fraction f in [0, 1] of the output range. */
export function windowFraction(x: number, w: Window, fn: VoiFunction, range: OutputRange = UNIT_RANGE): number {
  return (windowValue(x, w, fn, range) - range.min) / (range.max - range.min);
}

/** LUT lookup with the clamping of C.11.1.1.1 (pydicom truncates the input toward zero). */
export function lutValue(x: number, lut: LookupTable): number {
  const n = lut.data.length;
  let i = Math.trunc(x - lut.firstMapped);
  if (!(i > 0)) i = 0;
  else if (i > n - 1) i = n - 1;
  return lut.data[i] as number;
}

/** f ∈ [0, 1] → 8-bit grey: clip(floor(255·f + 0.5), 0, 255) (README "Display reference" step 4). */
export function fractionToByte(f: number): number {
  const v = Math.floor(255 * f + 0.5);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** 8-bit grey of modality value `x` under a window (no inversion). */
export function windowToByte(x: number, w: Window, fn: VoiFunction, range: OutputRange = UNIT_RANGE): number {
  return fractionToByte(windowFraction(x, w, fn, range));
}

/** 8-bit grey of modality value `x` through a VOI LUT: f = y / (2^bits − 1). */
export function voiLutToByte(x: number, lut: LookupTable): number {
  return fractionToByte(lutValue(x, lut) / (2 ** lut.bits - 1));
}
