import { DicomError } from '../../../errors';

/**
 * A fast decoder for the lossless JPEG that DICOM writers produce (T.81 Annex H, process 14): one SOF3 frame,
 * one scan with every component interleaved at sampling 1×1, no point transform, restart intervals (if any)
 * of whole rows. It follows the IJG lossless code of DCMTK and GDCM (jdpred.c): the first row and the first
 * row after a restart predict from the left, starting at 2^(P-1); the first column predicts from above;
 * reconstruction is modulo 2^16. Anything else returns null, and the caller uses the general decoder.
 * Samples come back interleaved per pixel as unsigned P-bit patterns.
 */
export function decodeLosslessJpeg(data: Uint8Array): { width: number; height: number; components: number; samples: Uint16Array } | null {
  const parsed = parseLossless(data);
  if (!parsed) return null;
  const { width, height, ncomp, predictor, precision, restartInterval, tables, start } = parsed;
  const out = new Uint16Array(width * height * ncomp);
  const restartRows = restartInterval > 0 ? restartInterval / width : 0;
  const rowLength = width * ncomp;
  // Like libjpeg: a row of differences first (the Huffman loop), then the row is undifferenced (jdpred.c).
  const diffs = new Int32Array(rowLength);
  const initial = 1 << (precision - 1);
  let pos = start;
  let acc = 0;
  let bits = 0;
  for (let y = 0; y < height; y++) {
    const restart = y === 0 || (restartRows > 0 && y % restartRows === 0);
    if (restart && y > 0) {
      // T.81 F.2.2.5 / H.2: drop the padding bits, skip the RSTn marker.
      acc = 0;
      bits = 0;
      while (pos + 1 < data.length && !(data[pos] === 0xff && ((data[pos + 1] as number) & 0xf8) === 0xd0)) pos++;
      pos += 2;
    }
    let t = tables[0] as Table;
    let fast = t.fast;
    for (let k = 0, c = 0; k < rowLength; k++) {
      if (ncomp > 1) {
        t = tables[c] as Table;
        fast = t.fast;
        if (++c === ncomp) c = 0;
      }
      // Refill to at least 25 bits: a code (≤ 16) then, after a second refill when needed, its extra bits.
      if (bits < 16) {
        while (bits <= 24) {
          let byte = 0;
          if (pos < data.length) {
            byte = data[pos] as number;
            if (byte === 0xff) {
              if (data[pos + 1] === 0) pos += 2;
              else byte = 0; // a marker: feed zero bits, as libjpeg does, and stay before it
            } else pos++;
          }
          acc = (acc << 8) | byte;
          bits += 8;
        }
      }
      const e = fast[(acc >>> (bits - LOOKAHEAD)) & (LOOKAHEAD_SIZE - 1)] as number;
      if (e & 1) {
        // Code and extra bits both within the lookahead: the difference comes straight from the table.
        bits -= (e >> 1) & 0x7f;
        diffs[k] = e >> 8;
        continue;
      }
      let s: number;
      if (e !== 0) {
        bits -= e >> 8;
        s = (e >> 1) & 0x7f;
      } else {
        let l = LOOKAHEAD + 1;
        let code = (acc >>> (bits - l)) & ((1 << l) - 1);
        while (l <= 16 && code > (t.maxCode[l] as number)) {
          l++;
          code = (acc >>> (bits - l)) & ((1 << l) - 1);
        }
        if (l > 16) throw new DicomError('dicom-codec-failed', 'The lossless JPEG data has an invalid Huffman code; the frame is corrupt.');
        bits -= l;
        s = t.values[(t.valOffset[l] as number) + code] as number;
      }
      let diff = 0;
      if (s === 16) diff = 32768;
      else if (s !== 0) {
        if (bits < s) {
          while (bits <= 24) {
            let byte = 0;
            if (pos < data.length) {
              byte = data[pos] as number;
              if (byte === 0xff) {
                if (data[pos + 1] === 0) pos += 2;
                else byte = 0;
              } else pos++;
            }
            acc = (acc << 8) | byte;
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
  return { width, height, components: ncomp, samples: out };
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

const LOOKAHEAD = 12;
const LOOKAHEAD_SIZE = 1 << LOOKAHEAD;

interface Table {
  /**
   * LOOKAHEAD-bit prefix → either (difference << 8) | (bits used << 1) | 1 when the code and its extra bits
   * both fit in the prefix, or (code length << 8) | (category << 1) when only the code does, or 0.
   */
  fast: Int32Array;
  /** Largest code of each length 1..16, -1 when none (T.81 F.2.2.3). */
  maxCode: Int32Array;
  valOffset: Int32Array;
  values: Uint8Array;
}

/** T.81 F.2.2.1 EXTEND: `v`, an `s`-bit magnitude category value, to a signed difference. */
const extend = (v: number, s: number): number => (v < 1 << (s - 1) ? v - (1 << s) + 1 : v);

function buildTable(counts: Uint8Array, values: Uint8Array): Table | null {
  const fast = new Int32Array(LOOKAHEAD_SIZE);
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1] as number;
    valOffset[len] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      const s = values[k] as number;
      if (s > 16) return null; // not a lossless difference category
      if (len > LOOKAHEAD) continue;
      const free = LOOKAHEAD - len;
      const base = code << free;
      if (s === 0 || s === 16) {
        // No extra bits (category 16 is 32768 by definition, T.81 H.1.2.2).
        fast.fill(((s === 16 ? 32768 : 0) << 8) | (len << 1) | 1, base, base + (1 << free));
      } else if (s <= free) {
        for (let j = 0; j < 1 << free; j++) fast[base + j] = (extend(j >> (free - s), s) << 8) | ((len + s) << 1) | 1;
      } else {
        fast.fill((len << 8) | (s << 1), base, base + (1 << free));
      }
    }
    if (n > 0) maxCode[len] = code - 1;
    if (code > 1 << len) return null; // over-subscribed: let the general decoder report it
    code <<= 1;
  }
  return { fast, maxCode, valOffset, values };
}

interface Parsed {
  width: number;
  height: number;
  ncomp: number;
  precision: number;
  predictor: number;
  restartInterval: number;
  tables: Table[];
  /** Offset of the entropy-coded data. */
  start: number;
}

/** Markers up to the first scan (T.81 Annex B); null for anything outside the fast path. */
function parseLossless(data: Uint8Array): Parsed | null {
  if (data[0] !== 0xff || data[1] !== 0xd8) return null;
  const tables: (Table | null)[] = [];
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
        tables[th] = buildTable(counts, data.slice(p + 17, p + 17 + total));
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(seg);
    } else if (marker === 0xda) {
      if (!frame) return null;
      const ns = data[seg] as number;
      if (ns !== frame.ids.length || frame.width === 0 || frame.height === 0) return null;
      const scanTables: Table[] = [];
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
      if (predictor < 1 || predictor > 7 || pointTransform !== 0) return null;
      if (frame.precision < 2 || frame.precision > 16) return null;
      if (restartInterval > 0 && restartInterval % width !== 0) return null;
      return {
        width, height: frame.height, ncomp: ns, precision: frame.precision, predictor, restartInterval,
        tables: scanTables, start: end,
      };
    }
    pos = end;
  }
  return null;
}
