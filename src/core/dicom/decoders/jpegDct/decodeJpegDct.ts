import { DicomError } from '../../../errors';
import { BitReader } from './huffman';
import { idctIslow, rangeLimitTable } from './idctIslow';
import { parseJpeg, ZIGZAG, type ParsedJpeg } from './parseJpeg';
import { upsample } from './upsample';
import { yccToRgb } from './yccToRgb';

export interface DctImage {
  width: number;
  height: number;
  components: number;
  precision: number;
  /** Interleaved samples, width × height × components. */
  samples: Uint16Array;
}

interface Plane {
  blocksW: number;
  blocksH: number;
  stride: number;
  data: Uint16Array;
  pred: number;
}

/**
 * A sequential DCT JPEG decoder (T.81 processes 1, 2 and 4: Huffman, 8 or 12 bits) that matches
 * libjpeg 6b as used by DCMTK and GDCM: islow IDCT, fancy upsampling. `convertYcc`: apply the
 * JFIF YCbCr→RGB conversion where libjpeg would; DICOM YBR photometrics keep the components as coded.
 */
export function decodeJpegDct(data: Uint8Array, convertYcc: boolean, expected?: { width: number; height: number }): DctImage {
  const jpeg: ParsedJpeg = parseJpeg(data);
  const { frame } = jpeg;
  const { precision, width, height } = frame;
  if (expected && (expected.width !== width || expected.height !== height)) {
    // Checked before allocating: a corrupt SOF could ask for gigabytes.
    throw new DicomError('dicom-codec-failed', `The JPEG frame is ${width} × ${height} but the header says ${expected.width} × ${expected.height}.`);
  }
  if (precision !== 8 && precision !== 12) throw new DicomError('dicom-codec-failed', `The JPEG frame has ${precision}-bit precision; DCT JPEG uses 8 or 12.`);
  if (width === 0 || height === 0) throw new DicomError('dicom-codec-failed', 'The JPEG frame has a zero width or height (DNL markers are not supported).');
  const hMax = Math.max(...frame.components.map((c) => c.h));
  const vMax = Math.max(...frame.components.map((c) => c.v));
  const mcusX = Math.ceil(width / (8 * hMax));
  const mcusY = Math.ceil(height / (8 * vMax));
  const planes: Plane[] = frame.components.map((c) => {
    const blocksW = mcusX * c.h, blocksH = mcusY * c.v;
    return { blocksW, blocksH, stride: blocksW * 8, data: new Uint16Array(blocksW * blocksH * 64), pred: 0 };
  });
  const range = rangeLimitTable(precision);
  const zigzag = ZIGZAG; // a local: an imported binding may be a getter in CommonJS output, and this is per coefficient
  const coef = new Int32Array(64);
  const ws = new Float64Array(64);

  for (const scan of jpeg.scans) {
    const reader = new BitReader(data, scan.start);
    const comps = scan.components.map(({ index, td, ta }) => {
      const c = frame.components[index];
      const dc = scan.dc[td], ac = scan.ac[ta], q = scan.quant[c?.tq ?? 0];
      if (!c || !dc || !ac || !q) throw new DicomError('dicom-codec-failed', 'A JPEG scan refers to a Huffman or quantisation table that was never defined.');
      return { c, plane: planes[index] as Plane, dc, ac, q };
    });
    for (const x of comps) x.plane.pred = 0;
    const single = comps.length === 1;
    const first = comps[0];
    // A non-interleaved scan codes the component's own blocks in raster order (T.81 A.2.2).
    const unitsX = single && first ? Math.ceil(Math.ceil((width * first.c.h) / hMax) / 8) : mcusX;
    const unitsY = single && first ? Math.ceil(Math.ceil((height * first.c.v) / vMax) / 8) : mcusY;
    const total = unitsX * unitsY;
    let untilRestart = scan.restartInterval;
    for (let m = 0; m < total; m++) {
      if (scan.restartInterval > 0) {
        if (untilRestart === 0) {
          reader.restart();
          for (const x of comps) x.plane.pred = 0;
          untilRestart = scan.restartInterval;
        }
        untilRestart--;
      }
      const mx = m % unitsX, my = (m - mx) / unitsX;
      for (const x of comps) {
        const bh = single ? 1 : x.c.h, bv = single ? 1 : x.c.v;
        for (let by = 0; by < bv; by++) {
          for (let bx = 0; bx < bh; bx++) {
            coef.fill(0);
            const t = reader.decode(x.dc);
            x.plane.pred += reader.receiveExtend(t);
            coef[0] = x.plane.pred;
            for (let k = 1; k < 64; ) {
              const rs = reader.decode(x.ac);
              const r = rs >> 4, s = rs & 15;
              if (s === 0) {
                if (r !== 15) break;
                k += 16;
                continue;
              }
              k += r;
              if (k > 63) throw new DicomError('dicom-codec-failed', 'The JPEG entropy-coded data runs past the 64 coefficients of a block; the frame is corrupt.');
              coef[zigzag[k] as number] = reader.receiveExtend(s);
              k++;
            }
            const bx0 = mx * bh + bx, by0 = my * bv + by;
            if (bx0 < x.plane.blocksW && by0 < x.plane.blocksH) {
              idctIslow(coef, x.q, x.plane.data, by0 * 8 * x.plane.stride + bx0 * 8, x.plane.stride, precision, range, ws);
            }
          }
        }
      }
    }
  }

  const n = frame.components.length;
  const only = planes[0] as Plane;
  if (n === 1 && only.stride === width) {
    // Grey, no padding columns: the plane's first rows are the image (the plane is ours, so no copy).
    return { width, height, components: 1, precision, samples: only.data.subarray(0, width * height) };
  }
  const full = frame.components.map((c, i) => {
    const p = planes[i] as Plane;
    const w = Math.ceil((width * c.h) / hMax), h = Math.ceil((height * c.v) / vMax);
    if (c.h === hMax && c.v === vMax) return upsample(p.data, p.stride, w, h, 1, 1, width, height);
    return upsample(p.data, p.stride, w, h, hMax / c.h, vMax / c.v, width, height);
  });
  const samples = new Uint16Array(width * height * n);
  for (let i = 0; i < n; i++) {
    const src = full[i] as Uint16Array;
    for (let p = 0, o = i; p < src.length; p++, o += n) samples[o] = src[p] as number;
  }
  // libjpeg's default colour space guess (jdapimin.c default_decompress_parms).
  const ids = frame.components.map((c) => c.id).join(',');
  const isYcc = n === 3 && (jpeg.sawJfif || (jpeg.adobeTransform < 0 ? ids !== '82,71,66' : jpeg.adobeTransform !== 0));
  if (convertYcc && isYcc) yccToRgb(samples, precision);
  return { width, height, components: n, precision, samples };
}
