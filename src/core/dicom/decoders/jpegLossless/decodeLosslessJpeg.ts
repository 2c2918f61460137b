import { DicomError } from '../../../errors';
import { unstuffScan, type UnstuffedScan } from '../jpegDct/entropyStream';
import { buildLosslessTable, extend, LOOKAHEAD, type LosslessTable } from './huffmanTable';
import { decodeGreyWithKernel, losslessKernel } from './wasmLossless';

/** decodeLosslessJpeg's options, for tests. */
export interface LosslessOptions {
  /** Decode grey scans with the WebAssembly kernel where it runs (default true); the JS loop otherwise. */
  kernel?: boolean;
}

const invalidCodeError = (): DicomError =>
  new DicomError('dicom-codec-failed', 'The lossless JPEG data has an invalid Huffman code; the frame is corrupt.');

/**
 * A fast decoder for the lossless JPEG that DICOM writers produce (T.81 Annex H, process 14): one SOF3 frame,
 * one scan with every component interleaved at sampling 1×1, restart intervals (if any) of whole rows, no point
 * transform unless `options.pointTransform`. It follows the IJG lossless code of DCMTK and GDCM (jdpred.c,
 * jdscale.c): the first row and the first row after a restart predict from the left, starting at 2^(P-Pt-1); the
 * first column predicts from above; reconstruction is modulo 2^16, then shifted left by Pt. Anything else returns
 * null, and the caller uses the general decoder. Samples come back interleaved per pixel as unsigned P-bit patterns.
 *
 * The entropy-coded data is read unstuffed (entropyStream.ts): bits past the end of a restart interval (a marker
 * there, or the end of the data) read as zeros, as libjpeg feeds them, and each interval starts at the data after
 * the next RSTn. Grey scans go to a WebAssembly kernel (wasmLossless.ts) that reads the same way; this JS loop does
 * colour scans and everything where WebAssembly is refused.
 */
export function decodeLosslessJpeg(data: Uint8Array, options: LosslessOptions = {}): { width: number; height: number; components: number; samples: Uint16Array } | null {
  const parsed = parseLossless(data);
  if (!parsed) return null;
  const { width, height, ncomp, predictor, precision, pointTransform, restartInterval, tables, start } = parsed;
  const stream = unstuffScan(data, start);
  const restartRows = restartInterval > 0 ? restartInterval / width : 0;
  // The first sample of the scan and of each restart interval is predicted from 2^(P - Pt - 1) (T.81 H.1.2.1).
  const initial = 1 << (precision - pointTransform - 1);
  let out: Uint16Array | null = null;
  if (ncomp === 1 && options.kernel !== false) {
    const k = losslessKernel();
    out = k && decodeGreyWithKernel(k, { width, height, predictor, initial, restartRows, table: tables[0] as LosslessTable, stream }, invalidCodeError);
  }
  out ??= decodeInJs(parsed, stream, restartRows, initial);
  // Pt: the samples back to their place (libjpeg's jdscale.c; a JSAMPLE keeps the low 16 bits).
  if (pointTransform > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) << pointTransform;
  return { width, height, components: ncomp, samples: out };
}

/** The JS loop: colour scans, and grey ones where the kernel does not run. */
function decodeInJs(parsed: Parsed, stream: UnstuffedScan, restartRows: number, initial: number): Uint16Array {
  const { width, height, ncomp, predictor, tables } = parsed;
  const { bytes, segmentStarts, length } = stream;
  const out = new Uint16Array(width * height * ncomp);
  const rowLength = width * ncomp;
  // Like libjpeg: a row of differences first (the Huffman loop), then the row is undifferenced (jdpred.c).
  const diffs = new Int32Array(rowLength);
  let segment = 0;
  let pos = 0;
  let end = segmentStarts[1] ?? length;
  let acc = 0;
  let bits = 0;
  for (let y = 0; y < height; y++) {
    const restart = y === 0 || (restartRows > 0 && y % restartRows === 0);
    if (restart && y > 0) {
      // T.81 F.2.2.5 / H.2: drop the padding bits, go on after the next RSTn (to the end of the data when none).
      segment++;
      pos = segmentStarts[segment] ?? length;
      end = segmentStarts[segment + 1] ?? length;
      acc = 0;
      bits = 0;
    }
    let t = tables[0] as LosslessTable;
    let lookup = t.lookup;
    for (let k = 0, c = 0; k < rowLength; k++) {
      if (ncomp > 1) {
        t = tables[c] as LosslessTable;
        lookup = t.lookup;
        if (++c === ncomp) c = 0;
      }
      // Refill to at least 25 bits: a code (≤ 16) then, after a second refill when needed, its extra bits.
      if (bits < 16) {
        while (bits <= 24) {
          acc = (acc << 8) | (pos < end ? (bytes[pos] as number) : 0);
          pos++;
          bits += 8;
        }
      }
      // Literals for LOOKAHEAD (12) and ENTRY_SLOW (0x20) in this loop: see ../jpegDct/huffman.ts on bundled constants.
      const e = lookup[(acc >>> (bits - 12)) & 4095] as number;
      if ((e & 0x20) === 0) {
        // Code and magnitude bits both within the lookahead: the difference comes straight from the table.
        bits -= e & 31;
        diffs[k] = e >> 16;
        continue;
      }
      let s: number;
      if ((e & 31) !== 0) {
        bits -= e & 31;
        s = (e >> 8) & 15;
      } else {
        let l = LOOKAHEAD + 1;
        let code = (acc >>> (bits - l)) & ((1 << l) - 1);
        while (l <= 16 && code > (t.maxCode[l] as number)) {
          l++;
          code = (acc >>> (bits - l)) & ((1 << l) - 1);
        }
        if (l > 16) throw invalidCodeError();
        bits -= l;
        s = t.values[(t.valOffset[l] as number) + code] as number;
      }
      let diff = 0;
      if (s === 16) diff = 32768;
      else if (s !== 0) {
        if (bits < s) {
          while (bits <= 24) {
            acc = (acc << 8) | (pos < end ? (bytes[pos] as number) : 0);
            pos++;
            bits += 8;
          }
        }
        diff = extend((acc >>> (bits - s)) & ((1 << s) - 1), s);
        bits -= s;
      }
      diffs[k] = diff;
    }
    for (let c = 0; c < ncomp; c++) undifference(out, diffs, y * rowLength + c, c, width, ncomp, restart ? 0 : predictor, initial);
  }
  return out;
}

