import type { DataSet, Element } from 'dicom-parser';

const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
const MAX_TEXT = 1024;
const MAX_VALUES = 32;

function numbers(el: Element, size: number, read: (i: number) => string | number | bigint | undefined): string {
  const count = Math.floor(el.length / size);
  const shown: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_VALUES); i++) shown.push(String(read(i)));
  return shown.join('\\') + (count > MAX_VALUES ? `\\… (${count} values)` : '');
}

function bigints(ds: DataSet, el: Element, signed: boolean): (i: number) => bigint {
  const littleEndian = (el.parser ?? ds.byteArrayParser).readUint16(Uint8Array.of(1, 0), 0) === 1;
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, el.length);
  return (i) => (signed ? view.getBigInt64(i * 8, littleEndian) : view.getBigUint64(i * 8, littleEndian));
}

/** Display text of one element's value; binary values are shown as their length. */
export function formatValue(ds: DataSet, key: string, el: Element, vr: string, text: TextDecoder): string {
  if (el.length === 0) return '';
  if (TEXT_VRS.has(vr)) {
    const s = text.decode(ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length)).replace(/[\s\0]+$/, '');
    return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
  }
  switch (vr) {
    case 'US': return numbers(el, 2, (i) => ds.uint16(key, i));
    case 'SS': return numbers(el, 2, (i) => ds.int16(key, i));
    case 'UL': return numbers(el, 4, (i) => ds.uint32(key, i));
    case 'SL': return numbers(el, 4, (i) => ds.int32(key, i));
    case 'FL': return numbers(el, 4, (i) => ds.float(key, i));
    case 'FD': return numbers(el, 8, (i) => ds.double(key, i));
    case 'UV': return numbers(el, 8, bigints(ds, el, false));
    case 'SV': return numbers(el, 8, bigints(ds, el, true));
    case 'AT': return numbers(el, 4, (i) => {
      const g = ds.uint16(key, 2 * i) ?? 0, e = ds.uint16(key, 2 * i + 1) ?? 0;
      return `(${g.toString(16).padStart(4, '0')},${e.toString(16).padStart(4, '0')})`.toUpperCase()
    });
    default:
      if (el.encapsulatedPixelData) return `<encapsulated: ${el.fragments?.length ?? 0} fragment(s), ${el.length} bytes>`;
      return `<${el.length} bytes>`;
  }
}
