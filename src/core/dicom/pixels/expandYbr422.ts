/**
 * Native YBR_FULL_422 (PS3.3 C.7.6.3.1.2): each pair of pixels on a row is stored as Y1 Y2 Cb Cr.
 * Expands to Y1 Cb Cr Y2 Cb Cr (the chroma pair repeated), as the hashing convention does.
 * An odd last column stores Y Y(pad) Cb Cr; only the first Y is kept.
 */
export function expandYbr422(src: Uint8Array, rows: number, columns: number): Uint8Array {
  const out = new Uint8Array(rows * columns * 3);
  const pairs = Math.ceil(columns / 2);
  let s = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < pairs; p++, s += 4) {
      const y1 = src[s] as number, y2 = src[s + 1] as number, cb = src[s + 2] as number, cr = src[s + 3] as number;
      out[o++] = y1;
      out[o++] = cb;
      out[o++] = cr;
      if (2 * p + 1 < columns) {
        out[o++] = y2;
        out[o++] = cb;
        out[o++] = cr;
      }
    }
  }
  return out;
}
