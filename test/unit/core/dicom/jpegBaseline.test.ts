// 8-bit JPEG through our own libjpeg-turbo build (codecs/libjpeg-turbo/libjpeg-turbo.wasm, supplied by
// test/unit/setup.ts as the CLI supplies it) against @cornerstonejs/codec-libjpeg-turbo-8bit, the npm build it
// replaces and keeps as its fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeCodecWasm } from '../../../../src/cli/nodeCodecs';
import { parseDicom } from '../../../../src/core/dicom';
import { decodeJpegBaseline, jpegBaselineDecoderUse } from '../../../../src/core/dicom/decoders/decodeJpegBaseline';
import { toDecodedFrame } from '../../../../src/core/dicom/decoders/frameResult';
import { jpegPrecision } from '../../../../src/core/dicom/decoders/jpegColorMarkers';
import { decodeWithCornerstoneLibJpegTurbo } from '../../../../src/core/dicom/decoders/libjpegTurboCornerstone';
import { LIBJPEG_TURBO_WASM_FILE, LibJpegTurboDecodeError, LibJpegTurboWasm } from '../../../../src/core/dicom/decoders/libjpegTurboWasm';
import { encodedFrame } from '../../../../src/core/dicom/decodeFrame';
import { pixelFormatOf } from '../../../../src/core/dicom/pixelFormat';
import type { DecodedFrame, EncodedFrame } from '../../../../src/core/dicom/types';
import { DicomError } from '../../../../src/core/errors';
import { assertSamePixels } from './samePixels';
import { dataDir, dicomEntries, readSample } from './corpus';
import { rng } from '../../seededRandom';
import { decodeOutcome } from './jpegStreams';

const BASELINE = '1.2.840.10008.1.2.4.50';
const EXTENDED = '1.2.840.10008.1.2.4.51';
const repoRoot = join(__dirname, '..', '..', '..', '..');
// Made by `npm run bench -- imaging` (gitignored); used when present.
const benchCt = join(repoRoot, 'bench', '.work', 'imaging', 'ct512', 'ct512_jpeg_baseline.dcm');
const fixtures = join(__dirname, 'fixtures', 'jpeg');

/** A file's frames as the core hands them to a codec. */
function encodedFrames(bytes: Uint8Array): EncodedFrame[] {
  const file = parseDicom(bytes);
  const format = pixelFormatOf(file.info);
  return Array.from({ length: format.frames }, (_, i) => encodedFrame(file, format, i));
}

/** Every 8-bit JPEG frame at hand that the core decodes with decodeJpegBaseline (.50, and .51 at 8 bits). */
function baselineFrames(): { name: string; frame: EncodedFrame }[] {
  const corpus = dicomEntries()
    .filter((e) => !e.bad && (e.transferSyntaxUID === BASELINE || e.transferSyntaxUID === EXTENDED))
    .map((e) => ({ name: e.path, bytes: readSample(e.path) }));
  const bench = existsSync(benchCt) ? [{ name: 'bench/.work/imaging/ct512/ct512_jpeg_baseline.dcm', bytes: new Uint8Array(readFileSync(benchCt)) }] : [];
  return [...corpus, ...bench].flatMap(({ name, bytes }) =>
    encodedFrames(bytes)
      .filter((frame) => jpegPrecision(frame.bytes) === 8)
      .map((frame, i) => ({ name: `${name} frame ${i}`, frame })),
  );
}

async function viaCornerstone(frame: EncodedFrame, keepColor: boolean): Promise<DecodedFrame> {
  return toDecodedFrame(await decodeWithCornerstoneLibJpegTurbo(frame, keepColor), frame, true, 'npm');
}

async function ourBuild(): Promise<LibJpegTurboWasm> {
  const bytes = await loadNodeCodecWasm(LIBJPEG_TURBO_WASM_FILE);
  assert.ok(bytes, `${LIBJPEG_TURBO_WASM_FILE} is found in the package`);
  return LibJpegTurboWasm.instantiate(await WebAssembly.compile(bytes));
}

