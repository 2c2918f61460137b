import { DicomError } from '../../errors';
import type { PixelArray } from '../../imaging/pixelArray';
import { checkGeometry, describeCodecError, toDecodedFrame } from './frameResult';
import { decodeLosslessJpeg } from './jpegLossless/decodeLosslessJpeg';
import type { Decoder } from '../types';
import { LazyModule } from './lazyModule';

type LosslessModule = typeof import('jpeg-lossless-decoder-js');

const codec = new LazyModule<LosslessModule>(() => import('jpeg-lossless-decoder-js'));

/**
 * JPEG lossless, processes 14 and 14 SV1 (PS3.5 A.4.1): our decoder for the common layout (one interleaved
 * scan, 1×1 sampling, restart intervals of whole rows; any predictor and point transform), grey scans in a
 * WebAssembly kernel, over 10× faster than jpeg-lossless-decoder-js, which decodes everything else.
 */
export const decodeJpegLossless: Decoder = async (frame) => {
  let fast;
  try {
    fast = decodeLosslessJpeg(frame.bytes);
  } catch (e) {
    if (e instanceof DicomError) throw e;
    throw new DicomError('dicom-codec-failed', `The JPEG lossless frame could not be decoded (${describeCodecError(e)}).`, { cause: e });
  }
  if (fast) {
    checkGeometry('JPEG lossless', { width: fast.width, height: fast.height, componentCount: fast.components }, frame);
    return toDecodedFrame(fast.samples, frame, true, 'JPEG lossless');
  }
  const { Decoder: LosslessDecoderClass } = await codec.get();
  const bytesPerSample = frame.bitsAllocated > 8 ? 2 : 1;
  let samples: PixelArray;
  try {
    const decoder = new LosslessDecoderClass();
    const out = decoder.decode(frame.bytes.buffer as ArrayBuffer, frame.bytes.byteOffset, frame.bytes.length, bytesPerSample);
    checkGeometry('JPEG lossless', { width: decoder.frame.dimX, height: decoder.frame.dimY, componentCount: decoder.frame.numComp }, frame);
    samples = out;
  } catch (e) {
    if (e instanceof DicomError) throw e;
    throw new DicomError('dicom-codec-failed', `The JPEG lossless frame could not be decoded (${describeCodecError(e)}).`, { cause: e });
  }
  return toDecodedFrame(samples, frame, true, 'JPEG lossless');
};
