import { DicomError } from '../../../errors';
import { buildHuffmanTable, type HuffmanTable } from './huffman';

/** T.81 Annex A zig-zag: natural index of the k-th coefficient in the entropy-coded order. */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
]);

export interface JpegComponent {
  id: number;
  h: number;
  v: number;
  tq: number;
}

export interface JpegFrameHeader {
  /** SOF marker: 0xC0 baseline, 0xC1 extended sequential (Huffman). */
  sof: number;
  precision: number;
  height: number;
  width: number;
  components: JpegComponent[];
}

export interface JpegScan {
  components: { index: number; td: number; ta: number }[];
  /** Offset of the entropy-coded data. */
  start: number;
  /** Tables and restart interval in force when the scan starts. */
  dc: (HuffmanTable | undefined)[];
  ac: (HuffmanTable | undefined)[];
  quant: (Uint16Array | undefined)[];
  restartInterval: number;
}

export interface ParsedJpeg {
  frame: JpegFrameHeader;
  scans: JpegScan[];
  sawJfif: boolean;
  /** Adobe APP14 transform flag, or -1 when there is no Adobe marker. */
  adobeTransform: number;
}

const fail = (what: string): never => {
  throw new DicomError('dicom-codec-failed', `The JPEG codestream is invalid: ${what}.`);
};

/** Reads markers (T.81 Annex B) and finds each scan's entropy-coded data; tables are copied per scan. */
export function parseJpeg(data: Uint8Array): ParsedJpeg {
  if (data[0] !== 0xff || data[1] !== 0xd8) fail('it does not start with SOI (FFD8)');
  const dc: (HuffmanTable | undefined)[] = [];
  const ac: (HuffmanTable | undefined)[] = [];
  const quant: (Uint16Array | undefined)[] = [];
  let restartInterval = 0;
  let frame: JpegFrameHeader | null = null;
  const scans: JpegScan[] = [];
  let sawJfif = false;
  let adobeTransform = -1;
  let pos = 2;
  const u16 = (p: number): number => (((data[p] as number) << 8) | (data[p + 1] as number)) >>> 0;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) {
      // Entropy-coded data (or fill) up to the next marker: a native search, not a loop of ours.
      const ff = data.indexOf(0xff, pos);
      if (ff < 0) break;
      pos = ff;
      continue;
    }
    const marker = data[pos + 1] as number;
    if (marker === 0xff || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) { pos++; continue; }
    if (marker === 0xd9) break; // EOI
    const len = u16(pos + 2);
    const seg = pos + 4;
    const end = pos + 2 + len;
    if (len < 2 || end > data.length) fail(`marker FF${marker.toString(16).toUpperCase()} runs past the end of the data`);
    switch (marker) {
      case 0xc0: case 0xc1: {
        const n = data[seg + 5] as number;
        const components: JpegComponent[] = [];
        for (let i = 0; i < n; i++) {
          const o = seg + 6 + i * 3;
          const hv = data[o + 1] as number;
          components.push({ id: data[o] as number, h: hv >> 4, v: hv & 15, tq: data[o + 2] as number });
        }
        frame = { sof: marker, precision: data[seg] as number, height: u16(seg + 1), width: u16(seg + 3), components };
        if (components.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4)) fail('a sampling factor is outside 1..4');
        break;
      }
      case 0xc2: case 0xc3: case 0xc5: case 0xc6: case 0xc7: case 0xc9: case 0xca: case 0xcb: case 0xcd: case 0xce: case 0xcf:
        fail(`SOF marker FF${marker.toString(16).toUpperCase()} (progressive, lossless, hierarchical or arithmetic) is not a sequential DCT Huffman process`);
        break;
      case 0xc4: {
        let p = seg;
        while (p < end) {
          const tc = (data[p] as number) >> 4, th = (data[p] as number) & 15;
          const counts = data.subarray(p + 1, p + 17);
          const total = counts.reduce((a, b) => a + b, 0);
          if (p + 17 + total > end) fail('a DHT segment is shorter than its code counts');
          const table = buildHuffmanTable(counts, data.slice(p + 17, p + 17 + total));
          (tc === 0 ? dc : ac)[th] = table;
          p += 17 + total;
        }
        break;
      }
      case 0xdb: {
        let p = seg;
        while (p < end) {
          const pq = (data[p] as number) >> 4, tq = (data[p] as number) & 15;
          const q = new Uint16Array(64);
          for (let k = 0; k < 64; k++) q[ZIGZAG[k] as number] = pq ? u16(p + 1 + 2 * k) : (data[p + 1 + k] as number);
          quant[tq] = q;
          p += 1 + (pq ? 128 : 64);
        }
        break;
      }
      case 0xdd:
        restartInterval = u16(seg);
        break;
      case 0xe0:
        if (data[seg] === 0x4a && data[seg + 1] === 0x46 && data[seg + 2] === 0x49 && data[seg + 3] === 0x46 && data[seg + 4] === 0) sawJfif = true;
        break;
      case 0xee:
        if (len >= 14 && String.fromCharCode(...data.subarray(seg, seg + 5)) === 'Adobe') adobeTransform = data[seg + 11] as number;
        break;
      case 0xda: {
        if (!frame) fail('a scan (SOS) comes before the frame header (SOF)');
        const f = frame as JpegFrameHeader;
        const n = data[seg] as number;
        const components: JpegScan['components'] = [];
        for (let i = 0; i < n; i++) {
          const id = data[seg + 1 + i * 2] as number;
          const t = data[seg + 2 + i * 2] as number;
          const index = f.components.findIndex((c) => c.id === id);
          if (index < 0) fail(`a scan names component ${id}, which the frame does not have`);
          components.push({ index, td: t >> 4, ta: t & 15 });
        }
        scans.push({ components, start: end, dc: dc.slice(), ac: ac.slice(), quant: quant.slice(), restartInterval });
        pos = end;
        continue;
      }
      default:
        break;
    }
    pos = end;
  }
  if (!frame) fail('there is no SOF0/SOF1 frame header');
  if (scans.length === 0) fail('there is no scan (SOS)');
  return { frame: frame as JpegFrameHeader, scans, sawJfif, adobeTransform };
}
