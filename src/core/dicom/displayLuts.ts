import type { DataSet, Element } from 'dicom-parser';
import type { Palette, PaletteChannel } from '../imaging/colorConvert';
import type { LookupTable } from '../imaging/voi';
import { readShorts, readText } from './dataSetValues';
import type { DicomFile } from './parseDicom';

/**
 * Reads LUT Descriptor + LUT Data pairs (PS3.3 C.11.1.1.1, C.11.2.1.1, C.7.6.3.1.5). The
 * descriptor's second value is US or SS: an explicit VR says which; in implicit VR files it is
 * signed when `signedFirst` (Pixel Representation 1). First value 0 means 65536 entries.
 */
function descriptorOf(ds: DataSet, el: Element, littleEndian: boolean, signedFirst: boolean): [number, number, number] | null {
  if (el.length < 6) return null;
  const unsigned = readShorts(ds, el, false, littleEndian);
  const signed = el.vr === 'SS' || (el.vr === undefined && signedFirst);
  const first = signed ? readShorts(ds, el, true, littleEndian)[1] : unsigned[1];
  return [unsigned[0] || 65536, first as number, unsigned[2] as number];
}

/** Entries of LUT Data: 16-bit words in the data set's byte order, or bytes for 8-bit LUTs stored one per byte. */
function entriesOf(ds: DataSet, el: Element, entries: number, bits: number, littleEndian: boolean): Uint8Array | Uint16Array | null {
  const bytes = ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  if (bits <= 8 && el.length === entries || (bits <= 8 && el.length === entries + 1)) return bytes.slice(0, entries);
  if (el.length < entries * 2) return null;
  return Uint16Array.from(readShorts(ds, el, false, littleEndian).slice(0, entries));
}

function lutFromItem(item: DataSet, littleEndian: boolean, signedFirst: boolean): LookupTable | null {
  const d = item.elements['x00283002'];
  const data = item.elements['x00283006'];
  if (!d || !data) return null;
  const desc = descriptorOf(item, d, littleEndian, signedFirst);
  if (!desc) return null;
  const [entries, firstMapped, bits] = desc;
  const values = entriesOf(item, data, entries, bits, littleEndian);
  if (!values) return null;
  return { firstMapped, data: values, bits, explanation: readText(item, 'x00283003') };
}

function sequenceLuts(file: DicomFile, key: string, signedFirst: boolean): LookupTable[] {
  const items = file.dataSet.elements[key]?.items ?? [];
  const out: LookupTable[] = [];
  for (const item of items) {
    if (!item.dataSet) continue;
    const lut = lutFromItem(item.dataSet, file.syntax.littleEndian, signedFirst);
    if (lut) out.push(lut);
  }
  return out;
}

/** Modality LUT Sequence (0028,3000) item 1, if present and readable. */
export function modalityLutOf(file: DicomFile): LookupTable | null {
  return sequenceLuts(file, 'x00283000', file.info.pixelRepresentation === 1)[0] ?? null;
}

/** Every readable item of the VOI LUT Sequence (0028,3010). */
export function voiLutsOf(file: DicomFile): LookupTable[] {
  return sequenceLuts(file, 'x00283010', file.info.pixelRepresentation === 1);
}

/** Red/Green/Blue Palette Color LUT Descriptor + Data (0028,1101-1103 / 1201-1203), if complete. */
export function paletteOf(file: DicomFile): Palette | null {
  const ds = file.dataSet;
  const channel = (n: number): PaletteChannel | null => {
    const d = ds.elements[`x0028110${n}`];
    const data = ds.elements[`x0028120${n}`];
    if (!d || !data) return null;
    const desc = descriptorOf(ds, d, file.syntax.littleEndian, false);
    if (!desc) return null;
    const [entries, firstMapped, bits] = desc;
    const values = entriesOf(ds, data, entries, bits, file.syntax.littleEndian);
    return values ? { firstMapped, data: values, bits } : null;
  };
  const red = channel(1), green = channel(2), blue = channel(3);
  return red && green && blue ? { red, green, blue } : null;
}
