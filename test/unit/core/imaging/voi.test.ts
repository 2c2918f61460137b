import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lutValue, voiLutToByte, windowToByte } from '../../../../src/core/imaging/voi';
import { roundTo4, pixelStats } from '../../../../src/core/imaging/pixelStats';
import { applyByteLut, byteLutOverRange } from '../../../../src/core/imaging/displayLut';
import { ybrFullToRgb } from '../../../../src/core/imaging/colorConvert';
import { windowPresets } from '../../../../src/core/imaging/windowPresets';
import { littleEndianBytes, sha256Hex } from '../../../../src/core/imaging/sha256';

const soft = { center: 40, width: 400 };

test('LINEAR window, PS3.3 C.11.2.1.2: edges at c − 0.5 ∓ (w − 1)/2, hand-computed', () => {
  // x ≤ −160 → 0; x > 239 → 255; x = −159: (−198.5/399 + 0.5)·255 + 0.5 = 1.14 → 1;
  // x = 40: (0.5/399 + 0.5)·255 + 0.5 = 128.3 → 128; x = 239: exactly 1 → 255.
  const xs = [-1000, -160, -159, 40, 239, 240, 3000];
  assert.deepEqual(xs.map((x) => windowToByte(x, soft, 'LINEAR')), [0, 0, 1, 128, 255, 255, 255]);
});

test('LINEAR_EXACT window, C.11.2.1.3.2: (x − c)/w + 0.5 clamped at c ± w/2', () => {
  // x = −159: (−199/400 + 0.5)·255 + 0.5 = 1.14 → 1; x = 240 is not above c + w/2 → 255.
  assert.deepEqual([-160, -159, 40, 240].map((x) => windowToByte(x, soft, 'LINEAR_EXACT')), [0, 1, 128, 255]);
});

test('SIGMOID window, C.11.2.1.3.1: 1/(1 + exp(−4(x − c)/w))', () => {
  // x = 240: 1/(1 + e^−2) = 0.8808 → 225.1 → 225; x = −160: 0.1192 → 30.9 → 30; x = c → 128.
  assert.deepEqual([-160, 40, 240].map((x) => windowToByte(x, soft, 'SIGMOID')), [30, 128, 225]);
});

test('the output range only matters through f = (y − ymin)/(ymax − ymin)', () => {
  const range = { min: -32768 - 1024, max: 32767 - 1024 };
  for (const x of [-300, -159, 0, 40, 100, 238]) assert.equal(windowToByte(x, soft, 'LINEAR', range), windowToByte(x, soft, 'LINEAR'));
});

test('LUT lookup clamps below the first mapped value and above the last entry, truncating inputs', () => {
  const lut = { firstMapped: -2, data: Uint16Array.from([0, 100, 65535]), bits: 16 };
  assert.deepEqual([-10, -2, -0.5, 0, 0.9, 5].map((x) => lutValue(x, lut)), [0, 0, 100, 65535, 65535, 65535]);
  assert.equal(voiLutToByte(-1, lut), Math.floor((100 / 65535) * 255 + 0.5));
});

test('a byte LUT over the stored range gives the same bytes as evaluating each value', () => {
  const stored = Int16Array.from([-1024, -100, 0, 40, 1000, 3071]);
  const toByte = (v: number): number => windowToByte(v - 1024, soft, 'LINEAR');
  const lut = byteLutOverRange(-1024, 3071, toByte);
  assert.deepEqual([...applyByteLut(stored, lut, -1024)], [...stored].map(toByte));
  const out = new Uint8Array(6);
  assert.equal(applyByteLut(stored, lut, -1024, out), out, 'writes into the given buffer');
});

test('YBR_FULL → RGB per PS3.3 C.7.6.3.1.2', () => {
  assert.deepEqual([...ybrFullToRgb([128, 128, 128, 76, 85, 255, 255, 128, 128])], [128, 128, 128, 254, 0, 0, 255, 255, 255]);
});

test('mean rounding matches Python round(x, 4), ties to even', () => {
  assert.equal(roundTo4(904.92614746), 904.9261);
  assert.equal(roundTo4(1.03125), 1.0312); // 33/32: an exact tie, even digit kept
  assert.equal(roundTo4(1.09375), 1.0938); // 35/32: tie, rounds up to the even digit
  assert.equal(roundTo4(-2.00005), -2); // stored as −2.0000499…: not a tie, rounds toward −2 as Python does
  assert.deepEqual(pixelStats(Int16Array.from([-3, 5, 1])), { min: -3, max: 5, mean: 1 });
});

test('presets are kebab-case with positive widths', () => {
  assert.ok(windowPresets.length >= 5);
  for (const p of windowPresets) {
    assert.match(p.name, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(p.width > 0);
  }
});

test('sha256Hex and little-endian bytes', async () => {
  assert.equal(await sha256Hex(new Uint8Array(0)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.deepEqual([...littleEndianBytes(Uint16Array.from([0x1234]))], [0x34, 0x12]);
});
