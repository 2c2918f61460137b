/** A minimal explicit VR little endian Part 10 writer, for building encapsulation cases in tests. */

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

export type TestElement = [tag: number, vr: string, value: Uint8Array | string | number[]];

function valueBytes(vr: string, value: Uint8Array | string | number[]): Uint8Array {
  if (value instanceof Uint8Array) return value.length % 2 ? Uint8Array.from([...value, 0]) : value;
  if (typeof value === 'string') {
    const padded = value.length % 2 ? value + (vr === 'UI' ? '\0' : ' ') : value;
    return new TextEncoder().encode(padded);
  }
  const size = vr === 'US' ? 2 : vr === 'UL' ? 4 : 8;
  const out = new Uint8Array(value.length * size);
  const view = new DataView(out.buffer);
  value.forEach((v, i) => (size === 2 ? view.setUint16(i * 2, v, true) : size === 4 ? view.setUint32(i * 4, v, true) : view.setBigUint64(i * 8, BigInt(v), true)));
  return out;
}

function element(tag: number, vr: string, value: Uint8Array, undefinedLength = false): Uint8Array {
  const long = LONG.has(vr);
  const head = new Uint8Array(long ? 12 : 8);
  const view = new DataView(head.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  head[4] = vr.charCodeAt(0);
  head[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, undefinedLength ? 0xffffffff : value.length, true);
  else view.setUint16(6, value.length, true);
  return concat([head, value]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function item(tagElement: number, value: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, tagElement, true);
  view.setUint32(4, value.length, true);
  return concat([head, value]);
}

/** Encapsulated Pixel Data (PS3.5 A.4): a Basic Offset Table item, fragment items, a delimiter. */
export function encapsulated(bot: number[], fragments: Uint8Array[]): Uint8Array {
  const table = valueBytes('UL', bot);
  return concat([item(0xe000, table), ...fragments.map((f) => item(0xe000, f.length % 2 ? Uint8Array.from([...f, 0]) : f)), item(0xe0dd, new Uint8Array(0))]);
}

/** A Part 10 file: preamble, DICM, meta with the transfer syntax, then `elements` in tag order. */
export function writeDicom(transferSyntax: string, elements: TestElement[], pixelData?: Uint8Array): Uint8Array {
  const meta = concat([
    element(0x00020001, 'OB', Uint8Array.from([0, 1])),
    element(0x00020010, 'UI', valueBytes('UI', transferSyntax)),
  ]);
  const sorted = [...elements].sort((a, b) => a[0] - b[0]);
  const body = sorted.map(([tag, vr, value]) => element(tag, vr, valueBytes(vr, value)));
  const prefix = new Uint8Array(132);
  prefix.set([0x44, 0x49, 0x43, 0x4d], 128);
  const pixel = pixelData ? [element(0x7fe00010, 'OB', pixelData, true)] : [];
  return concat([prefix, element(0x00020000, 'UL', valueBytes('UL', [meta.length])), meta, ...body, ...pixel]);
}
