/** How a data set is encoded, as far as its first elements tell (PS3.5 §7.1). */
export interface DataSetEncoding {
  explicitVr: boolean;
  littleEndian: boolean;
}

const VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW',
  'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]);
// PS3.5 §7.1.2: these VRs have a reserved 2 bytes and a 32-bit length.
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function isLongVr(vr: string): boolean {
  return LONG_VRS.has(vr);
}

export function isKnownVr(vr: string): boolean {
  return VRS.has(vr);
}

export function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

const UNDEFINED_LENGTH = 0xffffffff;

/**
 * Walks up to `count` elements from `offset` in the given encoding and says whether they look like
 * the start of a data set: groups the standard puts first, ascending tags, lengths inside the buffer.
 */
function walks(bytes: Uint8Array, offset: number, enc: DataSetEncoding, count: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = offset;
  let previous = -1;
  for (let n = 0; n < count && pos < bytes.length; n++) {
    if (pos + 8 > bytes.length) return n > 0;
    const group = view.getUint16(pos, enc.littleEndian);
    const element = view.getUint16(pos + 2, enc.littleEndian);
    const tag = group * 0x10000 + element;
    // The first element of a data set is from the meta group or an early even group (0008 identifies the SOP).
    if (n === 0 && !(group === 0x0002 || (group >= 0x0008 && group <= 0x0028 && group % 2 === 0))) return false;
    if (tag <= previous || group === 0xfffe) return false;
    previous = tag;
    let length: number;
    if (enc.explicitVr) {
      const vr = String.fromCharCode(bytes[pos + 4] ?? 0, bytes[pos + 5] ?? 0);
      if (!VRS.has(vr)) return false;
      if (LONG_VRS.has(vr)) {
        if (pos + 12 > bytes.length) return n > 0;
        length = view.getUint32(pos + 8, enc.littleEndian);
        pos += 12;
      } else {
        length = view.getUint16(pos + 6, enc.littleEndian);
        pos += 8;
      }
    } else {
      length = view.getUint32(pos + 4, enc.littleEndian);
      pos += 8;
    }
    if (length === UNDEFINED_LENGTH) return true; // a sequence or encapsulated data: can't skip it cheaply
    if (length % 2 === 1 && n === 0) return false; // PS3.5 §7.1.1: value lengths are even
    pos += length;
    if (pos > bytes.length) return false;
  }
  return true;
}

/** Guesses the encoding of a data set that starts at `offset` (no file meta to tell), or null. */
export function sniffEncoding(bytes: Uint8Array, offset = 0): DataSetEncoding | null {
  const candidates: DataSetEncoding[] = [
    { explicitVr: true, littleEndian: true },
    { explicitVr: false, littleEndian: true },
    { explicitVr: true, littleEndian: false },
  ];
  for (const enc of candidates) if (walks(bytes, offset, enc, 4)) return enc;
  return null;
}

/**
 * True for a DICOM Part 10 file (DICM at 128, PS3.10 §7.1) or a bare data set whose first elements
 * make sense in some encoding (files written without preamble or meta, e.g. by `dcmconv -F`).
 */
export function looksLikeDicom(bytes: Uint8Array): boolean {
  if (hasDicmPrefix(bytes)) return true;
  return bytes.length >= 8 && sniffEncoding(bytes, 0) !== null;
}