test('every 8-bit JPEG frame at hand decodes to the same samples as with @cornerstonejs/codec-libjpeg-turbo-8bit', async () => {
  const frames = baselineFrames();
  assert.ok(frames.length >= 2, `8-bit JPEG frames: ${frames.map((f) => f.name).join(', ')} (corpus: ${dataDir})`);
  const before = jpegBaselineDecoderUse();
  for (const { name, frame } of frames) {
    // YBR_FULL_422 keeps its coded components: the npm path gets them by rewriting the stream's header.
    const keepColor = frame.samplesPerPixel === 3 && frame.photometricInterpretation.startsWith('YBR');
    assertSamePixels((await decodeJpegBaseline(frame)).pixels, (await viaCornerstone(frame, keepColor)).pixels, name);
  }
  const after = jpegBaselineDecoderUse();
  assert.equal(after.unavailable, null);
  assert.equal(after.libjpegTurboWasm - before.libjpegTurboWasm, frames.length, 'every frame went through our build');
  assert.equal(after.cornerstone - before.cornerstone, 0, 'none fell back');
});

/** A fixture (fixtures/jpeg/make.sh: cjpeg from a synthetic 50 × 30 image) as a frame with `photometric`. */
function fixtureFrame(file: string, photometric: string): EncodedFrame {
  const bytes = new Uint8Array(readFileSync(join(fixtures, file)));
  const samplesPerPixel = photometric.startsWith('MONOCHROME') ? 1 : 3;
  return {
    bytes,
    rows: 30,
    columns: 50,
    samplesPerPixel,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: photometric,
    transferSyntaxUID: BASELINE,
  };
}

test('grey, 4:4:4, 4:2:2, 4:2:0 and 4:4:0 streams, with and without restart markers, RGB-coded too: the same samples, colour converted or kept', async () => {
  const colour = ['ybr444.jpg', 'ybr422.jpg', 'ybr420.jpg', 'ybr420_rst.jpg', 'ybr440.jpg', 'rgb.jpg'];
  const cases: [string, string][] = [
    ['grey.jpg', 'MONOCHROME2'],
    ['grey_rst.jpg', 'MONOCHROME2'],
    // RGB: libjpeg converts YCbCr to R,G,B; YBR_FULL_422 / YBR_FULL: the components stay as coded.
    ...colour.map((f): [string, string] => [f, 'RGB']),
    ...colour.map((f): [string, string] => [f, 'YBR_FULL_422']),
    ...colour.map((f): [string, string] => [f, 'YBR_FULL']),
  ];
  const before = jpegBaselineDecoderUse();
  for (const [file, photometric] of cases) {
    const frame = fixtureFrame(file, photometric);
    const keepColor = photometric.startsWith('YBR');
    assertSamePixels((await decodeJpegBaseline(frame)).pixels, (await viaCornerstone(frame, keepColor)).pixels, `${file} as ${photometric}`);
  }
  const after = jpegBaselineDecoderUse();
  assert.equal(after.libjpegTurboWasm - before.libjpegTurboWasm, cases.length, 'all through our build');
  // Kept and converted colour really differ (the flag is not ignored).
  const ybr = await decodeJpegBaseline(fixtureFrame('ybr420.jpg', 'YBR_FULL_422'));
  const rgb = await decodeJpegBaseline(fixtureFrame('ybr420.jpg', 'RGB'));
  assert.notDeepEqual(Buffer.from(ybr.pixels.buffer), Buffer.from(rgb.pixels.buffer));
});

test('sampling factors TurboJPEG cannot name (Cb subsampled, Cr not) decode with our build; the npm build refuses them', async () => {
  const frame = fixtureFrame('odd_sampling.jpg', 'RGB');
  const decoded = await decodeJpegBaseline(frame);
  assert.equal(decoded.pixels.length, 50 * 30 * 3);
  // The same image coded 4:4:4 decodes to nearly the same samples: upsampling, not garbage.
  const reference = await decodeJpegBaseline(fixtureFrame('ybr444.jpg', 'RGB'));
  let far = 0;
  for (let i = 0; i < decoded.pixels.length; i++) if (Math.abs((decoded.pixels[i] as number) - (reference.pixels[i] as number)) > 48) far++;
  assert.ok(far < decoded.pixels.length / 50, `${far} samples far from the 4:4:4 decode`);
  // tjDecompressHeader3(): "Could not determine subsampling type for JPEG image".
  await assert.rejects(viaCornerstone(frame, false), DicomError);
});

