import { DicomError, ImageError, JobError } from '../../errors';
import { nextMacrotask } from '../../macrotask';
import { ybrFullToRgb } from '../../imaging/colorConvert';
import { allocPixels, bytesPerElement, dtypeOf, type PixelArray } from '../../imaging/pixelArray';
import type { Volume } from '../../imaging/volume';
import { decodeFrame } from '../decodeFrame';
import { nativeFrameSpan } from '../nativeFrameSpan';
import { parseDicom, type DicomFile, type ParseOptions } from '../parseDicom';
import { pixelFormatOf } from '../pixelFormat';
import type { DicomSeries, SeriesFrame } from './seriesTypes';
import { seriesVolumeGeometry } from './seriesVolumeGeometry';

export interface SeriesVolumeOptions {
  /** Stops between frames; the promise then rejects with JobError 'job-cancelled'. */
  signal?: AbortSignal;
  /** Called after each frame is in place, or its read from `files` started: (frames done, frames in all). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Yield to the event loop once this many ms have passed since the last yield (16 by default; 0 yields
   * after every frame). A macrotask, not a resolved promise: only a macrotask lets a worker's 'cancel'
   * message, or a host's timer, run in between; native frames decode synchronously.
   */
  yieldIntervalMs?: number;
  /**
   * Where the pixels of header-only files (parseDicomHeader) come from. Native frames are read from it
   * straight into their place in the volume; other frames are decoded from the whole file.
   */
  files?: SeriesFileReader;
  /** For files read whole through `files`. */
  parse?: ParseOptions;
}

/** Random access to the files of a series by their keys (the CLI's reads the disk). */
export interface SeriesFileReader {
  /** Reads file `key` from byte `offset` into all of `into`; returns the bytes read, fewer only at the end of the file. */
  readInto(key: string, offset: number, into: Uint8Array): number | Promise<number>;
  /** The whole file. */
  readFile(key: string): Uint8Array | Promise<Uint8Array>;
}

