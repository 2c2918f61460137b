// Synthetic series for the assembly tests, written with the core's Part 10 writer. Every pixel value
// says which slice and which pixel it is (tag·100 + j·columns + i), so a test can tell from the voxels
// which file landed where and whether rows and columns were swapped.
import { parseDicom, randomUid, writeCtSlice, writePart10, type DicomFile, type WriteElement } from '../../../../../src/core/dicom';
import type { Vec3 } from '../../../../../src/core/imaging/volume';

export type Iop = [number, number, number, number, number, number];
export const AXIAL: Iop = [1, 0, 0, 0, 1, 0];

/** 4 columns × 3 rows: not square, so a transposition shows. */
export const COLUMNS = 4;
export const ROWS = 3;
/** [between rows, between columns]: different, so a swap shows. */
export const PIXEL_SPACING: [number, number] = [0.8, 0.6];

export const STUDY = '2.25.1000';

export interface SliceSpec {
  /** The pixel tag: pixel (i, j) stores tag·100 + j·COLUMNS + i. */
  tag: number;
  position: Vec3 | null;
  instanceNumber?: number | null;
  orientation?: Iop | null;
  series?: string;
  seriesNumber?: number;
  rows?: number;
  columns?: number;
  rescale?: { slope: number; intercept: number };
  sopInstanceUID?: string;
}

export function slicePixels(tag: number, rows = ROWS, columns = COLUMNS): Int16Array {
  const px = new Int16Array(rows * columns);
  for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) px[j * columns + i] = tag * 100 + j * columns + i;
  return px;
}

export function ctSliceBytes(s: SliceSpec): Uint8Array {
  const rows = s.rows ?? ROWS;
  const columns = s.columns ?? COLUMNS;
  return writeCtSlice({
    rows,
    columns,
    pixels: slicePixels(s.tag, rows, columns),
    position: s.position,
    orientation: s.orientation === undefined ? AXIAL : s.orientation,
    pixelSpacing: PIXEL_SPACING,
    instanceNumber: s.instanceNumber === undefined ? s.tag : s.instanceNumber,
    studyInstanceUID: STUDY,
    seriesInstanceUID: s.series ?? '2.25.1001',
    seriesNumber: s.seriesNumber ?? 1,
    sliceThickness: 2,
    ...(s.rescale ? { rescale: s.rescale } : {}),
    ...(s.sopInstanceUID ? { sopInstanceUID: s.sopInstanceUID } : {}),
  });
}

/** Parsed slices keyed `slice-<tag>`, in the order given. */
export function ctSlices(specs: readonly SliceSpec[]): { key: string; file: DicomFile }[] {
  return specs.map((s) => ({ key: `slice-${s.tag}`, file: parseDicom(ctSliceBytes(s)) }));
}

/** A deterministic shuffle (the order of a directory listing is arbitrary). */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface EnhancedFrameSpec {
  tag: number;
  position: Vec3;
  rescale?: { slope: number; intercept: number };
}

const item = (elements: WriteElement[]): WriteElement[] => elements;

/**
 * An Enhanced CT Image (PS3.3 A.38) with shared orientation and pixel measures and per-frame plane
 * positions (C.7.6.16.2.3) and pixel value transformations (C.7.6.16.2.9), frames in the given order.
 */
export function enhancedCtBytes(frames: readonly EnhancedFrameSpec[], orientation: Iop = AXIAL): Uint8Array {
  const pixels = new Int16Array(frames.length * ROWS * COLUMNS);
  frames.forEach((f, k) => pixels.set(slicePixels(f.tag), k * ROWS * COLUMNS));
  const shared = item([
    { tag: 0x00209116, vr: 'SQ', value: [[{ tag: 0x00200037, vr: 'DS', value: orientation }]] },
    { tag: 0x00289110, vr: 'SQ', value: [[{ tag: 0x00280030, vr: 'DS', value: PIXEL_SPACING }, { tag: 0x00180050, vr: 'DS', value: 2 }]] },
  ]);
  const perFrame = frames.map((f, k) => item([
    { tag: 0x00209111, vr: 'SQ', value: [[{ tag: 0x00209057, vr: 'UL', value: k + 1 }]] },
    { tag: 0x00209113, vr: 'SQ', value: [[{ tag: 0x00200032, vr: 'DS', value: f.position }]] },
    { tag: 0x00289145, vr: 'SQ', value: [[
      { tag: 0x00281052, vr: 'DS', value: f.rescale?.intercept ?? -1024 },
      { tag: 0x00281053, vr: 'DS', value: f.rescale?.slope ?? 1 },
      { tag: 0x00281054, vr: 'LO', value: 'HU' },
    ]] },
  ]));
  return writePart10({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2.1',
    sopInstanceUID: randomUid(),
    elements: [
      { tag: 0x00080060, vr: 'CS', value: 'CT' },
      { tag: 0x0020000d, vr: 'UI', value: STUDY },
      { tag: 0x0020000e, vr: 'UI', value: '2.25.1002' },
      { tag: 0x00200011, vr: 'IS', value: 3 },
      { tag: 0x00200013, vr: 'IS', value: 1 },
      { tag: 0x00280002, vr: 'US', value: 1 },
      { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
      { tag: 0x00280008, vr: 'IS', value: frames.length },
      { tag: 0x00280010, vr: 'US', value: ROWS },
      { tag: 0x00280011, vr: 'US', value: COLUMNS },
      { tag: 0x00280100, vr: 'US', value: 16 },
      { tag: 0x00280101, vr: 'US', value: 16 },
      { tag: 0x00280102, vr: 'US', value: 15 },
      { tag: 0x00280103, vr: 'US', value: 1 },
      { tag: 0x52009229, vr: 'SQ', value: [shared] },
      { tag: 0x52009230, vr: 'SQ', value: perFrame },
      { tag: 0x7fe00010, vr: 'OW', value: pixels },
    ],
  });
}

/**
 * A classic multi-frame object without positions (a cine loop): a number is Frame Time (0018,1063) in ms,
 * an array is Frame Time Vector (0018,1065), one increment per frame, the first 0 (PS3.3 C.7.6.5.1.2).
 */
export function cineBytes(frameCount: number, timing: number | readonly number[]): Uint8Array {
  const pixels = new Int16Array(frameCount * ROWS * COLUMNS);
  for (let k = 0; k < frameCount; k++) pixels.set(slicePixels(k + 1), k * ROWS * COLUMNS);
  return writePart10({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.7.3', // Multi-frame Grayscale Word Secondary Capture
    sopInstanceUID: randomUid(),
    elements: [
      { tag: 0x00080060, vr: 'CS', value: 'OT' },
      { tag: 0x0020000e, vr: 'UI', value: '2.25.1003' },
      typeof timing === 'number' ? { tag: 0x00181063, vr: 'DS', value: timing } : { tag: 0x00181065, vr: 'DS', value: timing },
      { tag: 0x00280002, vr: 'US', value: 1 },
      { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
      { tag: 0x00280008, vr: 'IS', value: frameCount },
      { tag: 0x00280010, vr: 'US', value: ROWS },
      { tag: 0x00280011, vr: 'US', value: COLUMNS },
      { tag: 0x00280100, vr: 'US', value: 16 },
      { tag: 0x00280101, vr: 'US', value: 16 },
      { tag: 0x00280102, vr: 'US', value: 15 },
      { tag: 0x00280103, vr: 'US', value: 1 },
      { tag: 0x7fe00010, vr: 'OW', value: pixels },
    ],
  });
}
