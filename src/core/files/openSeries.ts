import { ImageError, isInputError, toPayload, type ErrorPayload } from '../errors';
import { createSeriesBuilder, parseDicom, type DicomSeries, type ParseOptions } from '../dicom';
import type { Image8 } from '../imaging/image8';
import { planeAxes } from '../imaging/reformat';
import type { Window } from '../imaging/voi';
import type { Volume } from '../imaging/volume';
import type { Plane } from '../imaging/volumeSlice';
import { seriesVolumeImage } from '../viewer/seriesVolumeImage';
import { detectFormat } from './detectFormat';
import { voiOf } from './renderImage';

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
 * One slice of a series' volume (from seriesToVolume) as `voxel-lab render DIR` writes it: extractSlice in
 * the radiological orientation, displayed as the viewer shows it (seriesVolumeImage).
 */
export async function renderSeriesSlice(series: DicomSeries, volume: Volume, o: SeriesRenderOptions = {}): Promise<RenderedSeriesSlice> {
  const plane = o.plane ?? 'axial';
  const count = planeAxes(volume, plane).count;
  const slice = o.slice ?? Math.floor(count / 2);
  if (!Number.isInteger(slice) || slice < 0 || slice >= count) {
    throw new ImageError('image-invalid-option', `Slice ${slice} does not exist; the series has ${count} ${plane} slices, numbered from 0.`);
  }
  const image = seriesVolumeImage(series, volume, { name: series.id });
  const r = await image.render({ view: plane, index: slice, voi: voiOf(o), invert: o.invert ?? false, colormap: 'grey' });
  return { image: r.image, window: r.window, plane, slice, count };
}
