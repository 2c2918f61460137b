import { applyByteLut, byteLutOverRange, integerRange, mapToBytes, MAX_LUT_SPAN } from '../imaging/displayLut';
import { modalityValue } from '../imaging/displayModality';
import type { PixelArray } from '../imaging/pixelArray';
import { fractionToByte, voiLutToByte, windowToByte } from '../imaging/voi';
import type { DisplayPipeline, VoiSelection } from './displayPipeline';

export interface GreyRenderOptions {
  /** Invert on top of MONOCHROME1's own inversion. */
  invert?: boolean;
  /** Written into when large enough: no allocation per render. */
  out?: Uint8Array;
}

/** Renders monochrome frames to 8-bit grey, reusing its LUT buffer between calls (one per viewport). */
export interface GreyRenderer {
  render(stored: PixelArray, voi: VoiSelection, options?: GreyRenderOptions): Uint8Array;
}

const isIntegerArray = (a: PixelArray): boolean => !(a instanceof Float32Array || a instanceof Float64Array);

/**
 * stored → modality (C.11.1) → VOI (C.11.2) → 8 bits → MONOCHROME1 inversion, per README "Display
 * reference". Integer frames go through a LUT over their stored range, built once per window.
 */
export function createGreyRenderer(p: DisplayPipeline): GreyRenderer {
  let lut: Uint8Array | undefined;
  const ranges = new WeakMap<PixelArray, { min: number; max: number } | null>();
  const modalityRanges = new WeakMap<PixelArray, { min: number; max: number }>();

  const storedRange = (a: PixelArray): { min: number; max: number } | null => {
    if (!ranges.has(a)) ranges.set(a, integerRange(a, isIntegerArray(a)));
    return ranges.get(a) ?? null;
  };

  const modalityRange = (a: PixelArray): { min: number; max: number } => {
    let r = modalityRanges.get(a);
    if (!r) {
      let min = Infinity, max = -Infinity;
      for (let i = 0; i < a.length; i++) {
        const m = modalityValue(a[i] as number, p.modality);
        if (m < min) min = m;
        if (m > max) max = m;
      }
      r = { min, max };
      modalityRanges.set(a, r);
    }
    return r;
  };

  const voiByte = (stored: PixelArray, voi: VoiSelection): ((m: number) => number) => {
    if (voi.kind === 'window') {
      const w = { center: voi.center, width: voi.width };
      const fn = voi.fn ?? 'LINEAR';
      return (m) => windowToByte(m, w, fn, p.windowOutputRange);
    }
    if (voi.kind === 'lut') {
      const table = p.voiLuts[voi.index] ?? p.voiLuts[0];
      if (table) return (m) => voiLutToByte(m, table);
    }
    const { min, max } = modalityRange(stored);
    const span = max - min;
    return (m) => (span > 0 ? fractionToByte((m - min) / span) : 0);
  };

  return {
    render(stored, voi, options = {}) {
      const toVoi = voiByte(stored, voi);
      const flip = p.invert !== (options.invert ?? false);
      const toByte = flip
        ? (s: number) => 255 - toVoi(modalityValue(s, p.modality))
        : (s: number) => toVoi(modalityValue(s, p.modality));
      const r = storedRange(stored);
      if (r && r.max - r.min < MAX_LUT_SPAN) {
        lut = byteLutOverRange(r.min, r.max, toByte, lut);
        return applyByteLut(stored, lut, r.min, options.out);
      }
      return mapToBytes(stored, toByte, options.out);
    },
  };
}
