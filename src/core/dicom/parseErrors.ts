import type { DataSet, Element } from 'dicom-parser';
import { DicomError } from '../errors';

const UNDEFINED = 0xffffffff;
const PIXEL_NAMES: Record<string, string> = {
  x7fe00010: 'Pixel Data',
  x7fe00008: 'Float Pixel Data',
  x7fe00009: 'Double Float Pixel Data',
};

/** 'x7fe00010' → '(7FE0,0010)'. */
export function displayTag(key: string): string {
  const hex = key.slice(1).toUpperCase();
  return `(${hex.slice(0, 4)},${hex.slice(4, 8)})`;
}

function describe(key: string): string {
  const name = PIXEL_NAMES[key];
  return name ? `${name} ${displayTag(key)}` : `element ${displayTag(key)}`;
}

function checkElement(key: string, el: Element, fileLength: number, depth: number): void {
  if (el.length === UNDEFINED) {
    throw new DicomError('dicom-truncated', `The file ends inside ${describe(key)}: its undefined-length value has no delimitation item.`);
  }
  const end = el.dataOffset + el.length;
  if (end > fileLength) {
    const remaining = Math.max(0, fileLength - el.dataOffset);
    // A length far beyond the file is a corrupt length, not a cut-off file.
    const impossible = el.length > 2 * fileLength && el.length > 0x100000;
    throw new DicomError(
      impossible && PIXEL_NAMES[key] ? 'dicom-pixel-data-length' : 'dicom-truncated',
      impossible
        ? `${describe(key)} declares ${el.length} bytes but only ${remaining} remain in the file: its length is corrupt.`
        : `The file is truncated: ${describe(key)} declares ${el.length} bytes but only ${remaining} remain.`,
    );
  }
  if (depth > 64) throw new DicomError('dicom-invalid-element', `Sequences nest deeper than 64 levels at ${describe(key)}; the data set is corrupt.`);
  for (const item of el.items ?? []) {
    if (item.dataOffset + item.length > fileLength && item.length !== UNDEFINED) {
      throw new DicomError('dicom-truncated', `The file is truncated inside a sequence item of ${describe(key)}.`);
    }
    if (item.dataSet) checkDataSet(item.dataSet, fileLength, depth + 1);
  }
}

function checkDataSet(ds: DataSet, fileLength: number, depth: number, skipKey?: string): void {
  for (const key in ds.elements) if (key !== skipKey) checkElement(key, ds.elements[key] as Element, fileLength, depth);
}

/**
 * Throws when any element's value reaches past the end of the buffer, so later reads stay bounded.
 * `skipKey`: a top-level element checked apart (a header's pixel element, whose value lies past the header).
 */
export function checkElementBounds(ds: DataSet, fileLength: number, skipKey?: string): void {
  checkDataSet(ds, fileLength, 0, skipKey);
}

/** checkElementBounds for one top-level element. */
export function checkOneElement(key: string, el: Element, fileLength: number): void {
  checkElement(key, el, fileLength, 0);
}

/** dicom-parser throws strings or `{exception, dataSet}`; turn either into a specific DicomError. */
export function toDicomError(e: unknown, fileLength: number, where: string, partial?: DataSet): DicomError {
  if (e instanceof DicomError) return e;
  let text = typeof e === 'string' ? e : e instanceof Error ? e.message : '';
  let ds = partial;
  if (typeof e === 'object' && e !== null && 'exception' in e) {
    const inner = (e as { exception: unknown }).exception;
    text = typeof inner === 'string' ? inner : inner instanceof Error ? inner.message : text;
    const d = (e as { dataSet?: DataSet }).dataSet;
    if (d) ds = d;
  }
  if (ds) {
    try {
      checkElementBounds(ds, fileLength);
    } catch (bounds) {
      if (bounds instanceof DicomError) return bounds;
    }
  }
  const reason = text.replace(/^dicomParser[.:]\s*\w*[.:]?\s*/, '').trim() || 'unknown reason';
  if (/overr|overread|past end|eof|buffer/i.test(text)) {
    return new DicomError('dicom-truncated', `The file ends inside ${where} (${reason}).`, { cause: e });
  }
  return new DicomError('dicom-invalid-element', `An element of ${where} cannot be read (${reason}).`, { cause: e });
}
