import type { OpenJphModule } from './codecTypes';
import { instantiate } from './codecOptions';
import { toDecodedFrame } from './frameResult';
import { runWasmDecoder } from './wasmDecode';
import type { Decoder } from '../types';
import { LazyModule } from './lazyModule';

const codec = new LazyModule<OpenJphModule>(() => import('@cornerstonejs/codec-openjph/wasmjs').then((m) => instantiate(m, 'openjphjs.wasm')));

/** HTJ2K .201/.202/.203 (PS3.5 A.4.7) with OpenJPH, which applies the inverse colour transform. */
export const decodeHtj2k: Decoder = async (frame) => {
  const openjph = await codec.get();
  const { samples } = runWasmDecoder(new openjph.HTJ2KDecoder(), frame, 'OpenJPH (HTJ2K)', { onTrap: codec.forget });
  return toDecodedFrame(samples, frame, false, 'OpenJPH (HTJ2K)');
};