type PixelArrayCtor = new (length: number) => PixelArray;

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
  // The last file read whole, for the next frame of the same multi-frame file.
  const whole: WholeFile = { key: null, file: null };
  const reads = new ReadsInFlight(READS_IN_FLIGHT);
  const afterFrame = async (k: number): Promise<void> => {
    // The last frame is reported once every read is in (below).
    if (k + 1 < total || reads.idle) onProgress?.(k + 1, total);
    checkAborted(signal, k + 1, total);
    if (k + 1 < total && performance.now() - last >= interval) {
      await nextMacrotask();
      checkAborted(signal, k + 1, total);
      last = performance.now();
    }
  };
  try {
    for (let k = 0; k < total; k++) {
      const frame = series.frames[k];
      if (!frame) break;
      const at = k * perFrame;
      if (!toFloat && frame.file.headerOnly) {
        const slot = nativeSlot(frame, voxels, at, perFrame * total, series);
        if (slot) {
          voxels = slot.voxels;
          await reads.add(readSlot(frame, slot.bytes, slot.offset, options.files));
          await afterFrame(k);
          continue;
        }
      }
      const decoded = await decodeFrame(await wholeFile(frame, whole, options), frame.frameIndex);
      if (decoded.rows !== series.rows || decoded.columns !== series.columns || decoded.samplesPerPixel !== spp) {
        throw new DicomError('dicom-invalid-attribute', `Frame ${frame.frameIndex} of ${frame.key} decodes to ${decoded.columns} × ${decoded.rows} × ${decoded.samplesPerPixel}, not the series' ${series.columns} × ${series.rows} × ${spp}.`);
      }
      const pixels: PixelArray = decoded.colorSpace === 'YBR_FULL' ? ybrFullToRgb(decoded.pixels) : decoded.pixels;
      voxels ??= allocate(() => new (toFloat ? Float32Array : (pixels.constructor as PixelArrayCtor))(perFrame * total), perFrame * total * (toFloat ? 4 : pixels.BYTES_PER_ELEMENT), series);
      if (toFloat) {
        const { slope, intercept } = frame.rescale;
        for (let i = 0; i < perFrame; i++) voxels[at + i] = (pixels[i] as number) * slope + intercept;
      } else {
        voxels.set(pixels, at);
      }
      await afterFrame(k);
    }
    const pending = !reads.idle;
    await reads.drain();
    if (pending) onProgress?.(total, total);
  } catch (e) {
    // A failure or cancellation: no read may still write into this volume once the promise settles.
    await reads.settle();
    throw e;
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

function allocate(create: () => PixelArray, bytes: number, series: DicomSeries): PixelArray {
  try {
    return create();
  } catch (e) {
    throw new ImageError('image-too-large', `The volume of series ${series.id || '(no UID)'} needs ${(bytes / 2 ** 30).toFixed(1)} GiB (${series.columns} × ${series.rows} × ${series.frames.length}), more than this engine can allocate.`, { cause: e });
  }
}

interface WholeFile {
  key: string | null;
  file: DicomFile | null;
}

/** The frame's file with its pixels: itself, or (header-only) read whole through the reader. */
async function wholeFile(frame: SeriesFrame, last: WholeFile, options: SeriesVolumeOptions): Promise<DicomFile> {
  if (!frame.file.headerOnly) return frame.file;
  if (last.key === frame.key && last.file) return last.file;
  const files = requireReader(frame, options.files);
  const file = parseDicom(await files.readFile(frame.key), options.parse);
  last.key = frame.key;
  last.file = file;
  return file;
}

function requireReader(frame: SeriesFrame, files: SeriesFileReader | undefined): SeriesFileReader {
  if (!files) throw new DicomError('dicom-missing-pixel-data', `Only the header of ${frame.key} was read, and no reader was given for its pixels.`);
  return files;
}

/**
 * Native frames read at once. The CLI's reader opens, reads and closes each file as three requests to libuv's
 * four I/O threads, each returning through the main thread; with only a few files in flight the threads wait on
 * those trips. 32 keep them busy copying into fresh volume pages (500 × 512² CT, volume after the scan:
 * ~140 ms with 4 in flight, ~112 ms with 32, no more memory: every read goes straight into its slot).
 */
const READS_IN_FLIGHT = 32;

/** At most `limit` reads pending; the first failure is thrown by the next add() or by drain(). */
class ReadsInFlight {
  private readonly pending: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(read: Promise<void>): Promise<void> {
    // Caught here so that a failure waiting in the queue is never an unhandled rejection.
    this.pending.push(read.catch((error: unknown) => void (this.failure ??= { error })));
    if (this.pending.length >= this.limit) await this.pending.shift();
    this.throwFailure();
  }

  get idle(): boolean {
    return this.pending.length === 0;
  }

  async drain(): Promise<void> {
    await this.settle();
    this.throwFailure();
  }

  /** Waits for every read, whatever its outcome. */
  async settle(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Where a native frame of a header-only file goes in the volume (allocated here for the first frame) when its
 * stored bytes are its decoded samples (nativeFrameSpan) of the volume's type: the slot's bytes and the frame's
 * offset in its file. Null when the frame must be decoded instead.
 */
function nativeSlot(frame: SeriesFrame, voxels: PixelArray | null, at: number, length: number, series: DicomSeries): { voxels: PixelArray; bytes: Uint8Array; offset: number } | null {
  const fmt = pixelFormatOf(frame.file.info);
  if (fmt.colorSpace === 'YBR_FULL' || fmt.rows !== series.rows || fmt.columns !== series.columns || fmt.samplesPerPixel !== series.samplesPerPixel) return null;
  const span = nativeFrameSpan(frame.file, fmt, frame.frameIndex);
  if (!span) return null;
  // A frame of another sample type is decoded and converted, as set() does for decoded frames.
  if (voxels && dtypeOf(voxels) !== fmt.dtype) return null;
  const out = voxels ?? allocate(() => allocPixels(fmt.dtype, length), length * bytesPerElement(fmt.dtype), series);
  return { voxels: out, bytes: new Uint8Array(out.buffer, out.byteOffset + at * out.BYTES_PER_ELEMENT, span.length), offset: span.offset };
}

/** Reads a frame's bytes from its file into its slot; a file shorter than its header said is an error. */
async function readSlot(frame: SeriesFrame, slot: Uint8Array, offset: number, files: SeriesFileReader | undefined): Promise<void> {
  const read = await requireReader(frame, files).readInto(frame.key, offset, slot);
  if (read < slot.length) {
    throw new DicomError('dicom-truncated', `${frame.key} ends ${slot.length - read} bytes before the end of frame ${frame.frameIndex}'s pixels (did the file change after its header was read?).`);
  }
}
