import { DicomError } from '../../../errors';

/** A Huffman table in the canonical form of ITU T.81 Annex C / F.2.2.3. */
export interface HuffmanTable {
  /** Largest code of each length 1..16 (-1 when none). */
  maxCode: Int32Array;
  /** Index into `values` of the first code of each length, minus that code. */
  valOffset: Int32Array;
  values: Uint8Array;
  /** 9-bit lookahead: (length << 8) | value, or 0 when the code is longer. */
  fast: Uint16Array;
}

const LOOKAHEAD = 9;

export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  const fast = new Uint16Array(1 << LOOKAHEAD);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1] as number;
    if (n > 0) {
      valOffset[len] = k - code;
      for (let i = 0; i < n; i++, k++, code++) {
        if (len <= LOOKAHEAD) {
          const shift = LOOKAHEAD - len;
          for (let j = 0; j < 1 << shift; j++) fast[(code << shift) | j] = (len << 8) | (values[k] as number);
        }
      }
      maxCode[len] = code - 1;
    }
    if (code > 1 << len) throw new DicomError('dicom-codec-failed', 'A JPEG Huffman table (DHT) has more codes than its lengths allow.');
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, valOffset, values, fast };
}

/**
 * Reads the entropy-coded segment MSB first, removing stuffed zero bytes (T.81 F.1.2.3). At a
 * marker it feeds zero bits, as libjpeg does, and remembers that it got there.
 */
export class BitReader {
  pos: number;
  private acc = 0;
  private bits = 0;
  hitMarker = false;

  constructor(private readonly data: Uint8Array, start: number) {
    this.pos = start;
  }

  private fill(): void {
    while (this.bits <= 24) {
      let byte = 0;
      if (!this.hitMarker && this.pos < this.data.length) {
        byte = this.data[this.pos] as number;
        if (byte === 0xff) {
          const next = this.data[this.pos + 1];
          if (next === 0) this.pos += 2;
          else {
            this.hitMarker = true;
            byte = 0;
          }
        } else this.pos++;
      } else this.hitMarker = true;
      this.acc = ((this.acc << 8) | byte) >>> 0;
      this.bits += 8;
    }
  }

  peek(n: number): number {
    if (this.bits < n) this.fill();
    return (this.acc >>> (this.bits - n)) & ((1 << n) - 1);
  }

  /** Bits above `bits` in `acc` are stale; peek shifts and masks them away, so nothing is cleared here. */
  skip(n: number): void {
    this.bits -= n;
  }

  read(n: number): number {
    if (n === 0) return 0;
    const v = this.peek(n);
    this.skip(n);
    return v;
  }

  decode(t: HuffmanTable): number {
    const look = this.peek(LOOKAHEAD);
    const f = t.fast[look] as number;
    if (f !== 0) {
      this.skip(f >> 8);
      return f & 0xff;
    }
    let code = this.read(LOOKAHEAD);
    let len = LOOKAHEAD;
    while (len < 17 && code > (t.maxCode[len] as number)) {
      code = (code << 1) | this.read(1);
      len++;
    }
    if (len > 16) throw new DicomError('dicom-codec-failed', 'The JPEG entropy-coded data has an invalid Huffman code; the frame is corrupt.');
    return t.values[(t.valOffset[len] as number) + code] as number;
  }

  /** T.81 F.2.2.1 EXTEND: a `size`-bit magnitude category to a signed value. */
  receiveExtend(size: number): number {
    if (size === 0) return 0;
    const v = this.read(size);
    return v < 1 << (size - 1) ? v - (1 << size) + 1 : v;
  }

  /** Drops the bits left in the buffer and skips an RSTn marker (T.81 F.2.2.5 / F.1.2.3). */
  restart(): void {
    this.acc = 0;
    this.bits = 0;
    this.hitMarker = false;
    while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && ((this.data[this.pos + 1] as number) & 0xf8) === 0xd0)) this.pos++;
    this.pos += 2;
  }
}
