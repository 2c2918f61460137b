// HTJ2K codestreams of a native DICOM file's pixels with OpenJPH's encoder (the build in
// @cornerstonejs/codec-openjph exposes HTJ2KEncoder); no Debian tool writes HTJ2K.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeFrame, parseDicom } from '../../src/core/dicom';

interface FrameInfo { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean; isUsingColorTransform: boolean }
interface Encoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setQuality(reversible: boolean, quantizationStep: number): void;
  setDecompositions(n: number): void;
  setProgressionOrder(order: number): void;
  setTLMMarker(on: boolean): void;
  setTilePartDivisionsAtResolutions(on: boolean): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}
type Factory = (args: object) => Promise<{ HTJ2KEncoder: new () => Encoder }>;

export interface Htj2kOptions { reversible: boolean; quantizationStep?: number; rpcl?: boolean }

/** Encodes frame 0 of `src` (native, monochrome) and writes the raw codestream to `out`. */
export async function encodeHtj2k(src: string, out: string, options: Htj2kOptions): Promise<number> {
  const file = parseDicom(readFileSync(src));
  const frame = await decodeFrame(file, 0);
  const mod = (await import('@cornerstonejs/codec-openjph/wasmjs')) as unknown as { default: Factory } | Factory;
  const factory = typeof mod === 'function' ? mod : mod.default;
  const openjph = await factory({ print: () => {}, printErr: () => {} });
  const encoder = new openjph.HTJ2KEncoder();
  try {
    const info: FrameInfo = {
      width: frame.columns, height: frame.rows, bitsPerSample: file.info.bitsStored ?? 16,
      componentCount: frame.samplesPerPixel, isSigned: file.info.pixelRepresentation === 1, isUsingColorTransform: false,
    };
    const pixels = frame.pixels;
    encoder.getDecodedBuffer(info).set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    encoder.setQuality(options.reversible, options.quantizationStep ?? 0);
    encoder.setDecompositions(5);
    if (options.rpcl) {
      // PS3.5 A.4.7 (.202): RPCL progression with TLM markers and tile-parts per resolution.
      encoder.setProgressionOrder(2);
      encoder.setTLMMarker(true);
      encoder.setTilePartDivisionsAtResolutions(true);
    }
    encoder.encode();
    const bytes = encoder.getEncodedBuffer().slice();
    writeFileSync(out, bytes);
    return bytes.length;
  } finally {
    encoder.delete();
  }
}
