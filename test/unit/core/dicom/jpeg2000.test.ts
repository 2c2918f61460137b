// JPEG 2000 through our own OpenJPEG build (codecs/openjpeg/openjpeg.wasm, supplied by test/unit/setup.ts as the
// CLI supplies it) against @cornerstonejs/codec-openjpeg, the npm build it replaces and keeps as its fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeCodecWasm } from '../../../../src/cli/nodeCodecs';
import { parseDicom } from '../../../../src/core/dicom';
import { decodeJpeg2000, jpeg2000DecoderUse } from '../../../../src/core/dicom/decoders/decodeJpeg2000';
import { toDecodedFrame } from '../../../../src/core/dicom/decoders/frameResult';
import { decodeWithCornerstoneOpenJpeg } from '../../../../src/core/dicom/decoders/openjpegCornerstone';
import { OPENJPEG_WASM_FILE, OpenJpegWasm } from '../../../../src/core/dicom/decoders/openjpegWasm';
import { encodedFrame } from '../../../../src/core/dicom/decodeFrame';
import { pixelFormatOf } from '../../../../src/core/dicom/pixelFormat';
import type { DecodedFrame, EncodedFrame } from '../../../../src/core/dicom/types';
import { DicomError } from '../../../../src/core/errors';
import { assertSamePixels } from './samePixels';
import { dataDir, dicomEntries, readSample } from './corpus';
import { rng } from '../../seededRandom';
import { decodeOutcome } from './jpegStreams';

const J2K_SYNTAXES = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);
const repoRoot = join(__dirname, '..', '..', '..', '..');
// Made by `npm run bench -- imaging` (gitignored); used when present.
const benchCt = join(repoRoot, 'bench', '.work', 'imaging', 'ct512');

/** Every JPEG 2000 file at hand: the corpus', and the benchmark's 512 × 512 CT pair when it has been made. */
function jpeg2000Files(): { name: string; bytes: Uint8Array }[] {
  const corpus = dicomEntries()
    .filter((e) => !e.bad && J2K_SYNTAXES.has(e.transferSyntaxUID ?? ''))
    .map((e) => ({ name: e.path, bytes: readSample(e.path) }));
  const bench = existsSync(benchCt) ? readdirSync(benchCt).filter((f) => /^ct512_j2k_.*\.dcm$/.test(f)).sort() : [];
  return [...corpus, ...bench.map((f) => ({ name: `bench/.work/imaging/ct512/${f}`, bytes: new Uint8Array(readFileSync(join(benchCt, f))) }))];
}

/** A file's frames as the core hands them to a codec. */
function encodedFrames(bytes: Uint8Array): EncodedFrame[] {
  const file = parseDicom(bytes);
  const format = pixelFormatOf(file.info);
  return Array.from({ length: format.frames }, (_, i) => encodedFrame(file, format, i));
}

async function viaCornerstone(frame: EncodedFrame): Promise<DecodedFrame> {
  return toDecodedFrame(await decodeWithCornerstoneOpenJpeg(frame), frame, false, 'npm');
}

async function ourBuild(): Promise<OpenJpegWasm> {
  const bytes = await loadNodeCodecWasm(OPENJPEG_WASM_FILE);
  assert.ok(bytes, `${OPENJPEG_WASM_FILE} is found in the package`);
  return OpenJpegWasm.instantiate(await WebAssembly.compile(bytes));
}

test('every JPEG 2000 frame at hand decodes to the same samples as with @cornerstonejs/codec-openjpeg', async () => {
  const files = jpeg2000Files();
  assert.ok(files.length >= 4, `JPEG 2000 files: ${files.map((f) => f.name).join(', ')} (corpus: ${dataDir})`);
  let frames = 0;
  const before = jpeg2000DecoderUse();
  for (const { name, bytes } of files) {
    for (const [i, frame] of encodedFrames(bytes).entries()) {
      assertSamePixels((await decodeJpeg2000(frame)).pixels, (await viaCornerstone(frame)).pixels, `${name} frame ${i}`);
      frames++;
    }
  }
  const after = jpeg2000DecoderUse();
  assert.equal(after.unavailable, null);
  assert.equal(after.openjpegWasm - before.openjpegWasm, frames, 'every frame went through our build');
  assert.equal(after.cornerstone - before.cornerstone, 0, 'none fell back');
});

