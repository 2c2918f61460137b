import { ImageError } from '../errors';
import {
  createGreyRenderer, decodeFrame, displayPipelineOf, parseDicom, renderDicomFrame, transferSyntaxOf,
  type DicomFile,
} from '../dicom';
import { readNifti, type NiftiImage } from '../nifti';
import type { Image8 } from '../imaging/image8';
import type { ImageSummary } from '../protocol/imageWorker';
import { extractSlice, planeAxes } from '../imaging/reformat';
import type { Plane } from '../imaging/volumeSlice';
import { windowPresetByName, windowPresets } from '../imaging/windowPresets';
import { windowToByte, type Window } from '../imaging/voi';
import { percentileRange, windowForRange } from '../imaging/windowRange';
import { detectFormat } from './detectFormat';

export interface RenderOptions {
  /** DICOM: the frame (0-based). NIfTI: the timepoint of a 4D volume. */
  frame?: number;
  /** NIfTI: the slice along `plane` (middle slice by default). */
  slice?: number;
  plane?: Plane;
  window?: Window;
  preset?: string;
  invert?: boolean;
  /** Without window/preset: the file's own window ('file', the default) or the full range of the values. */
  initialWindow?: 'file' | 'fullRange';
}

export interface RenderedImage {
  image: Image8;
  /** The window applied, or null when a VOI LUT, a palette or true colour decided. */
  window: Window | null;
}

/** A decoded-on-demand image file: its summary now, any frame or slice rendered when asked. */
export interface OpenedImage {
  summary: ImageSummary;
  render(options: RenderOptions): Promise<RenderedImage>;
  /** The viewer's stack: DICOM frames, or axial slices of a NIfTI volume. */
  frame(index: number, initialWindow: 'file' | 'fullRange'): Promise<{ index: number } & RenderedImage>;
}

/** Opens DICOM or NIfTI bytes (format from the bytes, then the name). Throws VoxelError on bad input. */
export async function openImage(bytes: Uint8Array, name: string): Promise<OpenedImage> {
  if (bytes.length === 0) throw new ImageError('image-empty-file', `${name || 'The file'} is empty (0 bytes); nothing to show.`);
  const format = detectFormat(bytes, name);
  if (format === 'dicom') return openDicom(parseDicom(bytes), name);
  if (format === 'nifti') return openNifti(await readNifti(bytes, { fileName: name }), name);
  if (format === 'png') throw new ImageError('image-unsupported-format', `${name} is a PNG; the viewer shows DICOM and NIfTI.`);
  throw new ImageError('image-unknown-format', `${name || 'The file'} is neither DICOM (no "DICM" at byte 128 and no dataset at byte 0) nor NIfTI (no 348/540-byte header, not gzip).`);
}

function presetWindow(name: string): Window {
  const p = windowPresetByName(name);
  if (!p) throw new ImageError('image-invalid-option', `Unknown window preset "${name}"; presets: ${windowPresets.map((x) => x.name).join(', ')}.`);
  return { center: p.center, width: p.width };
}

function openDicom(file: DicomFile, name: string): OpenedImage {
  const info = file.info;
  const pipeline = displayPipelineOf(file);
  const grey = pipeline.colorSpace === 'MONOCHROME' || (pipeline.colorSpace === 'PALETTE' && !pipeline.palette);
  const summary: ImageSummary = {
    format: 'dicom',
    name,
    modality: info.modality,
    width: info.columns ?? 0,
    height: info.rows ?? 0,
    frames: info.numberOfFrames,
    pixelSpacing: info.pixelSpacing ?? info.imagerPixelSpacing,
    pixelKind: [info.photometricInterpretation, info.bitsStored ? `${info.bitsStored}-bit` : null, info.pixelRepresentation === 1 ? 'signed' : null].filter(Boolean).join(' ') || null,
    encoding: transferSyntaxOf(info.effectiveTransferSyntaxUID).name,
    description: info.seriesDescription ?? info.studyDescription,
    windows: pipeline.windows.map((w) => ({ center: w.center, width: w.width, label: w.explanation ?? `W ${w.width} L ${w.center}` })),
  };
  const render = async (o: RenderOptions): Promise<RenderedImage> => {
    if (o.plane !== undefined || o.slice !== undefined) {
      throw new ImageError('image-invalid-option', `${name} is a single DICOM object: --plane and --slice apply to volumes (NIfTI); use --frame.`);
    }
    const frame = o.frame ?? 0;
    if (!Number.isInteger(frame) || frame < 0 || frame >= info.numberOfFrames) {
      throw new ImageError('image-invalid-option', `Frame ${frame} does not exist; ${name} has ${info.numberOfFrames} frame(s), numbered from 0.`);
    }
    const window = o.window ?? (o.preset !== undefined ? presetWindow(o.preset) : undefined);
    if (grey && !window && o.initialWindow === 'fullRange') {
      const decoded = await decodeFrame(file, frame);
      const data = createGreyRenderer(pipeline).render(decoded.pixels, { kind: 'full-range' }, { invert: o.invert ?? false });
      return { image: { width: decoded.columns, height: decoded.rows, channels: 1, data }, window: null };
    }
    const image = await renderDicomFrame(file, { frame, invert: o.invert ?? false, ...(window ? { window } : {}) });
    const fileWindow = pipeline.voiLuts.length === 0 ? pipeline.windows[0] : undefined;
    return { image, window: grey ? (window ?? (fileWindow ? { center: fileWindow.center, width: fileWindow.width } : null)) : null };
  };
  return { summary, render, frame: async (index, initialWindow) => ({ index, ...(await render({ frame: index, initialWindow })) }) };
}

