import type { Image8 } from '../imaging/image8';
import type { Plane } from '../imaging/volumeSlice';
import type { Vec3 } from '../imaging/volume';
import type { TagNode } from '../dicom/types';

/** A view of an image: its stack (DICOM frames, series slices, NIfTI axial slices) or a plane of its volume. */
export type ViewKind = 'stack' | Plane;

export interface ViewGeometry {
  width: number;
  height: number;
  /** Number of frames/slices along this view. */
  count: number;
  /** [row, column] spacing in mm, when known. */
  pixelSpacing: [number, number] | null;
}

/** What the viewer shows about an opened image (header facts, no pixels). */
export interface ImageSummary {
  format: 'dicom' | 'nifti';
  name: string;
  modality: string | null;
  description: string | null;
  /** Transfer syntax name (DICOM) or "NIfTI-1"/"NIfTI-2". */
  encoding: string | null;
  /** e.g. "MONOCHROME2 12-bit", or the NIfTI datatype. */
  pixelKind: string | null;
  /** True for grey images (windowing applies); false for RGB, YBR and palette colour. */
  grey: boolean;
  /** Unit of modality values for the probe: "HU" for CT, "" when unknown. */
  unit: string;
  /** Float data such as parametric maps: a colormap is offered first. */
  parametric: boolean;
  views: Partial<Record<ViewKind, ViewGeometry>>;
  /** The file's own windows, first = default (DICOM Window Center/Width; NIfTI cal_min/cal_max). */
  windows: { center: number; width: number; label: string }[];
  /** The file chooses its display through a VOI LUT (no window to show). */
  voiLut: boolean;
  /** Min and max modality value of the first frame or the volume: the scale of window/level dragging. */
  valueRange: { min: number; max: number };
  /** Time between frames in ms (cine), when the file states it. */
  frameTimeMs: number | null;
  /** Timepoints of a 4D volume (1 otherwise). */
  timepoints: number;
  /** Series assembly warnings (gaps, uneven spacing, …) and the like. */
  warnings: string[];
}

/** How to map values to grey: the file's own VOI, a window in modality units, or the full value range. */
export type VoiChoice = { kind: 'file' } | { kind: 'window'; center: number; width: number } | { kind: 'fullRange' };

export type ColormapName = 'grey' | 'hot' | 'viridis' | 'jet';

export interface RenderRequest {
  view: ViewKind;
  index: number;
  timepoint?: number;
  voi: VoiChoice;
  invert: boolean;
  colormap: ColormapName;
}

export interface RenderResult {
  view: ViewKind;
  index: number;
  /** Pixels for the canvas; its buffer is transferred to the page. */
  image: Image8;
  /** The window applied (null when a VOI LUT, a palette or true colour decided). */
  window: { center: number; width: number } | null;
}

export interface ProbeRequest {
  view: ViewKind;
  index: number;
  timepoint?: number;
  /** Image pixel coordinates (column, row), 0-based; fractions pick the pixel they fall in. */
  x: number;
  y: number;
}

export interface ProbeResult {
  inside: boolean;
  /** Stored sample values (one per sample). */
  stored: number[];
  /** Modality values (e.g. HU), one per sample. */
  modality: number[];
  unit: string;
  /** Voxel index (i, j, k) in the volume, or (column, row, frame) in a stack. */
  ijk: Vec3;
  /** LPS position in mm, when the geometry is known. */
  lps: Vec3 | null;
  /** Where this point lies in each plane of a volume (slice index and pixel), for the linked crosshair. */
  planes: Partial<Record<Plane, { index: number; x: number; y: number }>> | null;
}

/** One row of the NIfTI header view. */
export interface HeaderField {
  name: string;
  value: string;
}

export type ImageTags = { kind: 'dicom'; tags: TagNode[] } | { kind: 'nifti'; fields: HeaderField[] };

/** Requests the page sends to its image worker (a Web Worker of the webview). */
export type ImageWorkerMethods = {
  /**
   * Opens one file and, when asked, renders the first view in the same round trip (the first pixel is what
   * the user waits for). `first.view` falls back to the stack when the image has no such view.
   */
  open: { args: { name: string; bytes: Uint8Array; first?: RenderRequest }; result: { summary: ImageSummary; first: RenderResult | null } };
  /** Starts a series of `total` files; then `addFiles` as they arrive, and `finishSeries`. */
  beginSeries: { args: { name: string; total: number }; result: null };
  /** Adds files to the series; returns the summary so far (the first file makes it viewable). */
  addFiles: {
    args: { files: { name: string; bytes: Uint8Array }[]; first?: RenderRequest };
    result: { loaded: number; failed: { name: string; message: string }[]; summary: ImageSummary | null; first: RenderResult | null };
  };
  /** Sorts the series and builds its volume; returns the final summary. */
  finishSeries: { args: Record<string, never>; result: ImageSummary };
  render: { args: RenderRequest; result: RenderResult };
  probe: { args: ProbeRequest; result: ProbeResult };
  tags: { args: { index: number }; result: ImageTags };
};

/** Events the worker sends its page while it works (building a series volume takes seconds). */
export type ImageWorkerEvent = { type: 'progress'; done: number; total: number; label: string };

/**
 * Requests the worker sends to its page. A webview's blob-started worker cannot fetch extension resources
 * (the webview's service worker does not serve it), so the page fetches the codecs' WASM for it.
 */
export type ImageWorkerPageMethods = {
  fetchAsset: { args: { file: string }; result: ArrayBuffer };
};
