import * as dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';

/** Length field of each VR in explicit VR (PS3.5 Table 7.1-1): 0 = not a standard VR, 2 or 4 bytes. */
const LENGTH_SIZE = new Uint8Array(65536);
const VR_NAMES: string[] = [];
// dicom-parser's own 4-byte set, plus OV/SV/UV (added to PS3.5 after it was written).
for (const vr of ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']) {
  LENGTH_SIZE[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = 4;
}
for (const vr of ['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US']) {
  LENGTH_SIZE[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = 2;
}
for (let code = 0; code < 65536; code++) if (LENGTH_SIZE[code]) VR_NAMES[code] = String.fromCharCode(code >> 8, code & 0xff);

// 'xggggeeee' keys by 32-bit tag: dicom-parser builds each with toString(16) and concatenation, per element.
const KEYS = new Map<number, string>();
const MAX_KEYS = 20000;

function keyOf(tag: number): string {
  let key = KEYS.get(tag);
  if (key === undefined) {
    key = `x${tag.toString(16).padStart(8, '0')}`;
    if (KEYS.size >= MAX_KEYS) KEYS.clear(); // files full of distinct private tags must not grow this forever
    KEYS.set(tag, key);
  }
  return key;
}

// Top-level Pixel Data, Float Pixel Data, Double Float Pixel Data (7FE0,0010/0008/0009) as 32-bit tags.
const PIXEL_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);

/**
 * With `stopAtPixelData`, a top-level pixel element ends the loop: its header is read (offset and declared
 * length, which may lie past the end of `bytes`) but not its value, so a header can be parsed from the first
 * bytes of a file. Returns true when it stopped there.
 */
function pixelElementAt(view: DataView, pos: number, littleEndian: boolean, explicitVr: boolean): Element | null {
  if (pos + (explicitVr ? 12 : 8) > view.byteLength) return null;
  const tag = view.getUint16(pos, littleEndian) * 65536 + view.getUint16(pos + 2, littleEndian);
  if (!PIXEL_TAGS.has(tag)) return null;
  const key = keyOf(tag);
  if (!explicitVr) return { tag: key, vr: undefined, length: view.getUint32(pos + 4, true), dataOffset: pos + 8 };
  const code = (view.getUint8(pos + 4) << 8) | view.getUint8(pos + 5);
  // Pixel elements are OB/OW/OF/OD, all with a 4-byte length; anything else is left to the normal reader.
  if (LENGTH_SIZE[code] !== 4) return null;
  return { tag: key, vr: VR_NAMES[code] as string, length: view.getUint32(pos + 8, littleEndian), dataOffset: pos + 12 };
}

/**
 * dicom-parser's explicit-VR loop for the top level of a data set, with plain elements (standard VR, defined
 * length) read here: the same Element objects, several times faster. Sequences, undefined lengths, unknown VRs
 * and elements near the end of the buffer go to dicom-parser's reader, so its parsing and errors are unchanged.
 * OV/SV/UV have a 4-byte length (PS3.5 Table 7.1-1), which dicom-parser does not know.
 * With `stopAtPixelData`, see pixelElementAt; returns true when it stopped at a pixel element.
 */
export function parseExplicitTopLevel(ds: DataSet, stream: dicomParser.ByteStream, max: number, littleEndian: boolean, stopAtPixelData = false): boolean {
  const bytes = stream.byteArray;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements = ds.elements;
  while (stream.position < max) {
    const pos = stream.position;
    if (stopAtPixelData && bytes[pos] === (littleEndian ? 0xe0 : 0x7f)) {
      const pixel = pixelElementAt(view, pos, littleEndian, true);
      if (pixel) {
        elements[pixel.tag] = pixel;
        return true;
      }
    }
    const code = ((bytes[pos + 4] as number) << 8) | (bytes[pos + 5] as number);
    const size = pos + 12 <= bytes.length ? (LENGTH_SIZE[code] as number) : 0;
    if (size !== 0 && code !== 0x5351 /* SQ */) {
      const length = size === 2 ? view.getUint16(pos + 6, littleEndian) : view.getUint32(pos + 8, littleEndian);
      if (length !== 0xffffffff) {
        const key = keyOf(view.getUint16(pos, littleEndian) * 65536 + view.getUint16(pos + 2, littleEndian));
        const dataOffset = size === 2 ? pos + 8 : pos + 12;
        const element: Element = { tag: key, vr: VR_NAMES[code] as string, length, dataOffset };
        elements[key] = element;
        stream.position = dataOffset + length;
        continue;
      }
    }
    const element = dicomParser.readDicomElementExplicit(stream, ds.warnings);
    elements[element.tag] = element;
  }
  if (stream.position > max) throw 'dicomParser:parseDicomDataSetExplicit: buffer overrun';
  return false;
}

/**
 * dicom-parser's implicit-VR (always little endian) loop for the top level, with plain elements read here:
 * defined length and a value that does not start like a sequence item, the test dicom-parser itself applies.
 * Everything else goes to dicom-parser's reader. Elements carry `vr: undefined`, as dicom-parser's do.
 */
export function parseImplicitTopLevel(ds: DataSet, stream: dicomParser.ByteStream, max: number, stopAtPixelData = false): boolean {
  const bytes = stream.byteArray;
  if (max < stream.position || max > bytes.length) throw "dicomParser.parseDicomDataSetImplicit: invalid value for parameter 'maxPosition'";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements = ds.elements;
  while (stream.position < max) {
    const pos = stream.position;
    if (stopAtPixelData && bytes[pos] === 0xe0) {
      const pixel = pixelElementAt(view, pos, true, false);
      if (pixel) {
        elements[pixel.tag] = pixel;
        return true;
      }
    }
    if (pos + 12 <= bytes.length) {
      const length = view.getUint32(pos + 4, true);
      // (FFFE,E000) item or (FFFE,E0DD) sequence delimiter first: a sequence, left to dicom-parser.
      const next = view.getUint32(pos + 8, true);
      if (length !== 0xffffffff && next !== 0xe000fffe && next !== 0xe0ddfffe) {
        const key = keyOf(view.getUint16(pos, true) * 65536 + view.getUint16(pos + 2, true));
        const element: Element = { tag: key, vr: undefined, length, dataOffset: pos + 8 };
        elements[key] = element;
        stream.position = pos + 8 + length;
        continue;
      }
    }
    const element = dicomParser.readDicomElementImplicit(stream);
    elements[element.tag] = element;
  }
  return false;
}
