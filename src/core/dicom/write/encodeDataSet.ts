/**
 * Encodes data elements as Explicit VR Little Endian (PS3.5 §7.1.2), the one transfer syntax every
 * reader accepts. Enough for test fixtures, benchmark series and simple exports: text, numbers, native
 * pixel data and nested sequences (defined lengths). No Node built-ins: it runs in webview workers too.
 */

/** VRs whose value is text; multiple values are joined with a backslash (PS3.5 §6.4). */
export type TextVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DT' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT';
/** VRs whose values are binary numbers. */
export type NumberVr = 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD';

/** One element to write. `tag` is 0xGGGGEEEE. */
export type WriteElement =
  | { tag: number; vr: TextVr; value: string | readonly string[] }
  /** Decimal / Integer String: numbers formatted to the 16 / 12 characters PS3.5 Table 6.2-1 allows. */
  | { tag: number; vr: 'DS' | 'IS'; value: number | readonly number[] }
  | { tag: number; vr: NumberVr; value: number | readonly number[] }
  /** Raw bytes (OB) or 16-bit words (OW), e.g. native Pixel Data; written little endian. */
  | { tag: number; vr: 'OB' | 'OW'; value: Uint8Array | Uint16Array | Int16Array }
  /** A sequence: each item is a list of elements (PS3.5 §7.5). */
  | { tag: number; vr: 'SQ'; value: readonly (readonly WriteElement[])[] };

// VRs with a reserved 2 bytes and a 4-byte length (PS3.5 Table 7.1-1).
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const NUMBER_SIZE: Readonly<Record<NumberVr, number>> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 };
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const ascii = new TextEncoder();

/** A number as a DS value of at most 16 characters (PS3.5 Table 6.2-1), as precise as that allows. */
export function formatDecimalString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`A Decimal String cannot hold ${n}.`);
  const plain = String(n);
  if (plain.length <= 16) return plain;
  for (let digits = 15; digits >= 1; digits--) {
    const s = Number(n.toPrecision(digits)).toString();
    if (s.length <= 16) return s;
    const e = n.toExponential(digits - 1);
    if (e.length <= 16) return e;
  }
  throw new RangeError(`${n} does not fit a 16-character Decimal String.`);
}

function formatIntegerString(n: number): string {
  // IS is a signed 32-bit integer in at most 12 characters (PS3.5 Table 6.2-1).
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new RangeError(`An Integer String cannot hold ${n}.`);
  return String(n);
}

const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** Text padded to even length: UI with NUL, everything else with a space (PS3.5 §6.2). */
function textBytes(vr: string, text: string): Uint8Array {
  const padded = text.length % 2 === 0 ? text : text + (vr === 'UI' ? '\0' : ' ');
  return ascii.encode(padded);
}

function numberBytes(vr: NumberVr, values: readonly number[]): Uint8Array {
  const size = NUMBER_SIZE[vr];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    const at = i * size;
    if (vr === 'US') view.setUint16(at, v, true);
    else if (vr === 'SS') view.setInt16(at, v, true);
    else if (vr === 'UL') view.setUint32(at, v, true);
    else if (vr === 'SL') view.setInt32(at, v, true);
    else if (vr === 'FL') view.setFloat32(at, v, true);
    else view.setFloat64(at, v, true);
  });
  return out;
}

function binaryBytes(value: Uint8Array | Uint16Array | Int16Array): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length % 2 === 0) return value;
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    return padded;
  }
  const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (LITTLE_ENDIAN_HOST) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

function valueOf(e: WriteElement): Uint8Array {
  switch (e.vr) {
    case 'DS': return textBytes('DS', asList(e.value).map(formatDecimalString).join('\\'));
    case 'IS': return textBytes('IS', asList(e.value).map(formatIntegerString).join('\\'));
    case 'US': case 'SS': case 'UL': case 'SL': case 'FL': case 'FD': return numberBytes(e.vr, asList(e.value));
    case 'OB': case 'OW': return binaryBytes(e.value);
    case 'SQ': return concatBytes(e.value.map(encodeItem));
    default: return textBytes(e.vr, asList(e.value).join('\\'));
  }
}

function header(tag: number, vr: string, length: number): Uint8Array {
  const long = LONG_VRS.has(vr);
  if (!long && length > 0xffff) throw new RangeError(`A ${vr} value of ${length} bytes exceeds the 2-byte length field (PS3.5 §7.1.2).`);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length, true);
  else view.setUint16(6, length, true);
  return out;
}

function encodeItem(elements: readonly WriteElement[]): Uint8Array {
  const body = encodeDataSet(elements);
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, 0xe000, true);
  view.setUint32(4, body.length, true);
  return concatBytes([head, body]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One element: tag, VR, length, value (even length). */
export function encodeElement(e: WriteElement): Uint8Array {
  const value = valueOf(e);
  return concatBytes([header(e.tag, e.vr, value.length), value]);
}

/**
 * The elements in ascending tag order (a data set must be, PS3.5 §7.1), Explicit VR Little Endian.
 * Throws RangeError for a duplicate tag or a value its VR cannot hold.
 */
export function encodeDataSet(elements: readonly WriteElement[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as WriteElement).tag === (sorted[i - 1] as WriteElement).tag) {
      throw new RangeError(`Tag ${tagText((sorted[i] as WriteElement).tag)} is given twice.`);
    }
  }
  return concatBytes(sorted.map(encodeElement));
}

export function tagText(tag: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(tag >>> 16)},${hex(tag & 0xffff)})`;
}
