import type { ErrorPayload } from '../errors';
import type { ColormapName, ViewKind, VoiChoice } from './imageWorker';

/** What a viewer tab restores when it is hidden and shown again (webview getState/setState). */
export interface ViewerState {
  layout: 'single' | 'mpr';
  /** The view of the single layout. */
  view: ViewKind;
  indices: Partial<Record<ViewKind, number>>;
  timepoint: number;
  voi: VoiChoice;
  invert: boolean;
  colormap: ColormapName;
  /** Zoom and pan per view; absent = fit. `scale` is screen pixels per image pixel (columns). */
  zoom: Partial<Record<ViewKind, { scale: number; tx: number; ty: number }>>;
  tool: 'pan' | 'ruler' | 'crosshair';
  panel: boolean;
  cineFps: number | null;
  /** A series panel keeps its files, so a reloaded window can reopen it. */
  series?: { title: string; uris: string[] };
}

/** The file the host hands to the viewer. Bytes are transferred; the webview decodes them in its worker. */
export interface ViewerFile {
  name: string;
  uri: string;
  byteLength: number;
}

/** User settings (voxelLab.viewer.*) the page applies. */
export interface ViewerSettings {
  initialWindow: 'file' | 'fullRange';
  smoothing: boolean;
}

export type ViewerToHostEvent =
  | { type: 'ready'; restored?: ViewerState }
  /** The first image is on the canvas: `ms` since the page started, `sinceOpenMs` since the image bytes arrived. */
  | { type: 'rendered'; ms: number; sinceOpenMs: number; width: number; height: number; format: string }
  /** A series finished loading (all files parsed, volume built). */
  | { type: 'seriesLoaded'; ms: number; files: number; failed: number }
  | { type: 'failed'; error: ErrorPayload }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type HostToViewerEvent =
  /** The file to show: the page fetches it from its `data-file-url` (or asks `readFile` when it cannot). */
  | { type: 'open'; file: ViewerFile; settings: ViewerSettings }
  /**
   * A series: the page fetches each file from its `url` (several at a time) and asks `readSeriesFile` for
   * those it cannot fetch (`url` null: a file system the webview's resource loader does not serve).
   */
  | { type: 'openSeries'; title: string; files: { name: string; url: string | null }[]; uris: string[]; settings: ViewerSettings }
  | { type: 'openFailed'; file: ViewerFile; error: ErrorPayload };

/** Requests the host answers for the viewer. */
export type ViewerHostMethods = {
  /** The bytes of the open file, when the page could not fetch them itself. */
  readFile: { args: Record<string, never>; result: Uint8Array };
  /** One file of the open series, by its index in `openSeries.files`. */
  readSeriesFile: { args: { index: number }; result: Uint8Array };
  /** Copies text to the clipboard (tag values). */
  copyText: { args: { text: string }; result: null };
};

/** Requests the viewer answers for the host (tests use them to read what is shown). */
export type ViewerPageMethods = {
  describeView: { args: Record<string, never>; result: ViewerDescription };
};

export interface ViewerDescription {
  format: string | null;
  width: number;
  height: number;
  modality: string | null;
  /** Frames or slices of the stack. */
  count: number;
  index: number;
  error: ErrorPayload | null;
}
