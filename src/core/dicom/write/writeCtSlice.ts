import type { WriteElement } from './encodeDataSet';
import { randomUid, writePart10 } from './writePart10';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** One single-frame CT image to write (CT Image IOD, PS3.3 A.3): pixels plus the geometry a series needs. */
export interface CtSliceSpec {
  rows: number;
  columns: number;
  /** Stored values, rows × columns, row-major (row 0 first). Int16 → Pixel Representation 1, Uint16 → 0. */
  pixels: Int16Array | Uint16Array;
  /** Image Position (Patient) (0020,0032): LPS mm of the centre of the first pixel; null omits it. */
  position: readonly [number, number, number] | null;
  /** Image Orientation (Patient) (0020,0037): row then column direction cosines; null omits it. */
  orientation: readonly [number, number, number, number, number, number] | null;
  /** Pixel Spacing (0028,0030): [between rows, between columns] in mm; null omits it. */
  pixelSpacing: readonly [number, number] | null;
  /** Instance Number (0020,0013); null omits it. */
  instanceNumber: number | null;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  /** A random 2.25 UID when absent. */
  sopInstanceUID?: string;
  /** Frame of Reference UID (0020,0052); the series UID with ".1" appended when absent. */
  frameOfReferenceUID?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  sliceThickness?: number;
  /** Rescale Slope/Intercept (0028,1053/1052); HU of a typical CT by default: 1 and −1024. */
  rescale?: { slope: number; intercept: number };
  /** Window Center/Width (0028,1050/1051); 40/400 (soft tissue) by default. */
  window?: { center: number; width: number };
  /** Bits Stored (0028,0101), 16 by default; High Bit is Bits Stored − 1. */
  bitsStored?: number;
  /** More elements, or replacements for ours (same tag wins). */
  extra?: readonly WriteElement[];
}

/**
 * A CT slice as a Part 10 file, Explicit VR Little Endian, native pixels: what a scanner's
 * single-frame series is made of. Used by tests and by the series benchmark; returns a new array.
 */
export function writeCtSlice(spec: CtSliceSpec): Uint8Array {
  if (spec.pixels.length !== spec.rows * spec.columns) {
    throw new RangeError(`${spec.pixels.length} pixels given for a ${spec.columns} × ${spec.rows} image.`);
  }
  const signed = spec.pixels instanceof Int16Array;
  const bitsStored = spec.bitsStored ?? 16;
  const rescale = spec.rescale ?? { slope: 1, intercept: -1024 };
  const window = spec.window ?? { center: 40, width: 400 };
  const elements: WriteElement[] = [
    { tag: 0x00080008, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x00100010, vr: 'PN', value: 'Voxel^Lab' },
    { tag: 0x00100020, vr: 'LO', value: 'VOXEL-LAB-TEST' },
    { tag: 0x0020000d, vr: 'UI', value: spec.studyInstanceUID },
    { tag: 0x0020000e, vr: 'UI', value: spec.seriesInstanceUID },
    { tag: 0x00200011, vr: 'IS', value: spec.seriesNumber ?? 1 },
    { tag: 0x00200052, vr: 'UI', value: spec.frameOfReferenceUID ?? `${spec.seriesInstanceUID}.1` },
    { tag: 0x00280002, vr: 'US', value: 1 },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: spec.rows },
    { tag: 0x00280011, vr: 'US', value: spec.columns },
    { tag: 0x00280100, vr: 'US', value: 16 },
    { tag: 0x00280101, vr: 'US', value: bitsStored },
    { tag: 0x00280102, vr: 'US', value: bitsStored - 1 },
    { tag: 0x00280103, vr: 'US', value: signed ? 1 : 0 },
    { tag: 0x00281050, vr: 'DS', value: window.center },
    { tag: 0x00281051, vr: 'DS', value: window.width },
    { tag: 0x00281052, vr: 'DS', value: rescale.intercept },
    { tag: 0x00281053, vr: 'DS', value: rescale.slope },
    { tag: 0x00281054, vr: 'LO', value: 'HU' },
    { tag: 0x7fe00010, vr: 'OW', value: spec.pixels },
  ];
  if (spec.seriesDescription !== undefined) elements.push({ tag: 0x0008103e, vr: 'LO', value: spec.seriesDescription });
  if (spec.sliceThickness !== undefined) elements.push({ tag: 0x00180050, vr: 'DS', value: spec.sliceThickness });
  if (spec.instanceNumber !== null) elements.push({ tag: 0x00200013, vr: 'IS', value: spec.instanceNumber });
  if (spec.position) elements.push({ tag: 0x00200032, vr: 'DS', value: spec.position });
  if (spec.orientation) elements.push({ tag: 0x00200037, vr: 'DS', value: spec.orientation });
  if (spec.pixelSpacing) elements.push({ tag: 0x00280030, vr: 'DS', value: spec.pixelSpacing });
  const replaced = new Set((spec.extra ?? []).map((e) => e.tag));
  return writePart10({
    sopClassUID: CT_IMAGE_STORAGE,
    sopInstanceUID: spec.sopInstanceUID ?? randomUid(),
    elements: [...elements.filter((e) => !replaced.has(e.tag)), ...(spec.extra ?? [])],
  });
}
