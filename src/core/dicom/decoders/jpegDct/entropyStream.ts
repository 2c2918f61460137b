import { DicomError } from '../../../errors';

/**
 * Zero bytes after the data: a block reads at most 64 symbols of 31 bits (248 bytes) plus a
 * 4-byte window (JS) or a 64-bit buffer ahead (WebAssembly), and the position is pulled back to
 * the end before each block.
 */
const TAIL_PADDING = 512;

/** Bit positions are int32: the unstuffed data of a scan must stay below 2^28 bytes. */
const MAX_BYTES = 2 ** 28 - TAIL_PADDING;

/** A scan's entropy-coded data without byte stuffing: `length` bytes, then zero padding; restart intervals at `segmentStarts`. */
export interface UnstuffedScan {
  bytes: Uint8Array;
  length: number;
  segmentStarts: number[];
}

/** Unstuffs the data from `start` up to the first marker that is not RSTn (or the end). */
export function unstuffScan(data: Uint8Array, start: number): UnstuffedScan {
  const available = Math.max(0, data.length - start);
  if (available > MAX_BYTES) throw new DicomError('dicom-codec-failed', 'The JPEG scan is too large for this decoder (over 256 MB of entropy-coded data).');
  const bytes = new Uint8Array(available + TAIL_PADDING);
  const segmentStarts = [0];
  let out = 0;
  let pos = start;
  for (;;) {
    const ff = data.indexOf(0xff, pos);
    const stop = ff < 0 ? data.length : ff;
    bytes.set(data.subarray(pos, stop), out);
    out += stop - pos;
    if (ff < 0 || ff + 1 >= data.length) break;
    const next = data[ff + 1] as number;
    if (next === 0) {
      bytes[out++] = 0xff;
      pos = ff + 2;
      continue;
    }
    // A marker, possibly after fill bytes (FF FF ...).
    let m = ff + 1;
    while (data[m] === 0xff) m++;
    const marker = data[m];
    if (marker === undefined || (marker & 0xf8) !== 0xd0) break;
    segmentStarts.push(out);
    pos = m + 1;
  }
  return { bytes, length: out, segmentStarts };
}

/**
 * A scan's entropy-coded data with the byte stuffing taken out (T.81 F.1.2.3: FF 00 → FF) and its
 * restart intervals (RSTn markers) as segments, read by bit position. Unstuffing once, up front,
 * lets the block decoder read a 32-bit window anywhere without checking each byte.
 *
 * At a marker libjpeg feeds zero bits. Here a block that starts past its segment starts at the
 * segment's end, where the bits read are those of the next segment, or zeros after the last: the
 * same for valid data (whose symbols end within their segment), still bounded for corrupt data.
 */
export class EntropyStream {
  /** Bit position of the next symbol; the block decoder reads and advances it. */
  bitPos = 0;
  /** Bit position of the end of the current segment. */
  segmentEndBits: number;
  private segment = 0;
  /** The unstuffed bytes, read as big-endian 32-bit words. */
  readonly view: DataView;

  private constructor(bytes: Uint8Array, private readonly segmentStarts: number[], private readonly length: number) {
    this.segmentEndBits = this.endOfSegment(0);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private endOfSegment(i: number): number {
    return (this.segmentStarts[i + 1] ?? this.length) * 8;
  }

  static fromScan(data: Uint8Array, start: number): EntropyStream {
    const { bytes, segmentStarts, length } = unstuffScan(data, start);
    return new EntropyStream(bytes, segmentStarts, length);
  }

  /** Moves to the next restart interval (T.81 F.2.2.5), or to the end of the data when there is none. */
  restart(): void {
    this.segment++;
    const start = this.segmentStarts[this.segment];
    this.bitPos = start === undefined ? this.length * 8 : start * 8;
    this.segmentEndBits = start === undefined ? this.length * 8 : this.endOfSegment(this.segment);
  }
}