function openNifti(img: NiftiImage, name: string): OpenedImage {
  const { header, volume } = img;
  const axial = planeAxes(volume, 'axial');
  const calibrated = Number.isFinite(header.calMin) && Number.isFinite(header.calMax) && header.calMax > header.calMin;
  let defaultWindow: Window | undefined;
  // One display range for the whole volume, so scrolling keeps a constant window.
  const volumeWindow = (): Window => {
    if (!defaultWindow) {
      if (calibrated) defaultWindow = windowForRange({ min: header.calMin, max: header.calMax });
      else {
        const r = percentileRange(volume.voxels, 0.5, 99.5);
        const { slope, intercept } = volume.rescale;
        const a = r.min * slope + intercept;
        const b = r.max * slope + intercept;
        defaultWindow = windowForRange(a < b ? { min: a, max: b } : a > b ? { min: b, max: a } : { min: a - 0.5, max: a + 0.5 });
      }
    }
    return defaultWindow;
  };
  const summary: ImageSummary = {
    format: 'nifti',
    name,
    modality: null,
    width: axial.width,
    height: axial.height,
    frames: axial.count,
    pixelSpacing: [volume.spacing[axial.rowAxis], volume.spacing[axial.colAxis]],
    pixelKind: header.datatypeName,
    encoding: `NIfTI-${header.version}`,
    description: header.description || null,
    windows: calibrated ? [{ ...windowForRange({ min: header.calMin, max: header.calMax }), label: 'cal_min – cal_max' }] : [],
  };
  const render = async (o: RenderOptions): Promise<RenderedImage> => {
    const plane = o.plane ?? 'axial';
    const count = planeAxes(volume, plane).count;
    const index = o.slice ?? Math.floor(count / 2);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new ImageError('image-invalid-option', `Slice ${index} does not exist; ${name} has ${count} ${plane} slices, numbered from 0.`);
    }
    const t = o.frame ?? 0;
    if (!Number.isInteger(t) || t < 0 || t >= volume.timepoints) {
      throw new ImageError('image-invalid-option', `Timepoint ${t} does not exist; ${name} has ${volume.timepoints}, numbered from 0 (--frame).`);
    }
    const slice = extractSlice(volume, plane, index, t);
    const window = o.window ?? (o.preset !== undefined ? presetWindow(o.preset) : volumeWindow());
    const exact = o.window === undefined && o.preset === undefined;
    const data = new Uint8Array(slice.width * slice.height * slice.samplesPerPixel);
    const fn = exact ? 'LINEAR_EXACT' : 'LINEAR';
    if (slice.samplesPerPixel === 3 && exact) {
      // RGB24 voxels are display values already.
      for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(slice.values[i] ?? 0)));
    } else {
      for (let i = 0; i < data.length; i++) data[i] = windowToByte(slice.values[i] ?? 0, window, fn);
    }
    if (o.invert) for (let i = 0; i < data.length; i++) data[i] = 255 - (data[i] ?? 0);
    const channels = slice.samplesPerPixel === 3 ? 3 : 1;
    return { image: { width: slice.width, height: slice.height, channels, data }, window };
  };
  return { summary, render, frame: async (index) => ({ index, ...(await render({ slice: index })) }) };
}
