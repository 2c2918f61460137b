import { createSeriesBuilder, holdsParsedElements, parseDicom, parseDicomHeader, releaseParsedHeader, seriesToVolume, type DecodedColorSpace, type DicomFile, type DicomSeries } from '../dicom';
import { nativeFrameSpan } from '../dicom/nativeFrameSpan';
import { pixelFormatOf } from '../dicom/pixelFormat';
import type { Volume } from '../imaging/volume';
import { ImageError, VoxelError } from '../errors';
import { openFrameStack } from './dicomStackImage';
import { FrameCache } from './frameCache';
import { seriesVolumeImage } from './seriesVolumeImage';
import type { ViewableImage } from './viewableImage';

/**
 * A DICOM series arriving file by file: viewable as a stack from the first file on (in the order known
 * so far), and as a volume with three planes once every file is in and the frames form a regular grid.
 */
export class SeriesSession {
  private readonly builder = createSeriesBuilder();
  private cache = new FrameCache();
  private finished: Promise<ViewableImage> | null = null;
  private loaded = 0;
  readonly failed: { name: string; message: string }[] = [];

  constructor(private readonly title: string) {}

  /** Parses and adds files; a file that is not a DICOM image is recorded in `failed`, not thrown. */
  add(files: readonly { name: string; bytes: Uint8Array }[]): void {
    // After finish() its files may hold headers only: a later file could not join a rebuilt volume.
    if (this.finished) throw new ImageError('image-no-files', `${this.title} is complete; files cannot be added after its volume was built.`);
    for (const f of files) {
      try {
        if (!this.builder.add(f.name, parseDicom(f.bytes))) this.failed.push({ name: f.name, message: 'holds no image (no Pixel Data).' });
        else this.loaded++;
      } catch (e) {
        this.failed.push({ name: f.name, message: e instanceof VoxelError ? e.message : 'could not be read.' });
      }
    }
  }

  get count(): number {
    return this.loaded;
  }

  /** Files of the shown series that hold their parsed header elements now (diagnostics and tests). */
  get heldParsedHeaders(): number {
    return new Set(this.main()?.frames.map((f) => f.file).filter(holdsParsedElements)).size;
  }

  /** Bytes of the files the shown series still holds: their headers only once its volume holds their pixels. */
  get heldBytes(): number {
    const files = new Set(this.main()?.frames.map((f) => f.file));
    let n = 0;
    for (const f of files) n += f.bytes.byteLength;
    return n;
  }

  /** The series shown: the one with the most frames (a folder may hold scouts or other series too). */
  private main(): DicomSeries | null {
    let best: DicomSeries | null = null;
    for (const s of this.builder.series()) if (!best || s.frames.length > best.frames.length) best = s;
    return best;
  }

  private warnings(s: DicomSeries): string[] {
    const others = this.builder.series().length - 1;
    return [
      ...s.warnings.map((w) => w.message),
      ...(others > 0 ? [`The folder holds ${others} more series; showing the largest (${s.frames.length} frames).`] : []),
      ...(this.failed.length > 0 ? [`${this.failed.length} file(s) skipped: ${this.failed.slice(0, 3).map((f) => `${f.name} ${f.message}`).join('; ')}${this.failed.length > 3 ? '…' : ''}`] : []),
    ];
  }

  /** The series so far as a stack of its frames. */
  async stack(): Promise<ViewableImage> {
    const s = this.main();
    if (!s) throw new ImageError('image-no-files', `${this.title} holds no readable DICOM image.`);
    return openFrameStack(s.frames, this.title, { cache: this.cache, description: s.description || null, warnings: this.warnings(s), frameTimeMs: s.frameTimeMs });
  }

  /** The final view: a volume with three planes when the frames form a grid, else the stack. Built once; later calls return it. */
  finish(options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<ViewableImage> {
    if (!this.finished) {
      this.finished = this.build(options);
      // A failed or cancelled build may be tried again (its files are still whole: they lose their pixels only at the end).
      this.finished.catch(() => (this.finished = null));
    }
    return this.finished;
  }

  private async build(options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<ViewableImage> {
    const s = this.main();
    if (!s) throw new ImageError('image-no-files', `${this.title} holds no readable DICOM image.`);
    if (!s.geometry || s.frames.length < 2) return this.stack();
    const volume = await seriesToVolume(s, options);
    const shown = this.keepHeadersOnly(s, volume) ?? s;
    const stack = await this.stack();
    const planes = seriesVolumeImage(shown, volume, { name: this.title, summary: { ...stack.summary, warnings: this.warnings(shown) }, tags: (index) => stack.tags(index) });
    // The acquired slices keep each file's own display pipeline (VOI LUT, per-file windows), exactly as
    // before the volume existed and as `voxel-lab render FILE` shows them; the volume adds the planes.
    return {
      summary: planes.summary,
      render: (r) => (r.view === 'stack' ? stack.render(r) : planes.render(r)),
      probe: (p) => (p.view === 'stack' ? stack.probe(p) : planes.probe(p)),
      tags: (index) => stack.tags(index),
    };
  }

  /**
   * Once the volume holds every frame's stored values, each native file of the series is replaced by its header
   * and its frames are served from the volume: the files' bytes can go (a 500-slice 512² CT: 250 MB). Only where
   * the volume's slice is exactly what decodeFrame gives (native pixels, one voxel type, no colour conversion);
   * otherwise null and the files stay whole. Returns the series as assembled from the headers.
   */
  private keepHeadersOnly(s: DicomSeries, volume: Volume): DicomSeries | null {
    if (s.warnings.some((w) => w.code === 'series-mixed-rescale' || w.code === 'series-mixed-pixel-format')) return null;
    const headers = new Map<DicomFile, { key: string; header: DicomFile; colorSpace: DecodedColorSpace }>();
    for (const f of s.frames) {
      if (headers.has(f.file)) continue;
      const found = headerOf(f.file);
      if (!found) return null;
      headers.set(f.file, { key: f.key, ...found });
    }
    const perFrame = s.rows * s.columns * s.samplesPerPixel;
    const cache = new FrameCache();
    s.frames.forEach((f, k) => {
      const { header, colorSpace } = headers.get(f.file) as { header: DicomFile; colorSpace: DecodedColorSpace };
      const pixels = volume.voxels.subarray(k * perFrame, (k + 1) * perFrame);
      cache.pin(header, f.frameIndex, { pixels, rows: s.rows, columns: s.columns, samplesPerPixel: s.samplesPerPixel, colorSpace });
    });
    for (const { key, header } of headers.values()) {
      this.builder.add(key, header);
      // ~15 KB less per file until its slice is first shown or its tags listed (then parsed again and kept).
      releaseParsedHeader(header);
    }
    this.cache = cache;
    return this.main();
  }
}

/**
 * The header of a file whose frames are native stored samples (nativeFrameSpan: a property of the file, so frame 0
 * answers for all), without its pixel bytes, with the colour space its frames decode to; else null.
 */
function headerOf(file: DicomFile): { header: DicomFile; colorSpace: DecodedColorSpace } | null {
  let fmt;
  try {
    fmt = pixelFormatOf(file.info);
  } catch {
    return null;
  }
  const span = fmt.colorSpace === 'YBR_FULL' ? null : nativeFrameSpan(file, fmt, 0);
  if (!span) return null;
  // A copy of the header bytes, so nothing keeps the file's buffer alive.
  const header = parseDicomHeader(file.bytes.slice(0, span.offset), file.bytes.length);
  return header ? { header, colorSpace: fmt.colorSpace } : null;
}
