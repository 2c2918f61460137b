// Where the host supplies no libjpeg-turbo.wasm (a Node program that never calls configureNodeCodecs, a webview
// whose fetch of it failed), 8-bit JPEG still decodes, with @cornerstonejs/codec-libjpeg-turbo-8bit. Its own
// file: which build is in use is settled once per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configureCodecs, inspectDicom } from '../../../../src/core/dicom';
import { jpegBaselineDecoderUse } from '../../../../src/core/dicom/decoders/decodeJpegBaseline';
import { dicomEntries, readSample } from './corpus';

// Undoes test/unit/setup.ts before any codec loads.
configureCodecs({});

const files = dicomEntries().filter((e) => !e.bad && e.transferSyntaxUID === '1.2.840.10008.1.2.4.50');

test('without libjpeg-turbo.wasm, JPEG baseline falls back to the npm codec, with the same pixels, and says why', { skip: files.length === 0 && 'no JPEG baseline file in the corpus' }, async () => {
  for (const e of files) {
    assert.ok(e.pixels);
    const doc = await inspectDicom(readSample(e.path));
    assert.equal(doc.pixels?.sha256, e.pixels.sha256, e.path);
  }
  const use = jpegBaselineDecoderUse();
  assert.equal(use.libjpegTurboWasm, 0);
  assert.equal(use.cornerstone, files.length);
  assert.match(use.unavailable ?? '', /supplies no libjpeg-turbo\.wasm/);
});
