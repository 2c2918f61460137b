// Our OpenJPEG build (codecs/openjpeg/openjpeg.wasm) against @cornerstonejs/codec-openjpeg, the npm build it
// replaced, on the same frames in one process (decoderPair.ts says how):
//
//   node --import tsx bench/imaging/jpeg2000Decoders.ts [ROUNDS] [FILE...]
//
// Default files: the corpus' JPEG 2000 files and bench/.work/imaging/ct512/ct512_j2k_*.dcm (made by
// `npm run bench -- imaging`).
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';
import { decodeJpeg2000, jpeg2000DecoderUse } from '../../src/core/dicom/decoders/decodeJpeg2000';
import { toDecodedFrame } from '../../src/core/dicom/decoders/frameResult';
import { decodeWithCornerstoneOpenJpeg } from '../../src/core/dicom/decoders/openjpegCornerstone';
import { benchFiles, compareDecoders, roundsAndFiles } from './decoderPair';

async function main(): Promise<void> {
  configureNodeCodecs();
  const { rounds, files } = roundsAndFiles(() => benchFiles(/^ct512_j2k_.*\.dcm$/, /_j2k_.*\.dcm$/));
  await compareDecoders(
    {
      beforeName: 'npm codec-openjpeg 1.3.6',
      afterName: 'codecs/openjpeg',
      before: async (frame) => toDecodedFrame(await decodeWithCornerstoneOpenJpeg(frame), frame, false, 'npm'),
      after: decodeJpeg2000,
    },
    files,
    rounds,
  );
  const use = jpeg2000DecoderUse();
  if (use.unavailable || use.cornerstone > 0) throw new Error(`our build did not decode every frame: ${JSON.stringify(use)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
