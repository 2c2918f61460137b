import { DicomError } from '../../../errors';
import { BLOCK_NEEDS_EXACT, coefficientTable, decodeBlock, type BlockCoder } from './decodeBlock';
import { EntropyStream, unstuffScan } from './entropyStream';
import { symbolDecoderFor } from './huffman';
import { idctDcOnly, idctExact, idctInt32, int32Bound, pass1BitsFor, rangeLimitTable } from './idctIslow';
import { parseJpeg, type JpegComponent, type JpegScan, type ParsedJpeg } from './parseJpeg';
import { upsample } from './upsample';
import { decodeScanWithKernel, scanKernel } from './wasmScan';
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
  /** Samples, made by the first scan of the component (null before). */
  data: Uint16Array | null;
}

const planeData = (p: Plane): Uint16Array => (p.data ??= new Uint16Array(p.blocksW * p.blocksH * 64));

/** A component of a scan: where its blocks go and how they are coded. */
interface ScanComponent extends BlockCoder {
  plane: Plane;
  /** Blocks per MCU across and down (1 × 1 in a non-interleaved scan). */
  bh: number;
  bv: number;
}

/** Scratch shared by every block of a frame: the coefficient block (kept all zero between blocks) and the IDCT work array. */
interface BlockScratch {
  coef: Int32Array;
  ws: Int32Array;
  pass1Bits: number;
  range: Uint16Array;
}

export interface DctOptions {
  /** Decode 12-bit single-component scans with the WebAssembly kernel where it runs (default true); the JS path otherwise. */
  kernel?: boolean;
}

/**
 * A sequential DCT JPEG decoder (T.81 processes 1, 2 and 4: Huffman, 8 or 12 bits) that matches
 * libjpeg 6b as used by DCMTK and GDCM: islow IDCT, fancy upsampling. `convertYcc`: apply the
 * JFIF YCbCr→RGB conversion where libjpeg would; DICOM YBR photometrics keep the components as coded.
 */
