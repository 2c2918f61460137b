import { createSeriesBuilder, parseDicom, seriesToVolume, type DicomSeries } from '../dicom';
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
  private readonly cache = new FrameCache();
  private loaded = 0;
  readonly failed: { name: string; message: string }[] = [];

  constructor(private readonly title: string) {}

  /** Parses and adds files; a file that is not a DICOM image is recorded in `failed`, not thrown. */
  add(files: readonly { name: string; bytes: Uint8Array }[]): void {
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

  /** The final view: a volume with three planes when the frames form a grid, else the stack. */
  async finish(options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<ViewableImage> {
    const s = this.main();
    if (!s) throw new ImageError('image-no-files', `${this.title} holds no readable DICOM image.`);
    if (!s.geometry || s.frames.length < 2) return this.stack();
    const volume = await seriesToVolume(s, options);
    const stack = await this.stack();
    const planes = seriesVolumeImage(s, volume, { name: this.title, summary: { ...stack.summary, warnings: this.warnings(s) }, tags: (index) => stack.tags(index) });
    // The acquired slices keep each file's own display pipeline (VOI LUT, per-file windows), exactly as
    // before the volume existed and as `voxel-lab render FILE` shows them; the volume adds the planes.
    return {
      summary: planes.summary,
      render: (r) => (r.view === 'stack' ? stack.render(r) : planes.render(r)),
      probe: (p) => (p.view === 'stack' ? stack.probe(p) : planes.probe(p)),
      tags: (index) => stack.tags(index),
    };
  }
}
