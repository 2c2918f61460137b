import { DicomError } from '../errors';
import type { PixelArray } from '../imaging/pixelArray';
import { decoderFor } from './decoders/registry';
import { describeCodecError } from './decoders/frameResult';
import { decodeNativeFrames } from './decodeNative';
import { encapsulatedFrameBytes } from './encapsulatedFrames';
import type { DicomFile } from './parseDicom';
import { pixelFormatOf, type PixelFormat } from './pixelFormat';
import type { DecodedFrame, EncodedFrame } from './types';

function checkWhole(file: DicomFile): void {
  if (file.headerOnly) throw new DicomError('dicom-missing-pixel-data', 'Only the header of this file was read (parseDicomHeader); its pixels need the whole file (parseDicom).');
}

function checkFrameIndex(fmt: PixelFormat, frameIndex: number): void {
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= fmt.frames) {
    throw new DicomError('dicom-frame-out-of-range', `Frame ${frameIndex} does not exist; the file has ${fmt.frames} frame(s), numbered from 0.`);
  }
}

/** One frame as a codec gets it (exported for tests and benchmarks that call a codec directly). */
export function encodedFrame(file: DicomFile, fmt: PixelFormat, frameIndex: number): EncodedFrame {
  return {
    bytes: encapsulatedFrameBytes(file, fmt.frames, frameIndex),
    rows: fmt.rows,
    columns: fmt.columns,
    samplesPerPixel: fmt.samplesPerPixel,
    bitsAllocated: fmt.bitsAllocated,
    bitsStored: fmt.bitsStored,
    pixelRepresentation: fmt.pixelRepresentation,
    planarConfiguration: fmt.planarConfiguration,
    photometricInterpretation: fmt.photometricInterpretation,
    transferSyntaxUID: file.syntax.uid,
  };
}

async function decodeEncapsulated(file: DicomFile, fmt: PixelFormat, frameIndex: number): Promise<PixelArray> {
  const frame = encodedFrame(file, fmt, frameIndex);
  let decode;
  try {
    decode = await decoderFor(file.syntax.uid);
  } catch (e) {
    if (e instanceof DicomError) throw e;
    throw new DicomError('dicom-codec-failed', `The codec for ${file.syntax.name} (${file.syntax.uid}) could not be loaded (${describeCodecError(e)}).`, { cause: e });
  }
  try {
    return (await decode(frame)).pixels;
  } catch (e) {
    if (e instanceof DicomError) throw e;
    throw new DicomError('dicom-codec-failed', `Frame ${frameIndex} (${file.syntax.name}) could not be decoded (${describeCodecError(e)}).`, { cause: e });
  }
}

/** True when the pixels are native (not in fragments): Float/Double Float Pixel Data always are. */
export function isNative(file: DicomFile, fmt: PixelFormat): boolean {
  return !file.syntax.encapsulated || fmt.pixelDataTag !== '(7FE0,0010)';
}

/**
 * Decodes one frame (0-based) to stored values as the hashing convention defines them.
 * Native pixels may be a view into `file.bytes`; treat `pixels` as read-only.
 */
export async function decodeFrame(file: DicomFile, frameIndex: number): Promise<DecodedFrame> {
  checkWhole(file);
  const fmt = pixelFormatOf(file.info);
  checkFrameIndex(fmt, frameIndex);
  const pixels = isNative(file, fmt) ? decodeNativeFrames(file, fmt, frameIndex, 1) : await decodeEncapsulated(file, fmt, frameIndex);
  return { pixels, rows: fmt.rows, columns: fmt.columns, samplesPerPixel: fmt.samplesPerPixel, colorSpace: fmt.colorSpace };
}

/** All frames in one array [frames, rows, columns, samples] (the `inspect` layout). */
export async function decodeAllFrames(file: DicomFile): Promise<{ pixels: PixelArray; format: PixelFormat }> {
  checkWhole(file);
  const fmt = pixelFormatOf(file.info);
  if (isNative(file, fmt)) return { pixels: decodeNativeFrames(file, fmt, 0, fmt.frames), format: fmt };
  const perFrame = fmt.rows * fmt.columns * fmt.samplesPerPixel;
  let all: PixelArray | null = null;
  for (let f = 0; f < fmt.frames; f++) {
    const one = await decodeEncapsulated(file, fmt, f);
    if (fmt.frames === 1) return { pixels: one, format: fmt };
    all ??= new (one.constructor as new (n: number) => PixelArray)(perFrame * fmt.frames);
    all.set(one, f * perFrame);
  }
  return { pixels: all as PixelArray, format: fmt };
}