/**
 * An 8 × 8 JPEG of `components` flat grey components, made here: one quantisation table of ones, and one DC and
 * one AC Huffman table with a single 1-bit code each (DC difference 0, end of block), so every block is "00".
 */
function flatJpeg(components: number): Uint8Array {
  const out: number[] = [0xff, 0xd8];
  const segment = (marker: number, body: number[]): void => {
    out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  };
  const ids = Array.from({ length: components }, (_, i) => i + 1);
  segment(0xdb, [0, ...new Array<number>(64).fill(1)]);
  segment(0xc0, [8, 0, 8, 0, 8, components, ...ids.flatMap((id) => [id, 0x11, 0])]);
  const oneCode = (tableClass: number, symbol: number): number[] => [tableClass << 4, 1, ...new Array<number>(15).fill(0), symbol];
  segment(0xc4, [...oneCode(0, 0), ...oneCode(1, 0)]);
  segment(0xda, [components, ...ids.flatMap((id) => [id, 0x00]), 0, 63, 0]);
  // 2 bits per block, padded with 1 bits to a whole byte.
  for (let bits = 2 * components; bits > 0; bits -= 8) out.push(0xff >> Math.min(8, bits));
  out.push(0xff, 0xd9);
  return Uint8Array.from(out);
}

function flatFrame(components: number): EncodedFrame {
  return {
    bytes: flatJpeg(components),
    rows: 8,
    columns: 8,
    samplesPerPixel: components,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: components === 1 ? 'MONOCHROME2' : 'RGB',
    transferSyntaxUID: BASELINE,
  };
}

test('a stream with neither 1 nor 3 components is left to the npm codec (which refuses 2 and 4 as before)', async () => {
  const codec = await ourBuild();
  assert.deepEqual([...(await decodeJpegBaseline(flatFrame(1))).pixels], new Array<number>(64).fill(128), 'the hand-made stream is valid');
  for (const components of [2, 4]) {
    assert.equal(codec.decode(flatJpeg(components), { width: 8, height: 8, components }, false), 'unsupported', `${components} components: our build declines`);
    const before = jpegBaselineDecoderUse();
    await assert.rejects(decodeJpegBaseline(flatFrame(components)), (e: unknown) => {
      assert.ok(e instanceof DicomError);
      assert.match(e.message, /^libjpeg-turbo \(JPEG baseline, @cornerstonejs\/codec-libjpeg-turbo-8bit\) could not decode/);
      return true;
    });
    assert.equal(jpegBaselineDecoderUse().libjpegTurboWasm, before.libjpegTurboWasm);
  }
});

/** Where the stream's first SOF0 marker's height field is. */
function sofOffset(stream: Uint8Array): number {
  for (let i = 2; i + 1 < stream.length; i++) if (stream[i] === 0xff && stream[i + 1] === 0xc0) return i + 5;
  throw new Error('no SOF0');
}

/** `stream` with its SOF0 marker claiming `width` × `height`. */
function withSize(stream: Uint8Array, width: number, height: number): Uint8Array {
  const copy = stream.slice();
  const view = new DataView(copy.buffer);
  view.setUint16(sofOffset(copy), height);
  view.setUint16(sofOffset(copy) + 2, width);
  return copy;
}

/** The offset just after the stream's SOS header, where the entropy-coded data starts. */
function scanData(stream: Uint8Array): number {
  for (let i = 2; i + 3 < stream.length; i++) {
    if (stream[i] === 0xff && stream[i + 1] === 0xda) return i + 2 + (((stream[i + 2] as number) << 8) | (stream[i + 3] as number));
  }
  throw new Error('no SOS');
}

