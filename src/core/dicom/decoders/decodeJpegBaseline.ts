import { DicomError } from '../../errors';
import type { Decoder, EncodedFrame } from '../types';
import { describeCodecError, toDecodedFrame } from './frameResult';
import { CORNERSTONE_LIBJPEG_TURBO, decodeWithCornerstoneLibJpegTurbo } from './libjpegTurboCornerstone';
import { LIBJPEG_TURBO_WASM_FILE, LibJpegTurboDecodeError, LibJpegTurboWasm } from './libjpegTurboWasm';
import { OwnWasmBuild } from './ownWasmBuild';

const OUR_LIBJPEG_TURBO = 'libjpeg-turbo 2.1.5 (JPEG baseline)';

const build = new OwnWasmBuild(LIBJPEG_TURBO_WASM_FILE, (module) => LibJpegTurboWasm.instantiate(module));

/** Which 8-bit JPEG decoder has decoded how many frames in this realm: lets tests prove which one ran. */
export interface JpegBaselineDecoderUse {
  /** Frames decoded by our build, codecs/libjpeg-turbo/libjpeg-turbo.wasm. */
  libjpegTurboWasm: number;
  /** Frames decoded by @cornerstonejs/codec-libjpeg-turbo-8bit. */
  cornerstone: number;
  /** Why our build is not in use, once loading it failed; null while it is in use or not yet loaded. */
  unavailable: string | null;
}

const use = { libjpegTurboWasm: 0, cornerstone: 0 };

export function jpegBaselineDecoderUse(): JpegBaselineDecoderUse {
  return { ...use, unavailable: build.unavailable };
}

/** YBR photometrics keep their coded components (hashing convention: no colour conversion). */
export function keepsYbr(frame: EncodedFrame): boolean {
  return frame.samplesPerPixel === 3 && frame.photometricInterpretation.startsWith('YBR');
}

/** The frame's samples from our build, or null for a stream it leaves to the npm codec (neither 1 nor 3 components). */
function decodeWithOurs(codec: LibJpegTurboWasm, frame: EncodedFrame): Uint8Array | null {
  let outcome;
  try {
    // The wrapper checks the geometry against the header's before decoding (as checkGeometry does after).
    outcome = codec.decode(frame.bytes, { width: frame.columns, height: frame.rows, components: frame.samplesPerPixel }, keepsYbr(frame));
  } catch (e) {
    if (!(e instanceof LibJpegTurboDecodeError) || e.trapped) build.drop(codec);
    throw new DicomError(
      'dicom-codec-failed',
      `${OUR_LIBJPEG_TURBO} could not decode the ${frame.bytes.length}-byte frame of transfer syntax ${frame.transferSyntaxUID} (${describeCodecError(e)}).`,
      { cause: e },
    );
  }
  return outcome === 'unsupported' ? null : outcome;
}

/**
 * 8-bit DCT JPEG (PS3.5 A.4.1, processes 1 and 2) with libjpeg-turbo: our own WebAssembly build (SIMD, a quarter
 * to two fifths less time per frame than the npm build, same samples), and @cornerstonejs/codec-libjpeg-turbo-8bit
 * for what ours leaves (neither 1 nor 3 components) or where ours is not supplied. Both: islow IDCT, fancy
 * upsampling, and libjpeg's warnings (corrupt data) are errors.
 */
export const decodeJpegBaseline: Decoder = async (frame) => {
  let codec = await build.get();
  // A frame decoded meanwhile may have trapped and dropped the instance handed out here: take a new one (in a
  // loop, as getting it is awaited too). Nothing is awaited between this check and the decode.
  while (codec && build.isDropped(codec)) codec = await build.get();
  const samples = codec ? decodeWithOurs(codec, frame) : null;
  if (samples) {
    use.libjpegTurboWasm++;
    return toDecodedFrame(samples, frame, true, OUR_LIBJPEG_TURBO);
  }
  const fallback = await decodeWithCornerstoneLibJpegTurbo(frame, keepsYbr(frame));
  use.cornerstone++;
  return toDecodedFrame(fallback, frame, true, CORNERSTONE_LIBJPEG_TURBO);
};
