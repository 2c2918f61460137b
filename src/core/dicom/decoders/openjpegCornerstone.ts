import type { PixelArray } from '../../imaging/pixelArray';
import type { EncodedFrame } from '../types';
import type { OpenJpegModule } from './codecTypes';
import { instantiate } from './codecOptions';
import { runWasmDecoder } from './wasmDecode';

/**
 * @cornerstonejs/codec-openjpeg, the JPEG 2000 decoder for what our own OpenJPEG build does not decode: frames
 * with subsampled components, which it upsamples, and every frame where our build cannot be loaded.
 */
export const CORNERSTONE_OPENJPEG = 'OpenJPEG (JPEG 2000, @cornerstonejs/codec-openjpeg)';

let codec: Promise<OpenJpegModule> | null = null;

function load(): Promise<OpenJpegModule> {
  if (!codec) {
    codec = import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((m) => instantiate(m, 'openjpegwasm_decode.wasm'));
    codec.catch(() => (codec = null));
  }
  return codec;
}

/** The frame's interleaved samples; throws `dicom-codec-failed` when the codestream cannot be decoded. */
export async function decodeWithCornerstoneOpenJpeg(frame: EncodedFrame): Promise<PixelArray> {
  const openjpeg = await load();
  const { samples } = runWasmDecoder(new openjpeg.J2KDecoder(), frame, CORNERSTONE_OPENJPEG, { onTrap: () => (codec = null) });
  return samples;
}
