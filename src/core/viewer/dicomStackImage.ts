import {
  createGreyRenderer, defaultVoi, displayPipelineOf, listTags, transferSyntaxOf,
  type DecodedFrame, type DicomFile, type DicomImageInfo, type DisplayPipeline, type GreyRenderer, type VoiSelection,
} from '../dicom';
import { ImageError } from '../errors';
import { valueRange } from '../imaging/windowRange';
import { FrameCache } from './frameCache';
import { applyPalette8, ybrFullToRgb } from '../imaging/colorConvert';
import { invertBytes } from '../imaging/displayLut';
import { modalityValue } from '../imaging/displayModality';
import type { Image8 } from '../imaging/image8';
import type { Vec3 } from '../imaging/volume';
import type { ImageSummary, ProbeResult, RenderRequest, VoiChoice } from '../protocol/imageWorker';
import { checkedIndex, greyToImage } from './greyToImage';
import type { ViewableImage } from './viewableImage';

/** One frame of a stack: a frame of a file (a single DICOM object's frames, or a series' slices in order). */
export interface StackEntry {
  file: DicomFile;
  frameIndex: number;
}

/** One DICOM object (single- or multi-frame) as a stack of frames. */
export function openDicomStack(file: DicomFile, name: string, cache = new FrameCache()): Promise<ViewableImage> {
  const entries = Array.from({ length: file.info.numberOfFrames }, (_, frameIndex) => ({ file, frameIndex }));
  return openFrameStack(entries, name, { cache });
}

/**
 * Frames of one or more DICOM files as one stack, displayed with the first file's pipeline settings for
 * the summary and each file's own modality transform and VOI for its pixels.
 */
