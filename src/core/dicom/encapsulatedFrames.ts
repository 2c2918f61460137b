import { DicomError } from '../errors';
import type { DicomFile } from './parseDicom';

/** One fragment (PS3.5 A.4): `offset` counts from the first fragment's item tag, as offset tables do. */
interface Fragment {
  offset: number;
  position: number;
  length: number;
}

/** Where each frame's bytes are: a list of fragments per frame. */
export interface FrameTable {
  fragments: Fragment[];
  basicOffsetTable: number[];
  frames: Fragment[][];
}

const ITEM = 0xe000;
const SEQUENCE_DELIMITER = 0xe0dd;
const tables = new WeakMap<DicomFile, FrameTable>();

/** Walks the items of encapsulated Pixel Data strictly: BOT item, fragment items, delimiter (PS3.5 A.4). */
function readFragments(bytes: Uint8Array, start: number): { bot: number[]; fragments: Fragment[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  const item = (): { element: number; length: number } => {
    if (pos + 8 > bytes.length) {
      throw new DicomError('dicom-truncated', 'The file ends inside the encapsulated Pixel Data (7FE0,0010) before its Sequence Delimitation Item.');
    }
    const group = view.getUint16(pos, true);
    const element = view.getUint16(pos + 2, true);
    const length = view.getUint32(pos + 4, true);
    if (group !== 0xfffe || (element !== ITEM && element !== SEQUENCE_DELIMITER)) {
      throw new DicomError('dicom-invalid-encapsulation', `Encapsulated Pixel Data (7FE0,0010) has an unexpected tag (${group.toString(16).toUpperCase()},${element.toString(16).toUpperCase()}) at byte ${pos} where an item was expected.`);
    }
    pos += 8;
    if (element === ITEM && pos + length > bytes.length) {
      throw new DicomError('dicom-truncated', `The file is truncated inside a Pixel Data fragment: it declares ${length} bytes but ${bytes.length - pos} remain.`);
    }
    return { element, length };
  };
  const first = item();
  if (first.element !== ITEM || first.length % 4 !== 0) {
    throw new DicomError('dicom-invalid-encapsulation', 'Encapsulated Pixel Data (7FE0,0010) does not start with a Basic Offset Table item of a multiple of 4 bytes.');
  }
  const bot: number[] = [];
  for (let i = 0; i < first.length; i += 4) bot.push(view.getUint32(pos + i, true));
  pos += first.length;
  const base = pos;
  const fragments: Fragment[] = [];
  for (;;) {
    const at = pos;
    const { element, length } = item();
    if (element === SEQUENCE_DELIMITER) break;
    fragments.push({ offset: at - base, position: pos, length });
    pos += length;
  }
  return { bot, fragments };
}

/** Extended Offset Table (7FE0,0001), OV: 64-bit offsets, one per frame (PS3.3 C.7.6.3.1.8). */
function extendedOffsets(file: DicomFile): number[] | null {
  const el = file.dataSet.elements['x7fe00001'];
  if (!el || el.length === 0 || el.length % 8 !== 0) return null;
  const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + el.dataOffset, el.length);
  const out: number[] = [];
  for (let i = 0; i < el.length; i += 8) out.push(Number(view.getBigUint64(i, true)));
  return out;
}

function startsCodestream(bytes: Uint8Array, f: Fragment): boolean {
  const a = bytes[f.position], b = bytes[f.position + 1];
  // JPEG/JPEG-LS SOI (FFD8), JPEG 2000 codestream SOC (FF4F), JP2 signature box (0000000C 6A502020).
  return a === 0xff ? b === 0xd8 || b === 0x4f : a === 0 && b === 0 && bytes[f.position + 4] === 0x6a && bytes[f.position + 5] === 0x50;
}

/** Splits fragments into frames by an offset table: each offset is where a frame's first fragment starts. */
function byOffsets(fragments: Fragment[], offsets: number[], what: string): Fragment[][] {
  const frames: Fragment[][] = [];
  for (let i = 0; i < offsets.length; i++) {
    const lo = offsets[i] as number;
    const hi = i + 1 < offsets.length ? (offsets[i + 1] as number) : Infinity;
    const inFrame = fragments.filter((f) => f.offset >= lo && f.offset < hi);
    if (inFrame.length === 0 || inFrame[0]?.offset !== lo) {
      throw new DicomError('dicom-invalid-encapsulation', `The ${what} entry ${i} (offset ${lo}) does not point at a Pixel Data fragment.`);
    }
    frames.push(inFrame);
  }
  return frames;
}

function buildTable(file: DicomFile, frameCount: number): FrameTable {
  const el = file.dataSet.elements['x7fe00010'];
  if (!el) throw new DicomError('dicom-missing-pixel-data', 'The data set has no Pixel Data (7FE0,0010).');
  const { bot, fragments } = readFragments(file.bytes, el.dataOffset);
  if (fragments.length === 0) throw new DicomError('dicom-invalid-encapsulation', 'Encapsulated Pixel Data (7FE0,0010) has no fragments.');
  const eot = extendedOffsets(file);
  let frames: Fragment[][];
  if (eot && eot.length === frameCount) frames = byOffsets(fragments, eot, 'Extended Offset Table (7FE0,0001)');
  else if (bot.length === frameCount && frameCount > 1) frames = byOffsets(fragments, bot, 'Basic Offset Table');
  else if (frameCount === 1) frames = [fragments];
  else if (fragments.length === frameCount) frames = fragments.map((f) => [f]);
  else {
    // No usable table (PS3.5 A.4 allows an empty BOT): a new frame starts where a codestream starts.
    frames = [];
    for (const f of fragments) {
      const last = frames[frames.length - 1];
      if (!last || startsCodestream(file.bytes, f)) frames.push([f]);
      else last.push(f);
    }
  }
  if (frames.length < frameCount) {
    throw new DicomError('dicom-invalid-encapsulation', `Number of Frames is ${frameCount} but the encapsulated Pixel Data holds ${frames.length} frame(s) in ${fragments.length} fragment(s).`);
  }
  return { fragments, basicOffsetTable: bot, frames };
}

/** Fragment layout of the file's encapsulated pixel data (computed once per file). */
export function frameTableOf(file: DicomFile, frameCount: number): FrameTable {
  let t = tables.get(file);
  if (!t) {
    t = buildTable(file, frameCount);
    tables.set(file, t);
  }
  return t;
}

/** The encoded bytes of one frame: a view of its fragment, or the fragments joined. */
export function encapsulatedFrameBytes(file: DicomFile, frameCount: number, index: number): Uint8Array {
  const frame = frameTableOf(file, frameCount).frames[index];
  if (!frame) throw new DicomError('dicom-frame-out-of-range', `Frame ${index} does not exist; the file has ${frameCount} frame(s).`);
  if (frame.length === 1) {
    const f = frame[0] as Fragment;
    return file.bytes.subarray(f.position, f.position + f.length);
  }
  const out = new Uint8Array(frame.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of frame) {
    out.set(file.bytes.subarray(f.position, f.position + f.length), o);
    o += f.length;
  }
  return out;
}
