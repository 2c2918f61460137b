/**
 * Colour conversions for display. YBR_FULL → RGB with the equations of PS3.3 C.7.6.3.1.2;
 * palette lookup per C.7.6.3.1.5/6 (descriptor [entries, first mapped, bits]).
 */

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Interleaved 8-bit Y,Cb,Cr (full range) → interleaved R,G,B, rounded to nearest. */
export function ybrFullToRgb(src: ArrayLike<number>, out?: Uint8Array): Uint8Array {
  const n = src.length - (src.length % 3);
  const dst = out && out.length >= n ? out : new Uint8Array(n);
  for (let i = 0; i < n; i += 3) {
    const y = src[i] as number;
    const cb = (src[i + 1] as number) - 128;
    const cr = (src[i + 2] as number) - 128;
    dst[i] = clampByte(Math.round(y + 1.402 * cr));
    dst[i + 1] = clampByte(Math.round(y - 0.344136 * cb - 0.714136 * cr));
    dst[i + 2] = clampByte(Math.round(y + 1.772 * cb));
  }
  return dst;
}

/** One channel of a Palette Color LUT: PS3.3 C.7.6.3.1.5. */
export interface PaletteChannel {
  firstMapped: number;
  /** Entry values, 8- or 16-bit as `bits` says. */
  data: Uint8Array | Uint16Array;
  bits: number;
}

export interface Palette {
  red: PaletteChannel;
  green: PaletteChannel;
  blue: PaletteChannel;
}

function lookup(c: PaletteChannel, index: number): number {
  let i = index - c.firstMapped;
  if (i < 0) i = 0;
  else if (i >= c.data.length) i = c.data.length - 1;
  return c.data[i] as number;
}

/** Indices → interleaved R,G,B at the palette's own depth (as pydicom apply_color_lut returns them). */
export function applyPalette(indices: ArrayLike<number>, p: Palette): Uint16Array {
  const out = new Uint16Array(indices.length * 3);
  for (let i = 0, o = 0; i < indices.length; i++, o += 3) {
    const v = indices[i] as number;
    out[o] = lookup(p.red, v);
    out[o + 1] = lookup(p.green, v);
    out[o + 2] = lookup(p.blue, v);
  }
  return out;
}

/** Indices → 8-bit interleaved R,G,B; 16-bit entries are scaled by 255/65535 (v / 257, rounded). */
export function applyPalette8(indices: ArrayLike<number>, p: Palette, out?: Uint8Array): Uint8Array {
  const n = indices.length * 3;
  const dst = out && out.length >= n ? out : new Uint8Array(n);
  const scale = (c: PaletteChannel, v: number): number => (c.bits > 8 ? Math.round(v / ((2 ** c.bits - 1) / 255)) : v);
  for (let i = 0, o = 0; i < indices.length; i++, o += 3) {
    const v = indices[i] as number;
    dst[o] = clampByte(scale(p.red, lookup(p.red, v)));
    dst[o + 1] = clampByte(scale(p.green, lookup(p.green, v)));
    dst[o + 2] = clampByte(scale(p.blue, lookup(p.blue, v)));
  }
  return dst;
}
