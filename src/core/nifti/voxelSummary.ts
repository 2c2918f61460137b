import type { PixelArray } from '../imaging/pixelArray';

export interface VoxelSummary {
  /** NaN when any value is NaN (numpy semantics, as reference.json was computed). */
  min: number;
  max: number;
  /** Arithmetic mean, unrounded. */
  mean: number;
}

/** min, max and mean over every sample (all three channels of RGB alike). */
export function summarizeVoxels(values: PixelArray): VoxelSummary {
  const n = values.length;
  if (n === 0) return { min: NaN, max: NaN, mean: NaN };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  // A float64 running sum is exact for 8- and 16-bit data of any size we accept (< 2^53), so the mean
  // matches numpy's to the last place; for float data it is at least as close to the true mean.
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  if (Number.isNaN(sum)) return { min: NaN, max: NaN, mean: NaN };
  return { min, max, mean: sum / n };
}