/**
 * Rebuilds component `c` of one row (jdpred.c): `at` is its first sample in `out`, `diffs[c + x × step]` its
 * differences. Predictor 0 marks the first row of the scan or of a restart interval: from the left, starting at
 * `initial`. Other rows start from the sample above. Values wrap modulo 2^16 (T.81 H.2.1).
 */
function undifference(out: Uint16Array, diffs: Int32Array, at: number, c: number, width: number, step: number, predictor: number, initial: number): void {
  const above = at - width * step;
  let ra = ((predictor === 0 ? initial : (out[above] as number)) + (diffs[c] as number)) & 0xffff;
  out[at] = ra;
  let i = at + step;
  let d = c + step;
  switch (predictor) {
    case 0:
    case 1:
      for (let x = 1; x < width; x++, i += step, d += step) out[i] = ra = (ra + (diffs[d] as number)) & 0xffff;
      return;
    case 2:
      for (let x = 1; x < width; x++, i += step, d += step) out[i] = ((out[i - width * step] as number) + (diffs[d] as number)) & 0xffff;
      return;
    default:
      break;
  }
  let rc = out[above] as number;
  for (let x = 1, j = above + step; x < width; x++, i += step, d += step, j += step) {
    const rb = out[j] as number;
    let p: number;
    switch (predictor) {
      case 3: p = rc; break;
      case 4: p = ra + rb - rc; break;
      case 5: p = ra + ((rb - rc) >> 1); break;
      case 6: p = rb + ((ra - rc) >> 1); break;
      default: p = (ra + rb) >> 1; break;
    }
    out[i] = ra = (p + (diffs[d] as number)) & 0xffff;
    rc = rb;
  }
}

interface Parsed {
  width: number;
  height: number;
  ncomp: number;
  precision: number;
  predictor: number;
  /** Pt (T.81 H.1.2.1, A.4): the samples were coded shifted right by this many bits. */
  pointTransform: number;
  restartInterval: number;
  tables: LosslessTable[];
  /** Offset of the entropy-coded data. */
  start: number;
}

/** Markers up to the first scan (T.81 Annex B); null for anything outside the fast path. */
function parseLossless(data: Uint8Array): Parsed | null {
  if (data[0] !== 0xff || data[1] !== 0xd8) return null;
  const tables: (LosslessTable | null)[] = [];
  let frame: { precision: number; height: number; width: number; ids: number[] } | null = null;
  let restartInterval = 0;
  let pos = 2;
  const u16 = (p: number): number => ((data[p] as number) << 8) | (data[p + 1] as number);
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return null;
    const marker = data[pos + 1] as number;
    if (marker === 0xff) { pos++; continue; }
    const len = u16(pos + 2);
    const seg = pos + 4;
    const end = pos + 2 + len;
    if (len < 2 || end > data.length) return null;
    if (marker === 0xc3) {
      const n = data[seg + 5] as number;
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const o = seg + 6 + 3 * i;
        if (data[o + 1] !== 0x11) return null; // sampling other than 1×1
        ids.push(data[o] as number);
      }
      frame = { precision: data[seg] as number, height: u16(seg + 1), width: u16(seg + 3), ids };
    } else if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xde) {
      return null; // another process, or hierarchical
    } else if (marker === 0xc4) {
      let p = seg;
      while (p + 17 <= end) {
        const th = (data[p] as number) & 15;
        const counts = data.subarray(p + 1, p + 17);
        let total = 0;
        for (let i = 0; i < 16; i++) total += counts[i] as number;
        if (p + 17 + total > end) return null;
        tables[th] = buildLosslessTable(counts, data.slice(p + 17, p + 17 + total));
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(seg);
    } else if (marker === 0xda) {
      if (!frame) return null;
      const ns = data[seg] as number;
      if (ns !== frame.ids.length || frame.width === 0 || frame.height === 0) return null;
      const scanTables: LosslessTable[] = [];
      for (let i = 0; i < ns; i++) {
        // Components in frame order with their DC table; another order is rare enough for the general path.
        if (data[seg + 1 + 2 * i] !== frame.ids[i]) return null;
        const table = tables[(data[seg + 2 + 2 * i] as number) >> 4];
        if (!table) return null;
        scanTables.push(table);
      }
      const predictor = data[seg + 1 + 2 * ns] as number;
      const pointTransform = (data[seg + 3 + 2 * ns] as number) & 15;
      const width = frame.width;
      if (predictor < 1 || predictor > 7) return null;
      if (frame.precision < 2 || frame.precision > 16 || pointTransform >= frame.precision) return null;
      if (restartInterval > 0 && restartInterval % width !== 0) return null;
      return {
        width, height: frame.height, ncomp: ns, precision: frame.precision, predictor, pointTransform, restartInterval,
        tables: scanTables, start: end,
      };
    }
    pos = end;
  }
  return null;
}
