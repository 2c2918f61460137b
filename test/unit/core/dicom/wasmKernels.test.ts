// The WebAssembly assembler (src/core/dicom/wasm/) and its SIMD kernels as shipped: big-endian byte swaps and RLE
// decoding against plain reference implementations. wasmFallback.test.ts runs the same with WebAssembly refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { swapBytes, typedPixels } from '../../../../src/core/dicom/pixels/byteOrder';
import { decodeRle } from '../../../../src/core/dicom/decoders/decodeRle';
import { assembleModule, instantiate, sleb, uleb } from '../../../../src/core/dicom/wasm/assembler';
import {
  add, add64, block, br, brIf, geU, get, i32, i64, locals, loop, set, shrU64, shuffle, splat8, tee, u64, v128Load, v128Store, v128Zero, wrap,
} from '../../../../src/core/dicom/wasm/instructions';
import { checkRle, checkSwaps } from './kernelChecks';

test('the kernels assemble into a valid module that this engine runs', () => {
  const bytes = assembleModule([]);
  assert.ok(WebAssembly.validate(bytes));
  assert.ok(instantiate(bytes));
});

test('LEB128 of edge values', () => {
  assert.deepEqual(uleb(0), [0]);
  assert.deepEqual(uleb(127), [0x7f]);
  assert.deepEqual(uleb(128), [0x80, 0x01]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(uleb(2 ** 32 - 1), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.throws(() => uleb(-1), RangeError);
  assert.throws(() => uleb(2 ** 32), RangeError);
  assert.deepEqual(sleb(0), [0]);
  assert.deepEqual(sleb(63), [0x3f]);
  assert.deepEqual(sleb(64), [0xc0, 0x00]);
  assert.deepEqual(sleb(-1), [0x7f]);
  assert.deepEqual(sleb(-64), [0x40]);
  assert.deepEqual(sleb(-65), [0xbf, 0x7f]);
  assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(sleb(2 ** 31 - 1), [0xff, 0xff, 0xff, 0xff, 0x07]);
  assert.deepEqual(sleb(-(2 ** 31)), [0x80, 0x80, 0x80, 0x80, 0x78]);
  assert.deepEqual(sleb(0xffffffff), [0x7f]); // i32.const takes the bits: -1
  assert.deepEqual(sleb(2n ** 63n - 1n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  assert.deepEqual(sleb(-(2n ** 63n)), [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  assert.throws(() => sleb(2 ** 32), RangeError);
  assert.throws(() => sleb(2n ** 64n), RangeError);
});

test('a module with i32, i64 and v128 locals, some past index 127, validates and runs', () => {
  // sum(p, n): the bytes [p, p + n) (n a multiple of 16) summed through an i64, each 16 copied to p + 4096 by way
  // of a byte reversal. Locals 2..131 are i32 (131, a two-byte LEB128 index, holds p), 132 i64, 133 and 134 v128.
  const [p, n] = [0, 1];
  const { q } = locals(2, ['q'] as const);
  const hi = 131, acc = 132, v = 133;
  const reverse = Array.from({ length: 16 }, (_, j) => 15 - j);
  const code = [
    ...set(hi, get(p)),
    ...set(acc, i64(2 ** 40)),
    ...block(loop([
      ...brIf(1, geU(get(q), get(n))),
      ...set(v, shuffle(reverse, v128Load(add(get(hi), get(q))), v128Zero())),
      ...v128Store(add(get(hi), get(q)), get(v), 4096),
      ...set(acc, add64(get(acc), u64(add(get(q), i32(0))))),
      ...set(q, tee(q, add(get(q), i32(16)))),
      ...br(0),
    ])),
    ...v128Store(i32(8192), splat8(i32(0x1ab))),
    ...wrap(shrU64(get(acc), i64(4))),
  ];
  const bytes = assembleModule([{ name: 'sum', params: 2, returnsI32: true, i32Locals: 130, i64Locals: 1, v128Locals: 2, code }]);
  assert.ok(WebAssembly.validate(bytes));
  const exports = instantiate(bytes);
  assert.ok(exports);
  const mem = new Uint8Array((exports.m as WebAssembly.Memory).buffer);
  for (let i = 0; i < 32; i++) mem[i] = i;
  // acc = 2^40 + 0 + 16; >> 4 = 2^36 + 1, whose low 32 bits are 1.
  assert.equal((exports.sum as (p: number, n: number) => number)(0, 32), 1);
  assert.deepEqual([...mem.subarray(4096, 4096 + 32)], [...reverse, ...reverse.map((j) => j + 16)]);
  assert.deepEqual([...mem.subarray(8192, 8192 + 16)], new Array<number>(16).fill(0xab));
});

test('byte swaps with the SIMD kernel equal an element-by-element reversal', () => {
  assert.ok(checkSwaps(swapBytes, typedPixels) > 100);
});

test('RLE with the SIMD kernel decodes every kind of run exactly', async () => {
  assert.ok((await checkRle(decodeRle)) >= 10);
});
