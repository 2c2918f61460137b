// The WebAssembly SIMD kernels (src/core/dicom/pixels/wasmKernel.ts) as shipped: big-endian byte swaps and RLE
// decoding against plain reference implementations. wasmFallback.test.ts runs the same with WebAssembly refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { swapBytes, typedPixels } from '../../../../src/core/dicom/pixels/byteOrder';
import { decodeRle } from '../../../../src/core/dicom/decoders/decodeRle';
import { assembleKernel, instantiateKernel } from '../../../../src/core/dicom/pixels/wasmKernel';
import { checkRle, checkSwaps } from './kernelChecks';

test('the kernels assemble into a valid module that this engine runs', () => {
  const bytes = assembleKernel([]);
  assert.ok(WebAssembly.validate(bytes));
  assert.ok(instantiateKernel(bytes));
});

test('byte swaps with the SIMD kernel equal an element-by-element reversal', () => {
  assert.ok(checkSwaps(swapBytes, typedPixels) > 100);
});

test('RLE with the SIMD kernel decodes every kind of run exactly', async () => {
  assert.ok((await checkRle(decodeRle)) >= 10);
});
