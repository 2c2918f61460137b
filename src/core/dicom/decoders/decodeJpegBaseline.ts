import type { LibJpegTurboModule, WasmFrameDecoder } from './codecTypes';
import { instantiate } from './codecOptions';
import { toDecodedFrame } from './frameResult';
import { withoutColorTransform } from './jpegColorMarkers';
import { runWasmDecoder } from './wasmDecode';
import type { Decoder, EncodedFrame } from '../types';

let codec: Promise<LibJpegTurboModule> | null = null;

function load(): Promise<LibJpegTurboModule> {
  if (!codec) {
    codec = import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs').then((m) => instantiate(m, 'libjpegturbowasm_decode.wasm'));
    codec.catch(() => (codec = null));
  }
  return codec;
}

const CODEC = 'libjpeg-turbo (JPEG baseline)';

/** The decoder of the last successful frame, reused by the next on the same codec instance (3–7% faster per frame). */
let idle: { turbo: LibJpegTurboModule; decoder: WasmFrameDecoder } | null = null;

/** Takes the idle decoder (a frame in flight owns it) or makes one. */
function takeDecoder(turbo: LibJpegTurboModule): WasmFrameDecoder {
  const kept = idle?.turbo === turbo ? idle.decoder : null;
  idle = null;
  return kept ?? new turbo.JPEGDecoder();
}

/** YBR photometrics keep their coded components (hashing convention: no colour conversion). */
export function keepsYbr(frame: EncodedFrame): boolean {
  return frame.samplesPerPixel === 3 && frame.photometricInterpretation.startsWith('YBR');
}

/** 8-bit DCT JPEG (PS3.5 A.4.1, processes 1 and 2) with libjpeg-turbo: islow IDCT, fancy upsampling. */
export const decodeJpegBaseline: Decoder = async (frame) => {
  const turbo = await load();
  const input = keepsYbr(frame) ? { ...frame, bytes: withoutColorTransform(frame.bytes) } : frame;
  const decoder = takeDecoder(turbo);
  const { samples } = runWasmDecoder(decoder, input, CODEC, { keep: true, onTrap: () => (codec = null) });
  // Only after success: a failed run has deleted the decoder.
  idle = { turbo, decoder };
  return toDecodedFrame(samples, frame, true, CODEC);
};
