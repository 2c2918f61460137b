import type { PixelArray } from '../../imaging/pixelArray';
import type { EncodedFrame } from '../types';
import type { OpenJpegModule } from './codecTypes';
import { instantiate } from './codecOptions';
import { runWasmDecoder } from './wasmDecode';
import { LazyModule } from './lazyModule';

/**
 * @cornerstonejs/codec-openjpeg, the JPEG 2000 decoder for what our own OpenJPEG build does not decode: frames
 * with subsampled components, which it upsamples, and every frame where our build cannot be loaded.
 */
export const CORNERSTONE_OPENJPEG = 'OpenJPEG (JPEG 2000, @cornerstonejs/codec-openjpeg)';

const codec = new LazyModule<OpenJpegModule>(() => import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((m) => instantiate(m, 'openjpegwasm_decode.wasm')));

/** The frame's interleaved samples; throws `dicom-codec-failed` when the codestream cannot be decoded. */
export async function decodeWithCornerstoneOpenJpeg(frame: EncodedFrame): Promise<PixelArray> {
  const openjpeg = await codec.get();
  const { samples } = runWasmDecoder(new openjpeg.J2KDecoder(), frame, CORNERSTONE_OPENJPEG, { onTrap: codec.forget });
  return samples;
}
