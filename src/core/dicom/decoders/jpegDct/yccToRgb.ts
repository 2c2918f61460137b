/**
 * JFIF YCbCr → RGB exactly as libjpeg's ycc_rgb_convert (jdcolor.c): 16-bit fixed point tables,
 * results clamped to the sample range. In place on interleaved samples.
 */
export function yccToRgb(samples: Uint16Array, precision: number): void {
  const max = (1 << precision) - 1;
  const center = 1 << (precision - 1);
  const SCALEBITS = 16;
  const ONE_HALF = 1 << (SCALEBITS - 1);
  const fix = (x: number): number => Math.floor(x * (1 << SCALEBITS) + 0.5);
  const clamp = (v: number): number => (v < 0 ? 0 : v > max ? max : v);
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i] as number;
    const cb = (samples[i + 1] as number) - center;
    const cr = (samples[i + 2] as number) - center;
    const crR = Math.floor((fix(1.402) * cr + ONE_HALF) / 65536);
    const cbB = Math.floor((fix(1.772) * cb + ONE_HALF) / 65536);
    const g = Math.floor((-fix(0.34414) * cb + ONE_HALF + -fix(0.71414) * cr) / 65536);
    samples[i] = clamp(y + crR);
    samples[i + 1] = clamp(y + g);
    samples[i + 2] = clamp(y + cbB);
  }
}
