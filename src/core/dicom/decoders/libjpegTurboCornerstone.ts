import type { PixelArray } from '../../imaging/pixelArray';
import type { EncodedFrame } from '../types';
import type { LibJpegTurboModule, WasmFrameDecoder } from './codecTypes';
import { instantiate } from './codecOptions';
import { withoutColorTransform } from './jpegColorMarkers';
import { runWasmDecoder } from './wasmDecode';
import { LazyModule } from './lazyModule';

/**
 * @cornerstonejs/codec-libjpeg-turbo-8bit, the 8-bit JPEG decoder for what our own libjpeg-turbo build does not
 * decode: streams with neither 1 nor 3 components, and every frame where our build cannot be loaded.
 */
export const CORNERSTONE_LIBJPEG_TURBO = 'libjpeg-turbo (JPEG baseline, @cornerstonejs/codec-libjpeg-turbo-8bit)';

const codec = new LazyModule<LibJpegTurboModule>(() => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs').then((m) => instantiate(m, 'libjpegturbowasm_decode.wasm')));

/** The decoder of the last successful frame, reused by the next on the same codec instance (3–7% faster per frame). */
let idle: { turbo: LibJpegTurboModule; decoder: WasmFrameDecoder } | null = null;

/** Takes the idle decoder (a frame in flight owns it) or makes one. */
function takeDecoder(turbo: LibJpegTurboModule): WasmFrameDecoder {
  const kept = idle?.turbo === turbo ? idle.decoder : null;
  idle = null;
  return kept ?? new turbo.JPEGDecoder();
}

/**
 * The frame's interleaved 8-bit samples: islow IDCT, fancy upsampling, grey or R,G,B, or with `keepColor` the
 * three components as coded. Throws `dicom-codec-failed` when the stream cannot be decoded.
 */
export async function decodeWithCornerstoneLibJpegTurbo(frame: EncodedFrame, keepColor: boolean): Promise<PixelArray> {
  const turbo = await codec.get();
  // TurboJPEG has no switch for "no colour conversion": the header is rewritten to say so (jpegColorMarkers.ts).
  const input = keepColor ? { ...frame, bytes: withoutColorTransform(frame.bytes) } : frame;
  const decoder = takeDecoder(turbo);
  const { samples } = runWasmDecoder(decoder, input, CORNERSTONE_LIBJPEG_TURBO, { keep: true, onTrap: codec.forget });
  // Only after success: a failed run has deleted the decoder.
  idle = { turbo, decoder };
  return samples;
}
