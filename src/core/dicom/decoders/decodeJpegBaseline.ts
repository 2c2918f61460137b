import type { LibJpegTurboModule } from './codecTypes';
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

/** YBR photometrics keep their coded components (hashing convention: no colour conversion). */
export function keepsYbr(frame: EncodedFrame): boolean {
  return frame.samplesPerPixel === 3 && frame.photometricInterpretation.startsWith('YBR');
}

/** 8-bit DCT JPEG (PS3.5 A.4.1, processes 1 and 2) with libjpeg-turbo: islow IDCT, fancy upsampling. */
export const decodeJpegBaseline: Decoder = async (frame) => {
  const turbo = await load();
  const input = keepsYbr(frame) ? { ...frame, bytes: withoutColorTransform(frame.bytes) } : frame;
  const { samples } = runWasmDecoder(new turbo.JPEGDecoder(), input, 'libjpeg-turbo (JPEG baseline)', { onTrap: () => (codec = null) });
  return toDecodedFrame(samples, frame, true, 'libjpeg-turbo (JPEG baseline)');
};