// A 64 × 32 codestream whose two chroma components are subsampled 2:1 horizontally (4:2:2), made with Debian's
// OpenJPEG 2.5.0 tools from a synthetic raw image:
//   opj_compress -i in.raw -o ybr422_64x32.j2k -F 64,32,3,8,u@1x1:2x1:2x1 -mct 0
const subsampled: EncodedFrame = {
  bytes: new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'ybr422_64x32.j2k'))),
  rows: 32,
  columns: 64,
  samplesPerPixel: 3,
  bitsAllocated: 8,
  bitsStored: 8,
  pixelRepresentation: 0,
  planarConfiguration: 0,
  photometricInterpretation: 'YBR_FULL_422',
  transferSyntaxUID: '1.2.840.10008.1.2.4.90',
};

test('a codestream with subsampled components is left to @cornerstonejs/codec-openjpeg, which upsamples it', async () => {
  assert.equal((await ourBuild()).decode(subsampled.bytes, { width: 64, height: 32, components: 3 }), 'unsupported', 'our build declines the layout');
  const before = jpeg2000DecoderUse();
  const decoded = await decodeJpeg2000(subsampled);
  const after = jpeg2000DecoderUse();
  assert.equal(after.cornerstone - before.cornerstone, 1, 'the npm codec decoded it');
  assert.equal(after.openjpegWasm - before.openjpegWasm, 0);
  assert.equal(decoded.pixels.length, 64 * 32 * 3);
  assertSamePixels(decoded.pixels, (await viaCornerstone(subsampled)).pixels, 'the fallback');
});

/** The codestream with its SIZ marker's image and tile sizes (Xsiz, Ysiz, XTsiz, YTsiz) set to size × size. */
function withSize(codestream: Uint8Array, size: number): Uint8Array {
  const copy = codestream.slice();
  const siz = new DataView(copy.buffer);
  assert.equal(siz.getUint32(0), 0xff4fff51, 'SOC then SIZ');
  for (const offset of [8, 12, 24, 28]) siz.setUint32(offset, size);
  return copy;
}

test('corrupt codestreams give a dicom-codec-failed DicomError naming the reason, and the decoder stays usable', async () => {
  const [frame] = encodedFrames(readSample('dicom/gm_j2k_lossless_ybr_rct.dcm'));
  assert.ok(frame);
  const good = frame.bytes;
  const expected = await decodeJpeg2000(frame);
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /too short/],
    ['3 bytes', good.subarray(0, 3), /too short/],
    ['the main header cut short', good.subarray(0, 100), /main header.*Stream too short/],
    ['half the codestream', good.subarray(0, good.length >> 1), /tile data/],
    ['not a codestream', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255), /Expected a SOC marker/],
    ['tile data overwritten with 0xFF', Uint8Array.from(good, (b, i) => (i >= 300 ? 0xff : b)), /tile data/],
    // Refused before OpenJPEG allocates for the claimed size (it would take over 700 MB, never given back).
    ['a SIZ marker claiming 46000 × 46000', withSize(good, 46000), /the codestream is 46000 × 46000 with 3 component\(s\), not 256 × 256 with 3/],
  ];
  for (const [name, bytes, reason] of cases) {
    const r = await decodeOutcome(decodeJpeg2000, { ...frame, bytes });
    assert.ok(r instanceof DicomError, `${name}: rejected`);
    assert.equal(r.code, 'dicom-codec-failed', name);
    assert.match(r.message, /^OpenJPEG 2\.5\.0 \(JPEG 2000\) could not decode the \d+-byte frame of transfer syntax 1\.2\.840\.10008\.1\.2\.4\.90 \(.+\)\.$/, name);
    assert.match(r.message, reason, name);
  }
  // Random damage anywhere (header or tile data) may still decode to something: either outcome is fine, a crash
  // or a hang (the runner's timeout) is not.
  const random = rng(2000);
  let rejected = 0;
  for (let i = 0; i < 60; i++) {
    const bytes = good.slice();
    for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * Math.min(bytes.length, i < 30 ? 200 : bytes.length))] = Math.floor(random() * 256);
    if ((await decodeOutcome(decodeJpeg2000, { ...frame, bytes })) !== 'ok') rejected++;
  }
  assert.ok(rejected > 0, 'some damaged copies were rejected');
  assertSamePixels((await decodeJpeg2000(frame)).pixels, expected.pixels, 'a good frame after the failures');
});
