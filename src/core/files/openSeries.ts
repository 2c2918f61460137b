import { ImageError, isInputError, toPayload, type ErrorPayload } from '../errors';
import { createSeriesBuilder, displayPipelineOf, parseDicom, type DicomSeries, type ParseOptions } from '../dicom';
import type { Image8 } from '../imaging/image8';
import { extractSlice, planeAxes } from '../imaging/reformat';
import { windowToByte, type VoiFunction, type Window } from '../imaging/voi';
import type { Volume } from '../imaging/volume';
import type { Plane } from '../imaging/volumeSlice';
import { windowPresetByName, windowPresets } from '../imaging/windowPresets';
import { detectFormat } from './detectFormat';

/** One file of a folder or selection: `name` is the caller's key (a path or URI). */
export interface SeriesSource {
  name: string;
  bytes: Uint8Array;
}

/** A file that is in no series, and why: not DICOM, a DICOM file without an image, or a broken one. */
export type SkippedSource =
  | { name: string; reason: 'not-dicom' | 'no-image' }
  | { name: string; reason: 'invalid'; error: ErrorPayload };

export interface SeriesScan {
  series: DicomSeries[];
  skipped: SkippedSource[];
}

/**
 * Parses each file and assembles the DICOM images into series (assembleSeries). A bad or foreign file
 * is listed in `skipped` and the others go on; only our own bugs throw.
 */
export function scanSeries(sources: Iterable<SeriesSource>, options: ParseOptions = {}): SeriesScan {
  const builder = createSeriesBuilder();
  const skipped: SkippedSource[] = [];
  for (const { name, bytes } of sources) {
    if (detectFormat(bytes, name) !== 'dicom') {
      skipped.push({ name, reason: 'not-dicom' });
      continue;
    }
    try {
      if (!builder.add(name, parseDicom(bytes, options))) skipped.push({ name, reason: 'no-image' });
    } catch (e) {
      if (!isInputError(e)) throw e;
      skipped.push({ name, reason: 'invalid', error: toPayload(e) });
    }
  }
  return { series: builder.series(), skipped };
}

export interface SeriesRenderOptions {
  /** 'axial' by default. */
  plane?: Plane;
  /** The slice along `plane`, the middle one by default. */
  slice?: number;
  /** A window in modality units (LINEAR); else `preset`; else the series' first window; else the full range. */
  window?: Window;
  preset?: string;
  invert?: boolean;
}

export interface RenderedSeriesSlice {
  image: Image8;
  /** The window applied; null for colour. */
  window: Window | null;
  plane: Plane;
  slice: number;
  /** Slices along `plane`. */
  count: number;
}

/**
 * One slice of a series' volume (from seriesToVolume) as `voxel-lab render DIR` writes it: extractSlice
 * in the radiological orientation, then the VOI of the series' first file as for a single DICOM frame
 * (its first window and VOI LUT Function, PS3.3 C.11.2; MONOCHROME1 inverted). VOI LUT Sequences are not
 * applied to volumes: without a window the full range of the volume's values is shown.
 */
export function renderSeriesSlice(series: DicomSeries, volume: Volume, o: SeriesRenderOptions = {}): RenderedSeriesSlice {
  const plane = o.plane ?? 'axial';
  const count = planeAxes(volume, plane).count;
  const slice = o.slice ?? Math.floor(count / 2);
  if (!Number.isInteger(slice) || slice < 0 || slice >= count) {
    throw new ImageError('image-invalid-option', `Slice ${slice} does not exist; the series has ${count} ${plane} slices, numbered from 0.`);
  }
  const s = extractSlice(volume, plane, slice);
  const first = series.frames[0];
  const pipeline = first ? displayPipelineOf(first.file) : null;
  const invert = (o.invert ?? false) !== (pipeline?.invert ?? false);
  if (s.samplesPerPixel === 3) {
    const data = new Uint8Array(s.values.length);
    for (let i = 0; i < data.length; i++) {
      const v = Math.min(255, Math.max(0, Math.round(s.values[i] as number)));
      data[i] = o.invert ? 255 - v : v;
    }
    return { image: { width: s.width, height: s.height, channels: 3, data }, window: null, plane, slice, count };
  }
  const { window, fn } = windowFor(series, volume, o, pipeline?.voiFunction ?? 'LINEAR');
  const range = pipeline?.windowOutputRange;
  const data = new Uint8Array(s.width * s.height);
  for (let i = 0; i < data.length; i++) {
    const v = windowToByte(s.values[i] as number, window, fn, range);
    data[i] = invert ? 255 - v : v;
  }
  return { image: { width: s.width, height: s.height, channels: 1, data }, window, plane, slice, count };
}

function windowFor(series: DicomSeries, volume: Volume, o: SeriesRenderOptions, fileFn: VoiFunction): { window: Window; fn: VoiFunction } {
  if (o.window) return { window: o.window, fn: 'LINEAR' };
  if (o.preset !== undefined) {
    const p = windowPresetByName(o.preset);
    if (!p) throw new ImageError('image-invalid-option', `Unknown window preset "${o.preset}"; presets: ${windowPresets.map((x) => x.name).join(', ')}.`);
    return { window: { center: p.center, width: p.width }, fn: 'LINEAR' };
  }
  const w = series.windows.find((x) => Number.isFinite(x.center) && Number.isFinite(x.width));
  if (w) return { window: { center: w.center, width: w.width }, fn: fileFn };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < volume.voxels.length; i++) {
    const x = volume.voxels[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const { slope, intercept } = volume.rescale;
  const [lo, hi] = [min * slope + intercept, max * slope + intercept].sort((a, b) => a - b) as [number, number];
  // LINEAR_EXACT maps lo to black and hi to white exactly (PS3.3 C.11.2.1.3.2).
  return { window: { center: (lo + hi) / 2, width: Math.max(hi - lo, Number.EPSILON) }, fn: 'LINEAR_EXACT' };
}
