import { ImageError, isInputError, toPayload, type ErrorPayload } from '../errors';
import { createSeriesBuilder, parseDicom, parseDicomHeader, type DicomSeries, type ParseOptions, type SeriesFileReader } from '../dicom';
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
 * First bytes read of each file: enough for the headers of real CT and MR files, private groups included
 * (a longer header is read whole). Kept by the series, so small.
 */
const HEADER_PREFIX_BYTES = 8 * 1024;

/**
 * scanSeries for files read through `files`: only each file's header is read (parseDicomHeader), so a series
 * holds headers, not pixels; seriesToVolume with the same reader then reads each native frame straight into the
 * volume. Files whose header cannot be read apart (deflated, or longer than the first read) are read whole.
 * Errors of the reader that are input errors (unreadable files) skip the file, as bad files do.
 */
export async function scanSeriesFiles(entries: Iterable<SeriesFileEntry>, files: SeriesFileReader, options: ParseOptions = {}): Promise<SeriesScan> {
  const builder = createSeriesBuilder();
  const skipped: SkippedSource[] = [];
  const list = [...entries];
  const prefixes = new PrefixReads(list, files);
  for (let i = 0; i < list.length; i++) {
    const { name, size } = list[i] as SeriesFileEntry;
    try {
      const header = await prefixes.take(i);
      if (detectFormat(header, name) !== 'dicom') {
        skipped.push({ name, reason: 'not-dicom' });
        continue;
      }
      const file = parseDicomHeader(header, size, options) ?? parseDicom(await files.readFile(name), options);
      if (!builder.add(name, file)) skipped.push({ name, reason: 'no-image' });
    } catch (e) {
      if (!isInputError(e)) throw e;
      skipped.push({ name, reason: 'invalid', error: toPayload(e) });
    }
  }
  return { series: builder.series(), skipped };
}

/** First bytes of files read ahead of their parsing: an asynchronous reader's I/O then overlaps the parse. */
const READ_AHEAD = 4;

type Settled = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

class PrefixReads {
  private readonly reads = new Map<number, Promise<Settled>>();

  constructor(private readonly list: readonly SeriesFileEntry[], private readonly files: SeriesFileReader) {}

  /** The first bytes of file `i` (it throws what the reader threw), with the next files' reads started. */
  async take(i: number): Promise<Uint8Array> {
    for (let j = i; j < Math.min(this.list.length, i + READ_AHEAD); j++) if (!this.reads.has(j)) this.reads.set(j, this.start(j));
    const read = await (this.reads.get(i) as Promise<Settled>);
    this.reads.delete(i);
    if (!read.ok) throw read.error;
    return read.bytes;
  }

  private async start(j: number): Promise<Settled> {
    const { name, size } = this.list[j] as SeriesFileEntry;
    try {
      const prefix = new Uint8Array(Math.min(size, HEADER_PREFIX_BYTES));
      return { ok: true, bytes: prefix.subarray(0, await this.files.readInto(name, 0, prefix)) };
    } catch (error) {
      return { ok: false, error };
    }
  }
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
