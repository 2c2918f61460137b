import { DicomError, ImageError, JobError } from '../../errors';
import { ybrFullToRgb } from '../../imaging/colorConvert';
import type { PixelArray } from '../../imaging/pixelArray';
import type { Volume } from '../../imaging/volume';
import { decodeFrame } from '../decodeFrame';
import type { DicomSeries } from './seriesTypes';
import { seriesVolumeGeometry } from './seriesVolumeGeometry';

export interface SeriesVolumeOptions {
  /** Stops between frames; the promise then rejects with JobError 'job-cancelled'. */
  signal?: AbortSignal;
  /** Called after each frame is in place: (frames done, frames in all). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Yield to the event loop once this many ms have passed since the last yield (16 by default; 0 yields
   * after every frame). A macrotask, not a resolved promise: only a macrotask lets a worker's 'cancel'
   * message, or a host's timer, run in between; native frames decode synchronously.
   */
  yieldIntervalMs?: number;
}

type PixelArrayCtor = new (length: number) => PixelArray;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function checkAborted(signal: AbortSignal | undefined, done: number, total: number): void {
  if (signal?.aborted) throw new JobError('job-cancelled', `Building the volume was cancelled after ${done} of ${total} frames.`, { cause: signal.reason });
}

/**
 * Decodes every frame of the series, in series order, into one volume (layout of Volume: i = columns
 * fastest, then j = rows, then k = frames). The voxel array is allocated once and owned by the caller.
 * Stored values are kept with the series' rescale, unless the frames disagree on rescale or pixel
 * format (see the series' warnings): then voxels are float32 modality values with slope 1, intercept 0.
 * YBR colour frames are converted to RGB; palette colour frames keep their indices. Geometry comes
 * from seriesVolumeGeometry. For a cine stack (no positions, a frame time), `frameTimeMs` is the time
 * between successive k slices.
 */
export async function seriesToVolume(series: DicomSeries, options: SeriesVolumeOptions = {}): Promise<Volume> {
  const { signal, onProgress } = options;
  const interval = options.yieldIntervalMs ?? 16;
  const total = series.frames.length;
  checkAborted(signal, 0, total);
  if (total === 0) throw new DicomError('dicom-missing-pixel-data', `Series ${series.id || '(no UID)'} has no frames to decode.`);
  const spp = series.samplesPerPixel;
  const perFrame = series.rows * series.columns * spp;
  const toFloat = series.warnings.some((w) => w.code === 'series-mixed-rescale' || w.code === 'series-mixed-pixel-format');
  let voxels: PixelArray | null = null;
  let last = performance.now();
  for (let k = 0; k < total; k++) {
    const frame = series.frames[k];
    if (!frame) break;
    const decoded = await decodeFrame(frame.file, frame.frameIndex);
    if (decoded.rows !== series.rows || decoded.columns !== series.columns || decoded.samplesPerPixel !== spp) {
      throw new DicomError('dicom-invalid-attribute', `Frame ${frame.frameIndex} of ${frame.key} decodes to ${decoded.columns} × ${decoded.rows} × ${decoded.samplesPerPixel}, not the series' ${series.columns} × ${series.rows} × ${spp}.`);
    }
    const pixels: PixelArray = decoded.colorSpace === 'YBR_FULL' ? ybrFullToRgb(decoded.pixels) : decoded.pixels;
    voxels ??= allocate(toFloat ? Float32Array : (pixels.constructor as PixelArrayCtor), perFrame * total, series);
    const at = k * perFrame;
    if (toFloat) {
      const { slope, intercept } = frame.rescale;
      for (let i = 0; i < perFrame; i++) voxels[at + i] = (pixels[i] as number) * slope + intercept;
    } else {
      voxels.set(pixels, at);
    }
    onProgress?.(k + 1, total);
    checkAborted(signal, k + 1, total);
    if (k + 1 < total && performance.now() - last >= interval) {
      await yieldToEventLoop();
      checkAborted(signal, k + 1, total);
      last = performance.now();
    }
  }
  const geometry = seriesVolumeGeometry(series);
  const first = series.frames[0];
  const volume: Volume = {
    dims: [series.columns, series.rows, total],
    timepoints: 1,
    spacing: [...geometry.spacing],
    origin: [...geometry.origin],
    direction: [[...geometry.direction[0]], [...geometry.direction[1]], [...geometry.direction[2]]],
    voxels: voxels as PixelArray,
    samplesPerVoxel: spp,
    rescale: toFloat || !first ? { slope: 1, intercept: 0 } : { ...first.rescale },
  };
  if (series.frameTimeMs !== null) volume.frameTimeMs = series.frameTimeMs;
  return volume;
}

function allocate(ctor: PixelArrayCtor, length: number, series: DicomSeries): PixelArray {
  try {
    return new ctor(length);
  } catch (e) {
    const bytes = length * (new ctor(0) as PixelArray).BYTES_PER_ELEMENT;
    throw new ImageError('image-too-large', `The volume of series ${series.id || '(no UID)'} needs ${(bytes / 2 ** 30).toFixed(1)} GiB (${series.columns} × ${series.rows} × ${series.frames.length}), more than this engine can allocate.`, { cause: e });
  }
}
