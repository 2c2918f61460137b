import { DicomError } from '../../errors';
import type { PixelArray } from '../../imaging/pixelArray';
import type { Decoder, EncodedFrame } from '../types';
import { describeCodecError, toDecodedFrame } from './frameResult';
import { CORNERSTONE_OPENJPEG, decodeWithCornerstoneOpenJpeg } from './openjpegCornerstone';
import { OPENJPEG_WASM_FILE, OpenJpegDecodeError, OpenJpegWasm } from './openjpegWasm';
import { OwnWasmBuild } from './ownWasmBuild';

const OUR_OPENJPEG = 'OpenJPEG 2.5.0 (JPEG 2000)';

const build = new OwnWasmBuild(OPENJPEG_WASM_FILE, (module) => OpenJpegWasm.instantiate(module));

/** Which JPEG 2000 decoder has decoded how many frames in this realm: lets tests prove which one ran. */
export interface Jpeg2000DecoderUse {
  /** Frames decoded by our build, codecs/openjpeg/openjpeg.wasm. */
  openjpegWasm: number;
  /** Frames decoded by @cornerstonejs/codec-openjpeg. */
  cornerstone: number;
  /** Why our build is not in use, once loading it failed; null while it is in use or not yet loaded. */
  unavailable: string | null;
}

const use = { openjpegWasm: 0, cornerstone: 0 };

export function jpeg2000DecoderUse(): Jpeg2000DecoderUse {
  return { ...use, unavailable: build.unavailable };
}

/** The frame's samples from our build, or null for a layout it leaves to the npm codec (subsampled components). */
function decodeWithOurs(codec: OpenJpegWasm, frame: EncodedFrame): PixelArray | null {
  let outcome;
  try {
    // The wrapper checks the geometry against the header's before decoding (as checkGeometry does after).
    outcome = codec.decode(frame.bytes, { width: frame.columns, height: frame.rows, components: frame.samplesPerPixel });
  } catch (e) {
    if (!(e instanceof OpenJpegDecodeError)) build.drop(codec);
    throw new DicomError(
      'dicom-codec-failed',
      `${OUR_OPENJPEG} could not decode the ${frame.bytes.length}-byte frame of transfer syntax ${frame.transferSyntaxUID} (${describeCodecError(e)}).`,
      { cause: e },
    );
  }
  return outcome === 'unsupported' ? null : outcome.samples;
}

/**
 * JPEG 2000 (PS3.5 A.4.4) with OpenJPEG: our own WebAssembly build (SIMD, about a fifth faster than the npm
 * build, same samples), and @cornerstonejs/codec-openjpeg for what ours leaves (subsampled components) or where
 * ours is not supplied. OpenJPEG applies the inverse RCT/ICT itself, so YBR_RCT / YBR_ICT come out as R,G,B
 * (hashing convention); signed components come out signed.
 */
export const decodeJpeg2000: Decoder = async (frame) => {
  let codec = await build.get();
  // As decodeJpegBaseline: a frame decoded meanwhile may have trapped and dropped the instance handed out here.
  while (codec && build.isDropped(codec)) codec = await build.get();
  const samples = codec ? decodeWithOurs(codec, frame) : null;
  if (samples) {
    use.openjpegWasm++;
    return toDecodedFrame(samples, frame, false, OUR_OPENJPEG);
  }
  const fallback = await decodeWithCornerstoneOpenJpeg(frame);
  use.cornerstone++;
  return toDecodedFrame(fallback, frame, false, CORNERSTONE_OPENJPEG);
};
