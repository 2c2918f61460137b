// Where the host supplies no openjpeg.wasm (a Node program that never calls configureNodeCodecs, a webview whose
// fetch of it failed), JPEG 2000 still decodes, with @cornerstonejs/codec-openjpeg. Its own file: which build is
// in use is settled once per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configureCodecs, inspectDicom } from '../../../../src/core/dicom';
import { jpeg2000DecoderUse } from '../../../../src/core/dicom/decoders/decodeJpeg2000';
import { dicomEntries, readSample } from './corpus';

// Undoes test/unit/setup.ts before any codec loads.
configureCodecs({});

const lossless = dicomEntries().find((e) => !e.bad && e.transferSyntaxUID === '1.2.840.10008.1.2.4.90');

test('without openjpeg.wasm, JPEG 2000 falls back to the npm codec and says why', { skip: !lossless && 'no lossless JPEG 2000 file in the corpus' }, async () => {
  assert.ok(lossless?.pixels);
  const doc = await inspectDicom(readSample(lossless.path));
  assert.equal(doc.pixels?.sha256, lossless.pixels.sha256);
  const use = jpeg2000DecoderUse();
  assert.equal(use.openjpegWasm, 0);
  assert.equal(use.cornerstone, 1);
  assert.match(use.unavailable ?? '', /supplies no openjpeg\.wasm/);
});
