import type { OpenJpegModule } from './codecTypes';
import { instantiate } from './codecOptions';
import { toDecodedFrame } from './frameResult';
import { runWasmDecoder } from './wasmDecode';
import type { Decoder } from '../types';

let codec: Promise<OpenJpegModule> | null = null;

function load(): Promise<OpenJpegModule> {
  if (!codec) {
    codec = import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((m) => instantiate(m, 'openjpegwasm_decode.wasm'));
    codec.catch(() => (codec = null));
  }
  return codec;
}

/**
 * JPEG 2000 (PS3.5 A.4.4) with OpenJPEG. The decoder applies the inverse RCT/ICT itself, so
 * YBR_RCT / YBR_ICT come out as R,G,B (hashing convention); signed components come out signed.
 */
export const decodeJpeg2000: Decoder = async (frame) => {
  const openjpeg = await load();
  const { samples } = runWasmDecoder(new openjpeg.J2KDecoder(), frame, 'OpenJPEG (JPEG 2000)', { onTrap: () => (codec = null) });
  return toDecodedFrame(samples, frame, false, 'OpenJPEG (JPEG 2000)');
};