test('corrupt JPEG streams give a dicom-codec-failed DicomError naming the reason, and the decoder stays usable', async () => {
  const [frame] = encodedFrames(readSample('dicom/us_rgb_jpeg_baseline_ybr422.dcm'));
  assert.ok(frame);
  const good = frame.bytes;
  const expected = await decodeJpegBaseline(frame);
  const data = scanData(good);
  const cases: [string, Uint8Array, RegExp, boolean][] = [
    // [name, stream, reason, whether libjpeg's fatal error trapped (and so the instance was replaced)]
    ['empty', new Uint8Array(0), /Empty input/, true],
    ['3 bytes', good.subarray(0, 3), /Not a JPEG file|Premature end|JPEG datastream contains no image/, true],
    ['the header cut short', good.subarray(0, data - 40), /no image|Premature end|Invalid|Bogus|missing/i, true],
    ['half the stream', good.subarray(0, good.length >> 1), /corrupt data, which libjpeg warned of: Premature end of JPEG file/, false],
    ['not a JPEG stream', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255), /Not a JPEG file/, true],
    ['entropy-coded data overwritten', Uint8Array.from(good, (b, i) => (i >= data + 200 && i < good.length - 2 ? (i * 31) & 0xfe : b)), /corrupt data, which libjpeg warned of: Corrupt JPEG data/, false],
    // Refused before libjpeg reads any entropy-coded data or allocates for the claimed size.
    ['a SOF marker claiming 65000 × 65000', withSize(good, 65000, 65000), /the JPEG stream is 65000 × 65000 with 3 component\(s\), not \d+ × \d+ with 3/, false],
  ];
  for (const [name, bytes, reason, trapped] of cases) {
    const r = await decodeOutcome(decodeJpegBaseline, { ...frame, bytes });
    assert.ok(r instanceof DicomError, `${name}: rejected`);
    assert.equal(r.code, 'dicom-codec-failed', name);
    assert.match(r.message, /^libjpeg-turbo 2\.1\.5 \(JPEG baseline\) could not decode the \d+-byte frame of transfer syntax 1\.2\.840\.10008\.1\.2\.4\.50 \(.+\)\.$/, name);
    assert.match(r.message, reason, name);
    assert.ok(r.cause instanceof LibJpegTurboDecodeError, `${name}: our build's error`);
    assert.equal(r.cause.trapped, trapped, `${name}: trapped`);
    assertSamePixels((await decodeJpegBaseline(frame)).pixels, expected.pixels, `a good frame after "${name}"`);
  }
  // Random damage anywhere (header or entropy-coded data) may still decode to something: either outcome is fine,
  // a crash or a hang is not.
  const random = rng(50);
  let rejected = 0;
  for (let i = 0; i < 60; i++) {
    const bytes = good.slice();
    for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * Math.min(bytes.length, i < 30 ? data : bytes.length))] = Math.floor(random() * 256);
    if ((await decodeOutcome(decodeJpegBaseline, { ...frame, bytes })) !== 'ok') rejected++;
  }
  assert.ok(rejected > 0, 'some damaged copies were rejected');
  assertSamePixels((await decodeJpegBaseline(frame)).pixels, expected.pixels, 'a good frame after the failures');
  assert.equal(jpegBaselineDecoderUse().cornerstone, 0, 'nothing fell back to the npm codec');
});

test('a frame decoded alongside one whose decode traps gets a working instance', async () => {
  const [frame] = encodedFrames(readSample('dicom/ot_gray_jpeg_baseline.dcm'));
  assert.ok(frame);
  const expected = await decodeJpegBaseline(frame);
  // Both await the same instance; the first traps it, so the second must not decode with it.
  const [bad, ok] = await Promise.allSettled([decodeJpegBaseline({ ...frame, bytes: new Uint8Array(100) }), decodeJpegBaseline(frame)]);
  assert.equal(bad.status, 'rejected');
  assert.equal(ok.status, 'fulfilled', ok.status === 'rejected' ? String(ok.reason) : '');
  assertSamePixels(ok.value.pixels, expected.pixels, 'the good frame');
});