export async function openFrameStack(
  entries: readonly StackEntry[],
  name: string,
  o: { cache: FrameCache; description?: string | null; warnings?: string[]; frameTimeMs?: number | null },
): Promise<ViewableImage> {
  const head = entries[0];
  if (!head) throw new ImageError('image-no-files', `${name} holds no image frames.`);
  const file = head.file;
  const info = file.info;
  const pipelines = new Map<DicomFile, { pipeline: DisplayPipeline; renderer: GreyRenderer }>();
  const pipelineOf = (f: DicomFile) => {
    let p = pipelines.get(f);
    if (!p) {
      const pipeline = displayPipelineOf(f);
      pipelines.set(f, (p = { pipeline, renderer: createGreyRenderer(pipeline) }));
    }
    return p;
  };
  const pipeline = pipelineOf(file).pipeline;
  const grey = pipeline.colorSpace === 'MONOCHROME' || (pipeline.colorSpace === 'PALETTE' && !pipeline.palette);
  const count = entries.length;
  const frame = (index: number): Promise<DecodedFrame> => {
    const e = entries[index] as StackEntry;
    return o.cache.get(e.file, e.frameIndex);
  };

  const first = await frame(0);
  let min = Infinity;
  let max = -Infinity;
  if (grey) {
    // Rescale is monotonic: the range of the stored values maps to the modality range; a LUT need not be.
    const { min: lo, max: hi } = valueRange(first.pixels);
    if (pipeline.modality.kind === 'lut') {
      for (let v = Math.ceil(lo); v <= hi; v++) {
        const m = modalityValue(v, pipeline.modality);
        if (m < min) min = m;
        if (m > max) max = m;
      }
    } else {
      const a = modalityValue(lo, pipeline.modality);
      const b = modalityValue(hi, pipeline.modality);
      min = Math.min(a, b);
      max = Math.max(a, b);
    }
  } else {
    min = 0;
    max = 255;
  }

  const isFloat = first.pixels instanceof Float32Array || first.pixels instanceof Float64Array;
  const spacing = info.pixelSpacing ?? info.imagerPixelSpacing;
  const summary: ImageSummary = {
    format: 'dicom',
    name,
    modality: info.modality,
    description: o.description !== undefined ? o.description : (info.seriesDescription ?? info.studyDescription),
    encoding: transferSyntaxOf(info.effectiveTransferSyntaxUID).name,
    pixelKind: [info.photometricInterpretation, info.bitsStored ? `${info.bitsStored}-bit` : isFloat ? 'float' : null, info.pixelRepresentation === 1 ? 'signed' : null]
      .filter(Boolean).join(' ') || null,
    grey,
    unit: info.modality === 'CT' && pipeline.modality.kind !== 'identity' ? 'HU' : (info.rescaleType ?? ''),
    parametric: isFloat,
    views: { stack: { width: first.columns, height: first.rows, count, pixelSpacing: spacing } },
    windows: pipeline.windows.map((w) => ({ center: w.center, width: w.width, label: w.explanation ?? `W ${w.width} L ${w.center}` })),
    voiLut: pipeline.voiLuts.length > 0,
    valueRange: { min, max },
    frameTimeMs: o.frameTimeMs !== undefined ? o.frameTimeMs : (info.frameTimeMs ?? (info.frameTimeVector && info.frameTimeVector.length > 1 ? (info.frameTimeVector[1] ?? null) : null)),
    timepoints: 1,
    warnings: o.warnings ?? [],
  };

  const selection = (voi: VoiChoice, p: DisplayPipeline): VoiSelection => {
    if (voi.kind === 'window') return { kind: 'window', center: voi.center, width: voi.width, fn: 'LINEAR' };
    if (voi.kind === 'fullRange') return { kind: 'full-range' };
    return defaultVoi(p);
  };

  const colour = (f: DecodedFrame, invert: boolean, pipeline: DisplayPipeline, info: DicomImageInfo): Image8 => {
    let data: Uint8Array;
    if (f.colorSpace === 'PALETTE' && pipeline.palette) data = applyPalette8(f.pixels, pipeline.palette);
    else if (f.colorSpace === 'YBR_FULL') data = ybrFullToRgb(f.pixels);
    else if (f.pixels instanceof Uint8Array) data = invert ? f.pixels.slice() : f.pixels;
    else data = Uint8Array.from(f.pixels, (v) => Math.min(255, Math.max(0, Math.round((v * 255) / (2 ** (info.bitsStored ?? 8) - 1)))));
    if (invert) invertBytes(data);
    // The page receives this buffer by transfer: never hand over a view of the file or a cached frame.
    if (data === f.pixels || data.buffer === f.pixels.buffer) data = data.slice();
    return { width: f.columns, height: f.rows, channels: 3, data };
  };

  return {
    summary,
    async render(r: RenderRequest) {
      const index = checkedIndex(r.index, count, 'frame');
      const f = await frame(index);
      const e = entries[index] as StackEntry;
      const { pipeline: p, renderer } = pipelineOf(e.file);
      if (!grey) return { view: r.view, index, image: colour(f, r.invert, p, e.file.info), window: null };
      const sel = selection(r.voi, p);
      const bytes = renderer.render(f.pixels, sel, { invert: r.invert });
      return {
        view: r.view,
        index,
        image: greyToImage(bytes, f.columns, f.rows, r.colormap),
        window: sel.kind === 'window' ? { center: sel.center, width: sel.width } : null,
      };
    },
    async probe(p): Promise<ProbeResult> {
      const index = checkedIndex(p.index, count, 'frame');
      const f = await frame(index);
      const x = Math.floor(p.x);
      const y = Math.floor(p.y);
      const inside = x >= 0 && y >= 0 && x < f.columns && y < f.rows;
      const ijk: Vec3 = [x, y, index];
      if (!inside) return { inside, stored: [], modality: [], unit: summary.unit, ijk, lps: null, planes: null };
      const e = entries[index] as StackEntry;
      const at = (y * f.columns + x) * f.samplesPerPixel;
      const stored = Array.from(f.pixels.subarray(at, at + f.samplesPerPixel), Number);
      const modality = grey ? stored.map((s) => modalityValue(s, pipelineOf(e.file).pipeline.modality)) : stored;
      return { inside, stored, modality, unit: summary.unit, ijk, lps: patientPoint(e.file, x, y), planes: null };
    },
    async tags(index) {
      const e = entries[checkedIndex(index, count, 'frame')] as StackEntry;
      return { kind: 'dicom', tags: listTags(e.file) };
    },
  };
}

/** PS3.3 C.7.6.2.1.1: position of pixel (column x, row y) from Image Position/Orientation and Pixel Spacing. */
function patientPoint(file: DicomFile, x: number, y: number): Vec3 | null {
  const { imagePositionPatient: p, imageOrientationPatient: o, pixelSpacing: s } = file.info;
  if (!p || !o || !s) return null;
  const [rowSpacing, colSpacing] = s;
  return [0, 1, 2].map((a) => (p[a] as number) + (o[a] as number) * colSpacing * x + (o[a + 3] as number) * rowSpacing * y) as Vec3;
}
