/** A closed interval of values, e.g. what black and white map to on screen. */
export interface ValueRange {
  min: number;
  max: number;
}

/** min and max of the finite values (NaN and ±Infinity are skipped); {NaN, NaN} when there are none. */
export function valueRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (v < min && v > -Infinity) min = v;
    if (v > max && v < Infinity) max = v;
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}

// Sorting every voxel of a 256³ volume costs ~1 s; an evenly strided sample of this size gives the
// same percentiles to well under a grey level and keeps the viewer's first paint fast.
const MAX_SAMPLES = 1 << 20;

/**
 * The values at two percentiles (0–100) of the finite values, by nearest rank on an evenly strided
 * sample of at most ~1M values. {NaN, NaN} when there are no finite values.
 */
export function percentileRange(values: ArrayLike<number>, lowPercent: number, highPercent: number): ValueRange {
  const step = Math.max(1, Math.ceil(values.length / MAX_SAMPLES));
  const sample = new Float64Array(Math.ceil(values.length / step));
  let n = 0;
  for (let i = 0; i < values.length; i += step) {
    const v = values[i] ?? NaN;
    if (Number.isFinite(v)) sample[n++] = v;
  }
  if (n === 0) return { min: NaN, max: NaN };
  const sorted = sample.subarray(0, n).sort();
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.round((p / 100) * (n - 1))))] ?? NaN;
  return { min: at(lowPercent), max: at(highPercent) };
}

export interface DisplayRange extends ValueRange {
  /** 'calibration': the file's cal_min/cal_max; 'percentile': 0.5–99.5 % of the values; 'minmax': all values equal or too few. */
  source: 'calibration' | 'percentile' | 'minmax';
}

/**
 * The default display range of a NIfTI volume: the header's cal_min..cal_max when it sets a
 * non-empty range (NIfTI-1: the intended display range, in scaled units), else the 0.5–99.5 percentile
 * range of the modality values, which ignores a few hot voxels; when that range is empty (a binary mask,
 * a flat image) the full min..max. `values` are modality values (a slice or the whole volume).
 */
export function defaultNiftiDisplayRange(values: ArrayLike<number>, cal: { calMin: number; calMax: number } = { calMin: 0, calMax: 0 }): DisplayRange {
  if (Number.isFinite(cal.calMin) && Number.isFinite(cal.calMax) && cal.calMax > cal.calMin) {
    return { min: cal.calMin, max: cal.calMax, source: 'calibration' };
  }
  const robust = percentileRange(values, 0.5, 99.5);
  if (robust.max > robust.min) return { ...robust, source: 'percentile' };
  return { ...valueRange(values), source: 'minmax' };
}

/** Window centre/width mapping `range` onto black..white with VOI LUT Function LINEAR_EXACT (PS3.3 C.11.2.1.3.2). */
export function windowForRange(range: ValueRange): { center: number; width: number } {
  return { center: (range.min + range.max) / 2, width: Math.max(range.max - range.min, Number.EPSILON) };
}
