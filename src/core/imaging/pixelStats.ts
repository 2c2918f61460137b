import type { PixelArray } from './pixelArray';

export interface PixelStats {
  min: number;
  max: number;
  /** Arithmetic mean rounded to 4 decimals as Python's round(x, 4) does (ties to even). */
  mean: number;
}

/**
 * Rounds to 4 decimals like Python's round(): correctly rounded from the exact binary value,
 * exact ties to even. A double can only be an exact tie at the 5th decimal when 32·x is an odd
 * integer (x = j/32), since 0.5·10⁻⁴ = 1/20000 = 5⁴/(2⁵·5⁴·…) needs the factor 5⁴ to cancel.
 */
export function roundTo4(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = x * 32;
  if (Number.isInteger(t) && Math.abs(t) % 2 === 1 && Math.abs(x) < 2 ** 40) {
    const scaled = x * 10000; // exact: j/32 · 10000 = j · 312.5
    const lo = Math.floor(scaled);
    const even = lo % 2 === 0 ? lo : lo + 1;
    return even / 10000;
  }
  return Number(x.toFixed(4));
}

/** min, max and mean of all values; NaN when empty. One pass, no allocation. */
export function pixelStats(a: PixelArray): PixelStats {
  const n = a.length;
  if (n === 0) return { min: NaN, max: NaN, mean: NaN };
  let min = a[0] as number;
  let max = min;
  let sum = 0;
  // Integer sums stay exact in float64 (< 2^53), so the mean equals numpy's for integer data.
  for (let i = 0; i < n; i++) {
    const v = a[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: roundTo4(sum / n) };
}
