import type { DataSet, Element } from 'dicom-parser';

/**
 * Typed reads from a dicom-parser DataSet. Tags are dicom-parser keys ('x00280010'). Every element
 * was bounds-checked by parseDicom, so these never read past the buffer.
 */

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** Text decoding per Specific Character Set (0008,0005): UTF-8 for ISO_IR 192, else Latin-1 (PS3.5 §6.1). */
export function textDecoderFor(ds: DataSet): TextDecoder {
  const el = ds.elements['x00080005'];
  if (!el || el.length === 0) return latin1;
  const cs = latin1.decode(ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length));
  return /ISO_IR 192/.test(cs) ? utf8 : latin1;
}

/** The raw value bytes of an element (a view, no copy). */
export function valueBytes(ds: DataSet, el: Element): Uint8Array {
  return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
}

/** Latin-1 without TextDecoder: most header values are a few ASCII bytes, where this is ~10× faster. */
function latin1Short(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** The whole value as text, trailing padding (space, NUL) removed; null when absent or empty. */
export function readText(ds: DataSet, tag: string, decoder: TextDecoder = latin1): string | null {
  const el = ds.elements[tag];
  if (!el || el.length === 0 || el.length === 0xffffffff) return null;
  const bytes = ds.byteArray;
  let end = el.dataOffset + el.length;
  while (end > el.dataOffset && ((bytes[end - 1] as number) <= 0x20)) end--;
  if (end === el.dataOffset) return null;
  return decoder === latin1 && end - el.dataOffset <= 64 ? latin1Short(bytes, el.dataOffset, end) : decoder.decode(bytes.subarray(el.dataOffset, end));
}

/** Backslash-separated values of a string VR (PS3.5 §6.4), each trimmed. */
export function readStrings(ds: DataSet, tag: string, decoder: TextDecoder = latin1): string[] {
  const s = readText(ds, tag, decoder);
  if (s === null) return [];
  // Most values are single: no split, no map.
  return s.indexOf('\\') < 0 ? [s.trim()] : s.split('\\').map((v) => v.trim());
}

/** The first value of a string VR, trimmed; null when absent or empty. */
export function readString(ds: DataSet, tag: string, decoder: TextDecoder = latin1): string | null {
  const s = readText(ds, tag, decoder);
  if (s === null) return null;
  const cut = s.indexOf('\\');
  const v = (cut < 0 ? s : s.slice(0, cut)).trim();
  return v === '' ? null : v;
}

/** Numbers of a DS or IS element (decimal strings); non-numeric values are skipped. */
export function readDecimals(ds: DataSet, tag: string): number[] {
  const out: number[] = [];
  for (const v of readStrings(ds, tag)) {
    if (v === '') continue;
    const n = Number(v);
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** The first number of a DS or IS element; like readDecimals(…)[0], without splitting every value. */
export function readDecimal(ds: DataSet, tag: string): number | null {
  const s = readText(ds, tag);
  if (s === null) return null;
  if (s.indexOf('\\') >= 0) return readDecimals(ds, tag)[0] ?? null;
  const v = s.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** First value of a US element (in the data set's byte order), null when absent or too short. */
export function readUint16(ds: DataSet, tag: string): number | null {
  const el = ds.elements[tag];
  if (!el || el.length < 2) return null;
  return ds.uint16(tag) ?? null;
}

/** All values of a US/SS element: `signed` picks SS. */
export function readShorts(ds: DataSet, el: Element, signed: boolean, littleEndian: boolean): number[] {
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, el.length);
  const out: number[] = [];
  for (let i = 0; i + 2 <= el.length; i += 2) out.push(signed ? view.getInt16(i, littleEndian) : view.getUint16(i, littleEndian));
  return out;
}

/** A decimal-string vector of exactly `n` values, or null. */
export function readVector<N extends number>(ds: DataSet, tag: string, n: N): number[] | null {
  const v = readDecimals(ds, tag);
  return v.length >= n ? v.slice(0, n) : null;
}
