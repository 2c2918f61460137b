// Our libjpeg-turbo build (codecs/libjpeg-turbo/libjpeg-turbo.wasm) against
// @cornerstonejs/codec-libjpeg-turbo-8bit, the npm build it replaced, on the same frames in one process
// (decoderPair.ts says how):
//
//   node --import tsx bench/imaging/jpegBaselineDecoders.ts [ROUNDS] [FILE...]
//
// Default files: bench/.work/imaging/ct512/ct512_jpeg_baseline.dcm (made by `npm run bench -- imaging`) and the
// corpus' JPEG baseline files. Both sides as decodeJpegBaseline calls them: the npm decoder object reused across
// frames, YBR frames through its header rewrite (jpegColorMarkers.ts), ours with the keep-colour flag.
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';
import { decodeJpegBaseline, jpegBaselineDecoderUse, keepsYbr } from '../../src/core/dicom/decoders/decodeJpegBaseline';
import { toDecodedFrame } from '../../src/core/dicom/decoders/frameResult';
import { decodeWithCornerstoneLibJpegTurbo } from '../../src/core/dicom/decoders/libjpegTurboCornerstone';
import { benchFiles, compareDecoders, roundsAndFiles } from './decoderPair';

async function main(): Promise<void> {
  configureNodeCodecs();
  const { rounds, files } = roundsAndFiles(() => benchFiles(/^ct512_jpeg_baseline\.dcm$/, /_jpeg_baseline.*\.dcm$/));
  await compareDecoders(
    {
      beforeName: 'npm codec-libjpeg-turbo-8bit 1.2.8',
      afterName: 'codecs/libjpeg-turbo',
      before: async (frame) => toDecodedFrame(await decodeWithCornerstoneLibJpegTurbo(frame, keepsYbr(frame)), frame, true, 'npm'),
      after: decodeJpegBaseline,
    },
    files,
    rounds,
  );
  const use = jpegBaselineDecoderUse();
  if (use.unavailable || use.cornerstone > 0) throw new Error(`our build did not decode every frame: ${JSON.stringify(use)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
