import type { PixelArray } from '../../imaging/pixelArray';

/**
 * Sign-extends values held as `bitsStored`-bit two's complement patterns (as lossless JPEG,
 * JPEG-LS and RLE return them) in place. Only for codecs: native data is hashed as stored.
 */
export function signExtend(a: PixelArray, bitsStored: number): void {
  if (a instanceof Float32Array || a instanceof Float64Array) return;
  const shift = 32 - bitsStored;
  if (shift <= 0) return;
  for (let i = 0; i < a.length; i++) a[i] = ((a[i] as number) << shift) >> shift;
}
