import type { PixelArray } from '../../imaging/pixelArray';
import { allocPixels } from './byteOrder';
import { dtypeOf } from '../../imaging/pixelArray';

/**
 * Planar Configuration 1 (PS3.3 C.7.6.3.1.3): all R, then all G, then all B. Returns the samples
 * interleaved per pixel (R,G,B,R,G,B…) in a new array of the same type.
 */
export function planarToInterleaved(planes: PixelArray, pixelCount: number, samples: number): PixelArray {
  const out = allocPixels(dtypeOf(planes), pixelCount * samples);
  for (let s = 0; s < samples; s++) {
    const base = s * pixelCount;
    for (let p = 0, o = s; p < pixelCount; p++, o += samples) out[o] = planes[base + p] as number;
  }
  return out;
}
