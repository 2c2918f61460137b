import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../../imaging/volume';
import { readDecimal, readDecimals, readStrings, readVector, textDecoderFor } from '../dataSetValues';
import type { DicomFile } from '../parseDicom';
import type { DicomWindow } from '../types';
import type { Orientation } from './seriesTypes';
import { axesOf } from './vec3';

/** What series assembly needs of one frame, wherever the file keeps it. */
export interface FrameAttributes {
  frameIndex: number;
  position: Vec3 | null;
  orientation: Orientation | null;
  /** [between rows, between columns] in mm. */
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
  rescale: { slope: number; intercept: number };
  windows: DicomWindow[];
}

/** What series assembly needs of one file: identity, size, pixel format and its frames. */
export interface InstanceAttributes {
  seriesInstanceUID: string | null;
  sopInstanceUID: string | null;
  seriesNumber: number | null;
  instanceNumber: number | null;
  modality: string | null;
  description: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** Frames with the same value here decode to the same typed array kind. */
  pixelFormat: string;
  enhanced: boolean;
  frameTimeMs: number | null;
  frames: FrameAttributes[];
}

const SHARED_GROUPS = 'x52009229';
const PER_FRAME_GROUPS = 'x52009230';

const item0 = (ds: DataSet | undefined, key: string): DataSet | undefined => ds?.elements[key]?.items?.[0]?.dataSet;

function vec3(ds: DataSet | undefined): Vec3 | null {
  const v = ds ? readVector(ds, 'x00200032', 3) : null;
  return v ? [v[0] as number, v[1] as number, v[2] as number] : null;
}

function orientation(ds: DataSet | undefined): Orientation | null {
  const v = ds ? readVector(ds, 'x00200037', 6) : null;
  if (!v) return null;
  const o = v as Orientation;
  // A zero row or column vector cannot orient anything; treat it as absent.
  const [row, col] = axesOf(o);
  return row.some((x) => x !== 0) && col.some((x) => x !== 0) ? o : null;
}

function spacing(ds: DataSet | undefined): [number, number] | null {
  const v = ds ? readVector(ds, 'x00280030', 2) : null;
  return v && (v[0] as number) > 0 && (v[1] as number) > 0 ? [v[0] as number, v[1] as number] : null;
}

function windowsOf(ds: DataSet | undefined): DicomWindow[] {
  if (!ds) return [];
  const centers = readDecimals(ds, 'x00281050');
  const widths = readDecimals(ds, 'x00281051');
  const explanations = readStrings(ds, 'x00281055', textDecoderFor(ds));
  const out: DicomWindow[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    out.push({ center: centers[i] as number, width: widths[i] as number, explanation: explanations[i] || null });
  }
  return out;
}

function rescaleOf(ds: DataSet | undefined, fallback: { slope: number; intercept: number }): { slope: number; intercept: number } {
  if (!ds) return fallback;
  const slope = readDecimal(ds, 'x00281053');
  const intercept = readDecimal(ds, 'x00281052');
  if (slope === null && intercept === null) return fallback;
  return { slope: slope === null || slope === 0 ? 1 : slope, intercept: intercept ?? 0 };
}

/**
 * Frames of an enhanced multi-frame object (PS3.3 C.7.6.16): each functional group macro is looked up
 * in the frame's Per-Frame Functional Groups item first, then in the Shared item, then at the top level
 * (Legacy Converted and some Parametric Maps keep the classic attributes there).
 */
