import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { configureCodecs, decodeFrame, parseDicom } from '../../../../src/core/dicom';
import { readSample } from './corpus';

// node:test runs each file in its own process, so the codecs here are initialised fresh.
test('configureCodecs: locateFile is handed to the emscripten factory of a WASM codec', async () => {
  const asked: string[] = [];
  const dist = dirname(require.resolve('@cornerstonejs/codec-charls/decodewasmjs'));
  configureCodecs({ locateFile: (name) => (asked.push(name), join(dist, name)) });
  const frame = await decodeFrame(parseDicom(readSample('dicom/mr_jpegls_lossless.dcm')), 0);
  assert.ok(frame.pixels.length > 0);
  assert.ok(asked.some((n) => n.endsWith('.wasm')), `asked for ${asked.join(', ')}`);
});
