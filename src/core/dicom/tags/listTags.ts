import type { DataSet, Element } from 'dicom-parser';
import { textDecoderFor } from '../dataSetValues';
import type { DicomFile } from '../parseDicom';
import type { TagNode } from '../types';
import { lookupTag } from './dictionary';
import { formatValue } from './formatValue';

function displayTag(tag: number): string {
  const hex = tag.toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

function nodesOf(ds: DataSet, text: TextDecoder, depth: number): TagNode[] {
  const keys = Object.keys(ds.elements).sort();
  const out: TagNode[] = [];
  for (const key of keys) {
    const el = ds.elements[key] as Element;
    const tag = parseInt(key.slice(1), 16);
    const isPrivate = ((tag >>> 16) & 1) === 1;
    const entry = lookupTag(tag);
    const vr = el.vr ?? (el.items ? 'SQ' : entry?.vr ?? 'UN');
    const node: TagNode = {
      tag: displayTag(tag),
      vr,
      keyword: entry?.keyword ?? '',
      name: entry?.name ?? (isPrivate ? 'Private Tag' : 'Unknown Tag'),
      value: '',
      private: isPrivate,
    };
    if (el.items) {
      node.value = `${el.items.length} item(s)`;
      node.items = depth < 32 ? el.items.map((item) => (item.dataSet ? nodesOf(item.dataSet, text, depth + 1) : [])) : [];
    } else {
      node.value = formatValue(ds, key, el, vr, text);
    }
    out.push(node);
  }
  return out;
}

/** Every element of the file, file meta included, in tag order; sequences nested (the tag browser). */
export function listTags(file: DicomFile): TagNode[] {
  return nodesOf(file.dataSet, textDecoderFor(file.dataSet), 0);
}
