import type { CharLsModule } from './codecTypes';
import { instantiate } from './codecOptions';
import { toDecodedFrame } from './frameResult';
import { runWasmDecoder } from './wasmDecode';
import { planarToInterleaved } from '../pixels/planar';
import type { Decoder } from '../types';
import { LazyModule } from './lazyModule';

const codec = new LazyModule<CharLsModule>(() => import('@cornerstonejs/codec-charls/decodewasmjs').then((m) => instantiate(m, 'charlswasm_decode.wasm')));

/** JPEG-LS lossless and near-lossless (PS3.5 A.4.3, ISO 14495-1) with CharLS. */
export const decodeJpegLs: Decoder = async (frame) => {
  const charls = await codec.get();
  let planar = false;
  const { samples } = runWasmDecoder(new charls.JpegLSDecoder(), frame, 'CharLS (JPEG-LS)', {
    // Interleave mode "none" yields one plane per component.
    inspect: (d, info) => (planar = info.componentCount > 1 && d.getInterleaveMode() === 0),
    explain: (e) => (typeof e === 'number' ? charls.getExceptionMessage?.(e) : undefined),
    onTrap: codec.forget,
  });
  const pixels = planar ? planarToInterleaved(samples, frame.rows * frame.columns, frame.samplesPerPixel) : samples;
  return toDecodedFrame(pixels, frame, true, 'CharLS (JPEG-LS)');
};
