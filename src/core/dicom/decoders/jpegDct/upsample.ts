/**
 * Chroma upsampling exactly as libjpeg 6b (jdsample.c) does by default: "fancy" triangle filters
 * for h2v1 and h2v2, plain replication otherwise. `plane` holds a component's samples with row
 * stride `stride`; its true size is `w × h` (downsampled_width/height). Output is `outW × outH`.
 */
export function upsample(
  plane: Uint16Array, stride: number, w: number, h: number, hExpand: number, vExpand: number, outW: number, outH: number,
): Uint16Array {
  const out = new Uint16Array(outW * outH);
  // A scratch row of full width, since output may be cropped to the image size.
  const row = new Uint16Array(w * hExpand + 2);
  const rowAt = (y: number): number => Math.min(Math.max(y, 0), h - 1) * stride;
  for (let oy = 0; oy < outH; oy++) {
    if (hExpand === 2 && vExpand === 1 && w >= 2) {
      const i = rowAt(oy);
      let o = 0;
      let v = plane[i] as number;
      row[o++] = v;
      row[o++] = (v * 3 + (plane[i + 1] as number) + 2) >> 2;
      for (let x = 1; x < w - 1; x++) {
        v = (plane[i + x] as number) * 3;
        row[o++] = (v + (plane[i + x - 1] as number) + 1) >> 2;
        row[o++] = (v + (plane[i + x + 1] as number) + 2) >> 2;
      }
      v = plane[i + w - 1] as number;
      row[o] = (v * 3 + (plane[i + w - 2] as number) + 1) >> 2;
      row[o + 1] = v;
    } else if (hExpand === 2 && vExpand === 2 && w >= 2) {
      // Output row oy comes from input row oy>>1 and its neighbour above (even oy) or below (odd oy);
      // the edges repeat the first/last row (libjpeg's context rows).
      const iy = oy >> 1;
      const near = rowAt(iy);
      const far = rowAt(oy & 1 ? iy + 1 : iy - 1);
      const col = (x: number): number => (plane[near + x] as number) * 3 + (plane[far + x] as number);
      let o = 0;
      let last = col(0);
      let cur = last;
      let next = col(1);
      row[o++] = (cur * 4 + 8) >> 4;
      row[o++] = (cur * 3 + next + 7) >> 4;
      last = cur;
      cur = next;
      for (let x = 2; x < w; x++) {
        next = col(x);
        row[o++] = (cur * 3 + last + 8) >> 4;
        row[o++] = (cur * 3 + next + 7) >> 4;
        last = cur;
        cur = next;
      }
      row[o] = (cur * 3 + last + 8) >> 4;
      row[o + 1] = (cur * 4 + 7) >> 4;
    } else {
      const i = rowAt(Math.floor(oy / vExpand));
      for (let x = 0; x < w * hExpand; x++) row[x] = plane[i + Math.floor(x / hExpand)] as number;
    }
    out.set(row.subarray(0, outW), oy * outW);
  }
  return out;
}
