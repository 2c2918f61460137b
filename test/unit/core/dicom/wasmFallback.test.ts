// The JavaScript paths taken where WebAssembly is refused (a content-security policy without
// 'wasm-unsafe-eval', an engine without SIMD): this file refuses it before the core loads (each test file runs in
// its own process), then checks swaps, RLE and the corpus' RLE and big-endian files against their references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dicomEntries, readSample } from './corpus';
import { checkRle, checkSwaps } from './kernelChecks';

WebAssembly.validate = () => false;

const load = async () => ({
  ...(await import('../../../../src/core/dicom/pixels/byteOrder')),
  ...(await import('../../../../src/core/dicom/decoders/decodeRle')),
  ...(await import('../../../../src/core/dicom')),
  ...(await import('../../../../src/core/dicom/wasm/assembler')),
});

test('the kernels are refused here, so the paths below are the JavaScript ones', async () => {
  const { assembleModule, instantiate } = await load();
  assert.equal(instantiate(assembleModule([])), null);
});

test('without WebAssembly, byte swaps equal an element-by-element reversal', async () => {
  const { swapBytes, typedPixels } = await load();
  assert.ok(checkSwaps(swapBytes, typedPixels) > 100);
});

test('without WebAssembly, RLE decodes every kind of run exactly', async () => {
  const { decodeRle } = await load();
  assert.ok((await checkRle(decodeRle)) >= 10);
});

const syntaxes = new Set(['1.2.840.10008.1.2.5', '1.2.840.10008.1.2.2']);
const files = dicomEntries().filter((e) => !e.bad && e.pixels && syntaxes.has(e.transferSyntaxUID ?? e.impliedTransferSyntaxUID ?? ''));

test('without WebAssembly, the corpus\' RLE and big-endian files hash as their references', { skip: files.length === 0 && 'no such files in the corpus' }, async () => {
  const { inspectDicom } = await load();
  for (const e of files) {
    const doc = await inspectDicom(readSample(e.path));
    assert.equal(doc.pixels?.sha256, e.pixels?.sha256, e.path);
  }
  assert.ok(files.length >= 3, `files: ${files.length}`);
});
