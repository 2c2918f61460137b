import { DicomError } from '../../errors';
import type { PixelArray } from '../../imaging/pixelArray';
import type { EncodedFrame } from '../types';
import type { CodecFrameInfo, WasmFrameDecoder } from './codecTypes';
import { checkGeometry, describeCodecError } from './frameResult';

export interface WasmDecodeResult {
  info: CodecFrameInfo;
  /** Interleaved samples copied out of WASM memory: Uint8/Int8 up to 8 bits, Uint16/Int16 above. */
  samples: PixelArray;
}

/**
 * Runs one embind frame decoder over `frame.bytes` and copies the result out of WASM memory
 * (the view dies with the decoder). `inspect` may read decoder state before it is deleted.
 */
export interface WasmRunOptions<D> {
  /** May read decoder state before the decoder is deleted. */
  inspect?: (d: D, info: CodecFrameInfo) => void;
  /** Turns an emscripten exception (a pointer) into the C++ message. */
  explain?: (e: unknown) => string | undefined;
  /** Called when the WASM instance trapped: it may be unusable, so the caller drops it. */
  onTrap?: () => void;
  /**
   * The caller decodes its next frame with the same decoder, so a successful run does not delete it (a failed
   * one still does): a fresh decoder re-allocates and zero-fills its buffers in the WASM heap every frame.
   */
  keep?: boolean;
}

/**
 * The decoded samples in memory of their own. The libjpeg-turbo, CharLS and OpenJPEG builds already return a
 * copy (a Uint8ClampedArray spanning its own buffer); OpenJPH returns a view of WASM memory, which dies with the
 * decoder and is copied here. Copying a copy again cost a tenth of a 512 × 512 JPEG decode.
 */
function ownedCopy(decoded: Uint8Array): Uint8Array {
  const { buffer, byteOffset, byteLength } = decoded;
  // WASM memory is whole 64 KiB pages and holds the codec itself, so an array spanning its buffer is a copy.
  if (byteOffset === 0 && buffer.byteLength === byteLength && buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return decoded.slice();
}

export function runWasmDecoder<D extends WasmFrameDecoder>(
  decoder: D,
  frame: EncodedFrame,
  codec: string,
  options: WasmRunOptions<D> = {},
): WasmDecodeResult {
  let ok = false;
  try {
    decoder.getEncodedBuffer(frame.bytes.length).set(frame.bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    checkGeometry(codec, info, frame);
    options.inspect?.(decoder, info);
    const raw = ownedCopy(decoder.getDecodedBuffer());
    const signed = info.isSigned === true;
    let samples: PixelArray;
    if (info.bitsPerSample > 8) samples = signed ? new Int16Array(raw.buffer, 0, raw.length >> 1) : new Uint16Array(raw.buffer, 0, raw.length >> 1);
    else samples = signed ? new Int8Array(raw.buffer) : raw;
    ok = true;
    return { info, samples };
  } catch (e) {
    if (e instanceof DicomError) throw e;
    if (e instanceof WebAssembly.RuntimeError) options.onTrap?.();
    let reason = describeCodecError(e);
    try {
      reason = options.explain?.(e) ?? reason;
    } catch {
      // keep the generic reason
    }
    throw new DicomError('dicom-codec-failed', `${codec} could not decode the ${frame.bytes.length}-byte frame of transfer syntax ${frame.transferSyntaxUID} (${reason}).`, { cause: e });
  } finally {
    try {
      if (!ok || !options.keep) decoder.delete();
    } catch {
      // a trapped instance cannot free; it is dropped via onTrap
    }
  }
}