function enhancedFrames(file: DicomFile, top: FrameAttributes): FrameAttributes[] {
  const ds = file.dataSet;
  const shared = ds.elements[SHARED_GROUPS]?.items?.[0]?.dataSet;
  const perFrame = ds.elements[PER_FRAME_GROUPS]?.items ?? [];
  const frames: FrameAttributes[] = [];
  for (let f = 0; f < file.info.numberOfFrames; f++) {
    const own = perFrame[f]?.dataSet;
    const macro = (key: string) => item0(own, key) ?? item0(shared, key);
    const measures = macro('x00289110'); // Pixel Measures (C.7.6.16.2.1)
    const voi = macro('x00289132'); // Frame VOI LUT (C.7.6.16.2.10)
    const windows = windowsOf(voi);
    frames.push({
      frameIndex: f,
      position: vec3(macro('x00209113')) ?? top.position, // Plane Position (Patient) (C.7.6.16.2.3)
      orientation: orientation(macro('x00209116')) ?? top.orientation, // Plane Orientation (Patient) (C.7.6.16.2.4)
      pixelSpacing: spacing(measures) ?? top.pixelSpacing,
      sliceThickness: (measures && readDecimal(measures, 'x00180050')) ?? top.sliceThickness,
      rescale: rescaleOf(macro('x00289145'), top.rescale), // Pixel Value Transformation (C.7.6.16.2.9)
      windows: windows.length > 0 ? windows : top.windows,
    });
  }
  // A multi-frame object whose frames all inherit the one top-level position has no per-frame positions.
  if (frames.length > 1 && top.position && frames.every((fr) => fr.position === top.position)) {
    for (const fr of frames) fr.position = null;
  }
  return frames;
}

/**
 * Frames of a classic object. Single-frame: its own position. Multi-frame with Grid Frame Offset
 * Vector (RT Dose, PS3.3 C.8.8.3.2): frame k lies (offset[k] − offset[0]) mm along the normal from
 * Image Position, which covers both the relative (first offset 0) and the absolute form. Other
 * multi-frame objects (cine, NM) carry no per-frame position: a stack in frame order.
 */
function classicFrames(file: DicomFile, top: FrameAttributes): FrameAttributes[] {
  const n = file.info.numberOfFrames;
  if (n === 1) return [top];
  const offsets = readDecimals(file.dataSet, 'x3004000c');
  const frames: FrameAttributes[] = [];
  for (let f = 0; f < n; f++) {
    let position: Vec3 | null = null;
    if (offsets.length === n && top.position && top.orientation) {
      const normal = axesOf(top.orientation)[2];
      const d = (offsets[f] as number) - (offsets[0] as number);
      position = [top.position[0] + normal[0] * d, top.position[1] + normal[1] * d, top.position[2] + normal[2] * d];
    }
    frames.push({ ...top, frameIndex: f, position });
  }
  return frames;
}

function frameTimeOf(file: DicomFile): number | null {
  const { frameTimeMs, frameTimeVector } = file.info;
  if (frameTimeMs !== null && frameTimeMs > 0) return frameTimeMs;
  // Frame Time Vector: increments from the previous frame, the first being 0 (PS3.3 C.7.6.5.1.2).
  if (frameTimeVector && frameTimeVector.length > 1) {
    const steps = frameTimeVector.slice(1);
    const mean = steps.reduce((s, v) => s + v, 0) / steps.length;
    return mean > 0 ? mean : null;
  }
  return null;
}

/** Series-relevant attributes of a parsed file; null when it holds no image (no pixel data, rows or columns). */
export function readInstance(file: DicomFile): InstanceAttributes | null {
  const info = file.info;
  if (!info.pixelDataTag || !info.rows || !info.columns) return null;
  const ds = file.dataSet;
  const top: FrameAttributes = {
    frameIndex: 0,
    position: info.imagePositionPatient,
    orientation: orientation(ds),
    pixelSpacing: spacing(ds),
    sliceThickness: info.sliceThickness,
    rescale: { slope: info.rescaleSlope === null || info.rescaleSlope === 0 ? 1 : info.rescaleSlope, intercept: info.rescaleIntercept ?? 0 },
    windows: info.windows,
  };
  const enhanced = ds.elements[SHARED_GROUPS] !== undefined || ds.elements[PER_FRAME_GROUPS] !== undefined;
  return {
    seriesInstanceUID: info.seriesInstanceUID,
    sopInstanceUID: info.sopInstanceUID,
    seriesNumber: readDecimal(ds, 'x00200011'),
    instanceNumber: info.instanceNumber,
    modality: info.modality,
    description: info.seriesDescription ?? '',
    rows: info.rows,
    columns: info.columns,
    samplesPerPixel: info.samplesPerPixel ?? 1,
    pixelFormat: `${info.pixelDataTag}/${info.bitsAllocated}/${info.pixelRepresentation ?? 0}`,
    enhanced,
    frameTimeMs: frameTimeOf(file),
    frames: enhanced ? enhancedFrames(file, top) : classicFrames(file, top),
  };
}
