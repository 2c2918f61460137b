import type { ErrorPayload } from '../errors';

/** What a viewer tab restores when it is hidden and shown again (webview getState/setState). */
export interface ViewerState {
  frame?: number;
  window?: { center: number; width: number };
}

/** The file the host hands to the viewer. Bytes are transferred; the webview decodes them in its worker. */
export interface ViewerFile {
  name: string;
  uri: string;
  byteLength: number;
}

export type ViewerToHostEvent =
  | { type: 'ready'; restored?: ViewerState }
  /** The first image is on the canvas; `ms` from the page's start. Tests and benchmarks wait for it. */
  | { type: 'rendered'; ms: number; width: number; height: number; format: string }
  | { type: 'failed'; error: ErrorPayload }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** User settings (voxelLab.viewer.*) the page applies. */
export interface ViewerSettings {
  initialWindow: 'file' | 'fullRange';
  smoothing: boolean;
}

export type HostToViewerEvent =
  | { type: 'open'; file: ViewerFile; bytes: Uint8Array; settings: ViewerSettings }
  | { type: 'openFailed'; file: ViewerFile; error: ErrorPayload };

/** Requests the host answers for the viewer (none yet in this milestone's slice). */
export type ViewerHostMethods = Record<never, { args: unknown; result: unknown }>;
/** Requests the viewer answers for the host (tests use them to read what is shown). */
export type ViewerPageMethods = {
  describeView: { args: Record<string, never>; result: ViewerDescription };
};

export interface ViewerDescription {
  format: string | null;
  width: number;
  height: number;
  modality: string | null;
  error: ErrorPayload | null;
}
