import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomError } from '../../../../src/core/errors';
import { decodeFrame, parseDicom } from '../../../../src/core/dicom';
import { encapsulatedFrameBytes } from '../../../../src/core/dicom/encapsulatedFrames';
import { readSample } from './corpus';
import { concat, encapsulated, writeDicom, type TestElement } from './writeDicom';

const LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';

/** The single JPEG lossless codestream of a corpus file, and its decoded pixels. */
async function sourceFrame(): Promise<{ codestream: Uint8Array; pixels: number[]; rows: number; columns: number }> {
  const file = parseDicom(readSample('dicom/ct_jpeg_lossless_sv1.dcm'));
  const codestream = encapsulatedFrameBytes(file, 1, 0).slice();
  const decoded = await decodeFrame(file, 0);
  return { codestream, pixels: [...decoded.pixels], rows: decoded.rows, columns: decoded.columns };
}

function header(rows: number, columns: number, frames: number): TestElement[] {
  return [
    [0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'],
    [0x00280002, 'US', [1]],
    [0x00280004, 'CS', 'MONOCHROME2'],
    [0x00280008, 'IS', String(frames)],
    [0x00280010, 'US', [rows]],
    [0x00280011, 'US', [columns]],
    [0x00280100, 'US', [16]],
    [0x00280101, 'US', [16]],
    [0x00280102, 'US', [15]],
    [0x00280103, 'US', [1]],
  ];
}

async function decodeAll(bytes: Uint8Array): Promise<number[][]> {
  const file = parseDicom(bytes);
  const out: number[][] = [];
  for (let f = 0; f < file.info.numberOfFrames; f++) out.push([...(await decodeFrame(file, f)).pixels]);
  return out;
}

test('two frames, each split over two fragments, empty Basic Offset Table: frames start at SOI', async () => {
  const src = await sourceFrame();
  const half = Math.floor(src.codestream.length / 2) & ~1;
  const parts = [src.codestream.subarray(0, half), src.codestream.subarray(half)];
  const bytes = writeDicom(LOSSLESS_SV1, header(src.rows, src.columns, 2), encapsulated([], [...parts, ...parts]));
  const frames = await decodeAll(bytes);
  assert.deepEqual(frames, [src.pixels, src.pixels]);
});

test('Basic Offset Table with the frames\' offsets, several fragments per frame', async () => {
  const src = await sourceFrame();
  const a = src.codestream.subarray(0, 100), b = src.codestream.subarray(100);
  const frame2Offset = 8 + a.length + 8 + b.length + (b.length % 2);
  const bytes = writeDicom(LOSSLESS_SV1, header(src.rows, src.columns, 2), encapsulated([0, frame2Offset], [a, b, src.codestream]));
  assert.deepEqual(await decodeAll(bytes), [src.pixels, src.pixels]);
});

test('Extended Offset Table (7FE0,0001) takes precedence over an empty BOT', async () => {
  const src = await sourceFrame();
  const len = src.codestream.length + (src.codestream.length % 2);
  const elements = header(src.rows, src.columns, 2);
  elements.push([0x7fe00001, 'OV', new Uint8Array(new BigUint64Array([0n, BigInt(8 + len)]).buffer)]);
  elements.push([0x7fe00002, 'OV', new Uint8Array(new BigUint64Array([BigInt(src.codestream.length), BigInt(src.codestream.length)]).buffer)]);
  const bytes = writeDicom(LOSSLESS_SV1, elements, encapsulated([], [src.codestream, src.codestream]));
  assert.deepEqual(await decodeAll(bytes), [src.pixels, src.pixels]);
});

test('a Basic Offset Table entry that points between fragments is refused', async () => {
  const src = await sourceFrame();
  const bytes = writeDicom(LOSSLESS_SV1, header(src.rows, src.columns, 2), encapsulated([0, 6], [src.codestream, src.codestream]));
  await assert.rejects(decodeFrame(parseDicom(bytes), 1), (e: unknown) => e instanceof DicomError && e.code === 'dicom-invalid-encapsulation');
});

test('fewer frames in the fragments than Number of Frames says is refused', async () => {
  const src = await sourceFrame();
  const bytes = writeDicom(LOSSLESS_SV1, header(src.rows, src.columns, 3), encapsulated([], [src.codestream, src.codestream]));
  await assert.rejects(decodeFrame(parseDicom(bytes), 0), (e: unknown) => e instanceof DicomError && e.code === 'dicom-invalid-encapsulation');
});

test('missing sequence delimiter: the file is truncated', () => {
  const pixel = encapsulated([], [Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])]);
  const bytes = writeDicom(LOSSLESS_SV1, header(1, 1, 1), pixel.subarray(0, pixel.length - 8));
  assert.throws(() => parseDicom(bytes), (e: unknown) => e instanceof DicomError && e.code === 'dicom-truncated');
  assert.ok(concat([bytes]).length > 0);
});
