import { DICTIONARY_DATA } from './dictionaryData';

export interface DictionaryEntry {
  vr: string;
  keyword: string;
  name: string;
}

interface Repeater {
  mask: number;
  value: number;
  entry: DictionaryEntry;
}

let exact: Map<number, DictionaryEntry> | null = null;
let repeaters: Repeater[] = [];

/** "PatientBirthDate" → "Patient Birth Date"; the generator keeps names that differ from this. */
export function deriveName(keyword: string): string {
  return keyword.replace(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, ' ');
}

function load(): Map<number, DictionaryEntry> {
  if (exact) return exact;
  exact = new Map();
  repeaters = [];
  for (const line of DICTIONARY_DATA.split('\n')) {
    const [tag = '', vr = 'UN', keyword = '', name] = line.split('\t');
    const entry = { vr, keyword, name: name ?? deriveName(keyword) };
    if (tag.includes('x')) {
      const mask = parseInt(tag.replace(/[0-9A-F]/g, 'F').replace(/x/g, '0'), 16);
      repeaters.push({ mask, value: parseInt(tag.replace(/x/g, '0'), 16), entry });
    } else exact.set(parseInt(tag, 16), entry);
  }
  return exact;
}

/** The PS3.6 entry of a tag (group << 16 | element), including repeating groups (60xx, 50xx…). */
export function lookupTag(tag: number): DictionaryEntry | null {
  const map = load();
  const hit = map.get(tag);
  if (hit) return hit;
  const group = tag >>> 16;
  const element = tag & 0xffff;
  if (element === 0) return { vr: 'UL', keyword: 'GenericGroupLength', name: 'Group Length' };
  if (group % 2 === 1) {
    // PS3.5 §7.8.1: (gggg,0010-00FF) reserve a block for a private creator.
    if (element >= 0x10 && element <= 0xff) return { vr: 'LO', keyword: 'PrivateCreator', name: 'Private Creator' };
    return null;
  }
  for (const r of repeaters) if (((tag & r.mask) >>> 0) === r.value) return r.entry;
  return null;
}