export function decodeJpegDct(
  data: Uint8Array, convertYcc: boolean, expected?: { width: number; height: number }, options: DctOptions = {},
): DctImage {
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
    return { blocksW, blocksH, stride: blocksW * 8, data: null };
  });
  const scratch: BlockScratch = { coef: new Int32Array(64), ws: new Int32Array(64), pass1Bits: pass1BitsFor(precision), range: rangeLimitTable(precision) };

  for (const scan of jpeg.scans) {
    const comps = scanComponents(scan, frame.components, planes, scratch.pass1Bits);
    const single = comps.length === 1;
    const first = comps[0] as ScanComponent;
    const firstFrame = frame.components[scan.components[0]?.index ?? 0] as JpegComponent;
    // A non-interleaved scan codes the component's own blocks in raster order (T.81 A.2.2).
    const unitsX = single ? Math.ceil(Math.ceil((width * firstFrame.h) / hMax) / 8) : mcusX;
    const unitsY = single ? Math.ceil(Math.ceil((height * firstFrame.v) / vMax) / 8) : mcusY;
    if (!single) decodeInterleavedScan(data, scan, comps, unitsX, unitsY, scratch);
    else if (precision !== 12 || options.kernel === false || !decodeScanInKernel(data, scan, first, unitsX, unitsY)) {
      decodeSingleComponentScan(data, scan, first, unitsX, unitsY, scratch);
    }
  }

  const n = frame.components.length;
  const only = planes[0] as Plane;
  if (n === 1 && only.stride === width) {
    // Grey, no padding columns: the plane's first rows are the image (the plane is ours, so no copy).
    return { width, height, components: 1, precision, samples: planeData(only).subarray(0, width * height) };
  }
  const full = frame.components.map((c, i) => {
    const p = planes[i] as Plane;
    const w = Math.ceil((width * c.h) / hMax), h = Math.ceil((height * c.v) / vMax);
    if (c.h === hMax && c.v === vMax) return upsample(planeData(p), p.stride, w, h, 1, 1, width, height);
    return upsample(planeData(p), p.stride, w, h, hMax / c.h, vMax / c.v, width, height);
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

/** The scan's components with their tables (DC lookups refuse symbols above 15, as libjpeg does). */
function scanComponents(scan: JpegScan, frameComponents: JpegComponent[], planes: Plane[], pass1Bits: number): ScanComponent[] {
  const bound = int32Bound(pass1Bits);
  const single = scan.components.length === 1;
  return scan.components.map(({ index, td, ta }) => {
    const c = frameComponents[index];
    const dcTable = scan.dc[td], acTable = scan.ac[ta], quant = scan.quant[c?.tq ?? 0];
    if (!c || !dcTable || !acTable || !quant) throw new DicomError('dicom-codec-failed', 'A JPEG scan refers to a Huffman or quantisation table that was never defined.');
    return {
      plane: planes[index] as Plane, bh: single ? 1 : c.h, bv: single ? 1 : c.v,
      dc: symbolDecoderFor(dcTable, false), ac: symbolDecoderFor(acTable, true), coefficients: coefficientTable(quant), pred: 0,
      dcWeight: bound.dcWeight, acWeight: bound.acWeight, limit: bound.limit,
    };
  });
}

/**
 * A 12-bit scan of one component with the WebAssembly kernel (see wasmScan.ts); false, having done nothing, where
 * there is no kernel or not enough memory for it, or the component already has samples (a repeated component).
 */
function decodeScanInKernel(data: Uint8Array, scan: JpegScan, comp: ScanComponent, unitsX: number, unitsY: number): boolean {
  const plane = comp.plane;
  const k = plane.data === null ? scanKernel() : null;
  if (!k) return false;
  const samples = decodeScanWithKernel(k, {
    stream: unstuffScan(data, scan.start), dc: comp.dc, ac: comp.ac, coefficients: comp.coefficients,
    unitsX, unitsY, blocksW: plane.blocksW, blocksH: plane.blocksH, restartInterval: scan.restartInterval,
  });
  if (!samples) return false;
  plane.data = samples;
  return true;
}

/** A scan of one component: its blocks in raster order, `unitsX × unitsY` of them. */
function decodeSingleComponentScan(data: Uint8Array, scan: JpegScan, comp: ScanComponent, unitsX: number, unitsY: number, scratch: BlockScratch): void {
  const reader = EntropyStream.fromScan(data, scan.start);
  const plane = comp.plane;
  const out = planeData(plane);
  const rows = Math.min(unitsY, plane.blocksH), cols = Math.min(unitsX, plane.blocksW);
  const interval = scan.restartInterval;
  let untilRestart = interval;
  for (let by = 0; by < unitsY; by++) {
    for (let bx = 0; bx < unitsX; bx++) {
      if (interval > 0) {
        if (untilRestart === 0) {
          reader.restart();
          comp.pred = 0;
          untilRestart = interval;
        }
        untilRestart--;
      }
      const summary = decodeBlock(reader, comp, scratch.coef);
      if (by < rows && bx < cols) writeBlock(summary, out, by * 8 * plane.stride + bx * 8, plane.stride, scratch);
      else scratch.coef.fill(0);
    }
  }
}

/** An interleaved scan: MCUs in raster order, each with h × v blocks of each component (T.81 A.2.3). */
function decodeInterleavedScan(data: Uint8Array, scan: JpegScan, comps: ScanComponent[], mcusX: number, mcusY: number, scratch: BlockScratch): void {
  const reader = EntropyStream.fromScan(data, scan.start);
  const interval = scan.restartInterval;
  let untilRestart = interval;
  for (let my = 0; my < mcusY; my++) {
    for (let mx = 0; mx < mcusX; mx++) {
      if (interval > 0) {
        if (untilRestart === 0) {
          reader.restart();
          for (const x of comps) x.pred = 0;
          untilRestart = interval;
        }
        untilRestart--;
      }
      for (const x of comps) {
        const plane = x.plane;
        for (let by = 0; by < x.bv; by++) {
          for (let bx = 0; bx < x.bh; bx++) {
            const summary = decodeBlock(reader, x, scratch.coef);
            const bx0 = mx * x.bh + bx, by0 = my * x.bv + by;
            if (bx0 < plane.blocksW && by0 < plane.blocksH) writeBlock(summary, planeData(plane), by0 * 8 * plane.stride + bx0 * 8, plane.stride, scratch);
            else scratch.coef.fill(0);
          }
        }
      }
    }
  }
}

/** Inverse-transforms the decoded block into the plane with the cheapest exact IDCT for it. */
function writeBlock(summary: number, out: Uint16Array, offset: number, stride: number, scratch: BlockScratch): void {
  const { coef, ws, pass1Bits, range } = scratch;
  if ((summary & BLOCK_NEEDS_EXACT) !== 0) idctExact(coef, out, offset, stride, pass1Bits, range, ws);
  else if (summary === 0) idctDcOnly(coef, out, offset, stride, range);
  else idctInt32(coef, summary & 0xff, (summary >> 8) & 0xff, out, offset, stride, pass1Bits, range, ws);
}
