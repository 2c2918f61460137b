import { DicomError } from '../../errors';
import { allocPixels, pixelsOn, type PixelArray } from '../../imaging/pixelArray';
import { dtypeFor, colorSpaceOf } from '../pixelFormat';
import { signExtend } from '../pixels/signExtend';
import type { DecodedFrame, EncodedFrame } from '../types';

/**
 * Wraps a codec's interleaved samples as a DecodedFrame in the dtype the header asks for.
 * `unsignedPatterns`: the codec returns BitsStored-bit two's complement patterns as unsigned numbers
 * (JPEG lossless, JPEG-LS, DCT JPEG), so signed data is sign-extended from BitsStored.
 */
export function toDecodedFrame(samples: PixelArray, frame: EncodedFrame, unsignedPatterns: boolean, codec: string): DecodedFrame {
  const expected = frame.rows * frame.columns * frame.samplesPerPixel;
  if (samples.length !== expected) {
    throw new DicomError('dicom-codec-failed', `${codec} returned ${samples.length} samples but the header describes ${frame.rows} × ${frame.columns} × ${frame.samplesPerPixel} = ${expected}.`);
  }
  const dtype = dtypeFor(frame.bitsAllocated, frame.pixelRepresentation, '(7FE0,0010)');
  let pixels: PixelArray;
  const sameWidth = samples.BYTES_PER_ELEMENT === frame.bitsAllocated / 8;
  if (sameWidth && !(samples instanceof Float32Array) && !(samples instanceof Float64Array)) {
    pixels = pixelsOn(dtype, samples.buffer, samples.byteOffset, samples.length);
  } else {
    pixels = allocPixels(dtype, expected);
    pixels.set(samples);
  }
  if (unsignedPatterns && frame.pixelRepresentation === 1) signExtend(pixels, frame.bitsStored);
  return { pixels, rows: frame.rows, columns: frame.columns, samplesPerPixel: frame.samplesPerPixel, colorSpace: colorSpaceOf(frame.photometricInterpretation) };
}

/** The geometry a codestream reports must match the header, or the pixels would be misread. */
export function checkGeometry(codec: string, got: { width: number; height: number; componentCount: number }, frame: EncodedFrame): void {
  if (got.width !== frame.columns || got.height !== frame.rows || got.componentCount !== frame.samplesPerPixel) {
    throw new DicomError(
      'dicom-codec-failed',
      `The ${codec} codestream is ${got.width} × ${got.height} with ${got.componentCount} component(s) but the header says Columns ${frame.columns}, Rows ${frame.rows}, Samples per Pixel ${frame.samplesPerPixel}.`,
    );
  }
}

export function describeCodecError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  if (typeof e === 'number') return `emscripten exception ${e}`;
  return 'unknown error';
}
