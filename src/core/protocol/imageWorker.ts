import type { Image8 } from '../imaging/image8';

/** What the viewer shows about an opened file (header facts, no pixels). */
export interface ImageSummary {
  format: 'dicom' | 'nifti';
  name: string;
  modality: string | null;
  width: number;
  height: number;
  /** Frames of a DICOM object, or axial slices of a NIfTI volume. */
  frames: number;
  /** [row, column] spacing in mm, when the file states it. */
  pixelSpacing: [number, number] | null;
  /** e.g. "MONOCHROME2", or the NIfTI datatype name. */
  pixelKind: string | null;
  /** Transfer syntax name (DICOM) or "NIfTI-1"/"NIfTI-2". */
  encoding: string | null;
  description: string | null;
  /** The file's own windows, first = default (DICOM Window Center/Width; NIfTI cal_min/cal_max). */
  windows: { center: number; width: number; label: string }[];
}

/** One frame ready to paint: `image` is the default rendering (what `voxel-lab render` writes). */
export interface DisplayFrame {
  index: number;
  image: Image8;
  /** The window `image` was rendered with, or null when a VOI LUT, a palette or true colour decided. */
  window: { center: number; width: number } | null;
}

/** Requests the page sends to its image worker (a Web Worker of the webview). */
export type ImageWorkerMethods = {
  open: { args: { name: string; bytes: Uint8Array }; result: ImageSummary };
  frame: { args: { index: number; initialWindow: 'file' | 'fullRange' }; result: DisplayFrame };
};

/**
 * Requests the worker sends to its page. A webview's blob-started worker cannot fetch extension resources
 * (the webview's service worker does not serve it), so the page fetches the codecs' WASM for it.
 */
export type ImageWorkerPageMethods = {
  fetchAsset: { args: { file: string }; result: ArrayBuffer };
};
