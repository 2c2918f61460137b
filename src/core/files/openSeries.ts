import { ImageError, isInputError, toPayload, type ErrorPayload } from '../errors';
import { createSeriesBuilder, parseDicom, parseDicomHeader, releaseParsedHeader, type DicomFile, type DicomSeries, type ParseOptions, type SeriesFileReader } from '../dicom';
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

/** A file to scan by name, with its size in bytes. */
export interface SeriesFileEntry {
  name: string;
  size: number;
}

/**
 * First bytes read of each file: enough for the headers of real CT and MR files, private groups included.
 * A longer header (enhanced multi-frame functional groups, ICC profiles, big private groups) is read again with
 * the next size, then whole. Kept by the series, so small.
 */
const HEADER_READS = [8 * 1024, 64 * 1024, 1024 * 1024];

/**
 * scanSeries for files read through `files`: only each file's header is read (parseDicomHeader), so a series
 * holds headers, not pixels; seriesToVolume with the same reader then reads each native frame straight into the
 * volume. Files whose header cannot be read apart (deflated, or longer than the reads above) are read whole.
 * Errors of the reader that are input errors (unreadable files) skip the file, as bad files do.
 */
export async function scanSeriesFiles(entries: Iterable<SeriesFileEntry>, files: SeriesFileReader, options: ParseOptions = {}): Promise<SeriesScan> {
  const builder = createSeriesBuilder();
  const skipped: SkippedSource[] = [];
  for (const { name, size } of entries) {
    try {
      const first = await readPrefix(files, name, Math.min(size, HEADER_READS[0] as number));
      if (detectFormat(first, name) !== 'dicom') {
        skipped.push({ name, reason: 'not-dicom' });
        continue;
      }
      const file = (await readHeader(files, name, size, first, options)) ?? parseDicom(await files.readFile(name), options);
      if (!builder.add(name, file)) skipped.push({ name, reason: 'no-image' });
      // The series has read what it needs: the elements go young, not copied by every collection of the scan.
      releaseParsedHeader(file);
    } catch (e) {
      if (!isInputError(e)) throw e;
      skipped.push({ name, reason: 'invalid', error: toPayload(e) });
    }
  }
  return { series: builder.series(), skipped };
}

async function readPrefix(files: SeriesFileReader, name: string, length: number): Promise<Uint8Array> {
  const prefix = new Uint8Array(length);
  return prefix.subarray(0, await files.readInto(name, 0, prefix));
}

/** The header from the first bytes, read again longer while it does not fit (a small file: all of it); null: read the whole file. */
async function readHeader(files: SeriesFileReader, name: string, size: number, first: Uint8Array, options: ParseOptions): Promise<DicomFile | null> {
  let prefix = first;
  for (const length of HEADER_READS) {
    if (length > prefix.length && length < size) prefix = await readPrefix(files, name, length);
    // The whole file is in hand: parse it as a whole.
    if (prefix.length >= size) return parseDicom(prefix, options);
    const header = parseDicomHeader(prefix, size, options);
    if (header || prefix.length < length) return header;
  }
  return null;
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
