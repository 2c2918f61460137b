import { concatBytes, encodeDataSet, encodeElement, type WriteElement } from './encodeDataSet';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Our Implementation Class UID (PS3.7 D.3.3.2): a UUID-derived UID (PS3.5 §B.2), fixed once. */
export const IMPLEMENTATION_CLASS_UID = '2.25.185807872551819891072133461687630111012';
const IMPLEMENTATION_VERSION = 'VOXEL_LAB_0.1';

export interface Part10Options {
  /** SOP Class UID (0008,0016); also the file meta's Media Storage SOP Class UID. */
  sopClassUID: string;
  /** SOP Instance UID (0008,0018); also the file meta's Media Storage SOP Instance UID. */
  sopInstanceUID: string;
  /** The data set without (0008,0016)/(0008,0018), which are added from the options. */
  elements: readonly WriteElement[];
}

/**
 * A Part 10 file (PS3.10 §7.1): 128-byte zero preamble, "DICM", the file meta group with its
 * group length, then the data set, all Explicit VR Little Endian. Returns a new array.
 */
export function writePart10(options: Part10Options): Uint8Array {
  const meta = encodeDataSet([
    { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
    { tag: 0x00020002, vr: 'UI', value: options.sopClassUID },
    { tag: 0x00020003, vr: 'UI', value: options.sopInstanceUID },
    { tag: 0x00020010, vr: 'UI', value: EXPLICIT_VR_LITTLE_ENDIAN },
    { tag: 0x00020012, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: 0x00020013, vr: 'SH', value: IMPLEMENTATION_VERSION },
  ]);
  const dataSet = encodeDataSet([
    ...options.elements.filter((e) => e.tag !== 0x00080016 && e.tag !== 0x00080018),
    { tag: 0x00080016, vr: 'UI', value: options.sopClassUID },
    { tag: 0x00080018, vr: 'UI', value: options.sopInstanceUID },
  ]);
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concatBytes([preamble, encodeElement({ tag: 0x00020000, vr: 'UL', value: meta.length }), meta, dataSet]);
}

/**
 * A fresh UID under the 2.25 root (PS3.5 §B.2): a random 122-bit UUID (RFC 4122 version 4) written
 * as one decimal integer. Uses the global Web Crypto, present in Node 20 and in browsers.
 */
export function randomUid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return `2.25.${n.toString()}`;
}
