import { UNIT_RANGE, voiLutToByte, windowToByte, type LookupTable, type OutputRange, type VoiFunction, type Window } from './voi';

/**
 * Array helpers for the display path. A viewer re-renders on every mouse move: with integer
 * stored values over a small range, build one byte LUT per window (byteLutOverRange) and map
 * the frame through it (applyByteLut); otherwise map every value (mapToBytes). Both write into
 * `out` when it is given and large enough, allocating nothing.
 */

/** Integer-valued sources whose range makes a per-value LUT worthwhile. */
export const MAX_LUT_SPAN = 1 << 20;

export type ToByte = (value: number) => number;

/** A LUT of `max - min + 1` bytes: lut[v - min] = toByte(v) for every integer v in [min, max]. */
export function byteLutOverRange(min: number, max: number, toByte: ToByte, out?: Uint8Array): Uint8Array {
  const n = max - min + 1;
  const lut = out && out.length >= n ? out : new Uint8Array(n);
  for (let i = 0; i < n; i++) lut[i] = toByte(min + i);
  return lut;
}

/** out[i] = lut[src[i] - min]: integer sources only, values within the LUT's range. */
export function applyByteLut(src: ArrayLike<number>, lut: Uint8Array, min: number, out?: Uint8Array): Uint8Array {
  const n = src.length;
  const dst = out && out.length >= n ? out : new Uint8Array(n);
  if (min === 0) for (let i = 0; i < n; i++) dst[i] = lut[src[i] as number] as number;
  else for (let i = 0; i < n; i++) dst[i] = lut[(src[i] as number) - min] as number;
  return dst;
}

/** out[i] = toByte(src[i]) for sources where a LUT does not fit (floats, wide integers). */
export function mapToBytes(src: ArrayLike<number>, toByte: ToByte, out?: Uint8Array): Uint8Array {
  const n = src.length;
  const dst = out && out.length >= n ? out : new Uint8Array(n);
  for (let i = 0; i < n; i++) dst[i] = toByte(src[i] as number);
  return dst;
}

/** 255 − v in place (MONOCHROME1, PS3.3 C.7.6.3.1.2, or a user's invert). */
export function invertBytes(a: Uint8Array): void {
  for (let i = 0; i < a.length; i++) a[i] = 255 - (a[i] as number);
}

/** Integer min/max of a typed array, or null when it holds non-integers or is empty. */
export function integerRange(src: ArrayLike<number>, isInteger: boolean): { min: number; max: number } | null {
  if (!isInteger || src.length === 0) return null;
  let min = src[0] as number;
  let max = min;
  for (let i = 1; i < src.length; i++) {
    const v = src[i] as number;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return { min, max };
}

/** Modality values → 8-bit grey through a window (PS3.3 C.11.2.1.2/3), into `out` when given. */
export function applyWindow(
  values: ArrayLike<number>, window: Window, fn: VoiFunction = 'LINEAR', out?: Uint8Array, range: OutputRange = UNIT_RANGE,
): Uint8Array {
  return mapToBytes(values, (v) => windowToByte(v, window, fn, range), out);
}

/** Modality values → 8-bit grey through a VOI LUT (C.11.2.1.1), into `out` when given. */
export function applyVoiLut(values: ArrayLike<number>, lut: LookupTable, out?: Uint8Array): Uint8Array {
  return mapToBytes(values, (v) => voiLutToByte(v, lut), out);
}
