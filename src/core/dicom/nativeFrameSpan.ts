import { expectedNativeLength, pixelKeyOf } from './decodeNative';
import type { DicomFile } from './parseDicom';
import type { PixelFormat } from './pixelFormat';

/** Bytes [offset, offset + length) of a file. */
export interface ByteSpan {
  offset: number;
  length: number;
}

/**
 * Where frame `frameIndex`'s decoded samples lie in the file, byte for byte: when decodeFrame would return a
 * plain view of the stored bytes (native little endian data set, whole bytes per sample, one sample per pixel or
 * interleaved colour, not 4:2:2). A reader can then copy the frame from the file straight into its place in a
 * volume. Null when the frame must be decoded (or converted) instead. Also works on a parseDicomHeader result,
 * whose pixel element offsets are those of the file.
 */
export function nativeFrameSpan(file: DicomFile, fmt: PixelFormat, frameIndex: number): ByteSpan | null {
  const { syntax } = file;
  // Deflated offsets are in the inflated data set, not the file; big endian is swapped on decode.
  if (syntax.deflated || !syntax.littleEndian) return null;
  if (syntax.encapsulated && fmt.pixelDataTag === '(7FE0,0010)') return null;
  if (fmt.bitsAllocated % 8 !== 0) return null;
  const pi = fmt.photometricInterpretation;
  if (fmt.samplesPerPixel !== 1 && (fmt.planarConfiguration === 1 || pi.endsWith('_422'))) return null;
  const key = pixelKeyOf(fmt);
  // A header-only file keeps its pixel element apart: its other elements may have been let go of.
  const el = file.pixelElement?.tag === key ? file.pixelElement : file.dataSet.elements[key];
  if (!el || el.encapsulatedPixelData || el.length === 0xffffffff || el.length < expectedNativeLength(fmt)) return null;
  const length = fmt.rows * fmt.columns * fmt.samplesPerPixel * (fmt.bitsAllocated / 8);
  return { offset: el.dataOffset + frameIndex * length, length };
}
