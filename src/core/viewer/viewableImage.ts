import type { ImageSummary, ImageTags, ProbeRequest, ProbeResult, RenderRequest, RenderResult } from '../protocol/imageWorker';

/**
 * An opened image as the viewer uses it, whatever its source (one DICOM file, a series, a NIfTI volume).
 * Lives where decoding happens (the webview's worker, the CLI, tests); answers with plain data.
 */
export interface ViewableImage {
  readonly summary: ImageSummary;
  render(request: RenderRequest): Promise<RenderResult>;
  probe(request: ProbeRequest): Promise<ProbeResult>;
  tags(index: number): Promise<ImageTags>;
}
