import type { DicomFile } from '../parseDicom';
import { orderStack, type StackEntry } from './orderStack';
import type { InstanceAttributes } from './readInstance';
import type { DicomSeries, Orientation, SeriesWarning } from './seriesTypes';
import { planeNameOf, sameOrientation } from './vec3';

/** One file handed to assembly, with what readInstance found in it. */
export interface InstanceRecord {
  key: string;
  file: DicomFile;
  attrs: InstanceAttributes;
}

interface Part {
  entries: (StackEntry & { instance: InstanceAttributes })[];
  sizeKey: string;
  orientation: Orientation | null;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Frames split by image size, then by orientation (within ORIENTATION_TOLERANCE), in key order. */
function splitParts(records: readonly InstanceRecord[]): Part[] {
  const parts: Part[] = [];
  for (const r of records) {
    const sizeKey = `${r.attrs.columns}x${r.attrs.rows}${r.attrs.samplesPerPixel === 1 ? '' : `x${r.attrs.samplesPerPixel}`}`;
    for (const frame of r.attrs.frames) {
      const o = frame.orientation;
      let part = parts.find((p) => p.sizeKey === sizeKey && (p.orientation === null ? o === null : o !== null && sameOrientation(p.orientation, o)));
      if (!part) {
        part = { entries: [], sizeKey, orientation: o };
        parts.push(part);
      }
      part.entries.push({ key: r.key, file: r.file, instanceNumber: r.attrs.instanceNumber, frame, instance: r.attrs });
    }
  }
  return parts;
}

function distinct<T>(values: readonly T[], keyOf: (v: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const v of values) if (!seen.has(keyOf(v))) seen.set(keyOf(v), v);
  return [...seen.values()];
}

/**
 * The series of one Series Instance UID. Records are taken in key order, so the result does not depend
 * on arrival order; a second copy of a SOP Instance UID is dropped with a warning.
 */
export function seriesOfUid(uid: string, records: readonly InstanceRecord[]): DicomSeries[] {
  const sorted = [...records].sort((a, b) => compareText(a.key, b.key));
  const seenSop = new Set<string>();
  const kept: InstanceRecord[] = [];
  let copies = 0;
  for (const r of sorted) {
    const sop = r.attrs.sopInstanceUID;
    if (sop !== null && seenSop.has(sop)) {
      copies++;
      continue;
    }
    if (sop !== null) seenSop.add(sop);
    kept.push(r);
  }
  const parts = splitParts(kept);
  const sizes = distinct(parts, (p) => p.sizeKey).length;
  const shared: SeriesWarning[] = [];
  if (uid === '') shared.push({ code: 'series-missing-uid', message: 'These files have no Series Instance UID (0020,000E), so they were grouped together.' });
  if (copies > 0) shared.push({ code: 'series-duplicate-instance', message: `${copies} file(s) repeat the SOP Instance UID of another file (copies); one of each was kept.` });
  if (sizes > 1) shared.push({ code: 'series-mixed-size', message: `Series ${uid || '(no UID)'} holds images of ${sizes} sizes (${distinct(parts, (p) => p.sizeKey).map((p) => p.sizeKey).join(', ')}); it was split into one series per size.` });
  const orientations: (Orientation | null)[] = [];
  for (const p of parts) {
    const o = p.orientation;
    if (!orientations.some((q) => (q === null ? o === null : o !== null && sameOrientation(q, o)))) orientations.push(o);
  }
  if (orientations.length > 1) shared.push({ code: 'series-mixed-orientation', message: `Series ${uid || '(no UID)'} holds images in ${orientations.length} orientations; it was split into one series per orientation.` });
  const usedIds = new Set<string>();
  return parts.map((part) => {
    let id = uid;
    if (parts.length > 1) {
      const base = `${uid}:${part.sizeKey}:${part.orientation ? planeNameOf(part.orientation) : 'unoriented'}`;
      id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    }
    usedIds.add(id);
    return buildSeries(id, uid, part, shared);
  });
}

function buildSeries(id: string, uid: string, part: Part, shared: readonly SeriesWarning[]): DicomSeries {
  const firstEntry = part.entries[0];
  if (!firstEntry) throw new Error('A series part without frames.');
  const shape = {
    orientation: part.orientation,
    pixelSpacing: firstEntry.frame.pixelSpacing,
    sliceThickness: firstEntry.frame.sliceThickness,
  };
  const stack = orderStack(part.entries, shape);
  const warnings = [...shared, ...stack.warnings];
  const rescales = distinct(part.entries.map((e) => e.frame.rescale), (r) => `${r.slope}/${r.intercept}`);
  if (rescales.length > 1) {
    const shown = rescales.slice(0, 3).map((r) => `${r.slope}/${r.intercept}`).join(', ');
    warnings.push({ code: 'series-mixed-rescale', message: `Rescale slope/intercept differ between frames (${rescales.length} pairs: ${shown}${rescales.length > 3 ? ', …' : ''}); the volume holds float32 modality values.` });
  }
  const formats = distinct(part.entries.map((e) => e.instance.pixelFormat), (f) => f);
  if (formats.length > 1) {
    warnings.push({ code: 'series-mixed-pixel-format', message: `Frames are stored in ${formats.length} pixel formats (element/bits allocated/signedness: ${formats.join(', ')}); the volume holds float32 modality values.` });
  }
  const head = stack.frames[0] ?? firstEntry;
  const headEntry = part.entries.find((e) => e.key === head.key && e.frame.frameIndex === head.frameIndex) ?? firstEntry;
  const instance = headEntry.instance;
  return {
    id,
    seriesInstanceUID: uid,
    seriesNumber: instance.seriesNumber,
    modality: instance.modality,
    description: instance.description,
    frames: stack.frames,
    rows: instance.rows,
    columns: instance.columns,
    samplesPerPixel: instance.samplesPerPixel,
    orientation: part.orientation,
    pixelSpacing: shape.pixelSpacing,
    sliceThickness: shape.sliceThickness,
    geometry: stack.geometry,
    warnings,
    frameTimeMs: instance.frameTimeMs,
    enhanced: part.entries.some((e) => e.instance.enhanced),
    windows: headEntry.frame.windows,
  };
}
