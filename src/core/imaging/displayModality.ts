import type { PixelArray } from './pixelArray';
import { lutValue, type LookupTable } from './voi';

/** The modality transform of PS3.3 C.11.1: stored values → modality values (HU for CT). */
export type ModalityTransform =
  | { kind: 'identity' }
  | { kind: 'rescale'; slope: number; intercept: number }
  | { kind: 'lut'; lut: LookupTable };

/** One stored value through the modality transform, in float64 (as pydicom computes it). */
export function modalityValue(stored: number, t: ModalityTransform): number {
  switch (t.kind) {
    case 'identity': return stored;
    case 'rescale': return stored * t.slope + t.intercept;
    case 'lut': return lutValue(stored, t.lut);
  }
}

/**
 * Stored → modality values into `out` (allocated when absent or too short). Float32 is enough for
 * the viewer's readouts and windows; exact 8-bit renders go through displayLut instead.
 */
export function toModalityValues(stored: PixelArray, t: ModalityTransform, out?: Float32Array): Float32Array {
  const n = stored.length;
  const dst = out && out.length >= n ? out : new Float32Array(n);
  if (t.kind === 'identity') {
    for (let i = 0; i < n; i++) dst[i] = stored[i] as number;
  } else if (t.kind === 'rescale') {
    const { slope, intercept } = t;
    for (let i = 0; i < n; i++) dst[i] = (stored[i] as number) * slope + intercept;
  } else {
    for (let i = 0; i < n; i++) dst[i] = lutValue(stored[i] as number, t.lut);
  }
  return dst;
}
