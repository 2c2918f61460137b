import type { PixelArray } from '../../imaging/pixelArray';
import { allocPixels } from '../../imaging/pixelArray';
import { dtypeOf } from '../../imaging/pixelArray';

/**
 * Planar Configuration 1 (PS3.3 C.7.6.3.1.3): all R, then all G, then all B. Returns the samples
 * interleaved per pixel (R,G,B,R,G,B…) in a new array of the same type.
 */
export function planarToInterleaved(planes: PixelArray, pixelCount: number, samples: number): PixelArray {
  const out = allocPixels(dtypeOf(planes), pixelCount * samples);
  if (samples === 3) {
    // One pass writing whole pixels: about twice the plane-by-plane loop for RGB.
    const g = pixelCount, b = 2 * pixelCount;
    for (let p = 0, o = 0; p < pixelCount; p++, o += 3) {
      out[o] = planes[p] as number;
      out[o + 1] = planes[g + p] as number;
      out[o + 2] = planes[b + p] as number;
    }
    return out;
  }
  for (let s = 0; s < samples; s++) {
    const base = s * pixelCount;
    for (let p = 0, o = s; p < pixelCount; p++, o += samples) out[o] = planes[base + p] as number;
  }
  return out;
}
