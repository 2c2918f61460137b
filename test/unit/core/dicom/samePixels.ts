import assert from 'node:assert/strict';
import type { PixelArray } from '../../../../src/core/imaging/pixelArray';

/** The same sample type, count and bytes: what "decodes to the same samples" means in these tests. */
export function assertSamePixels(ours: PixelArray, theirs: PixelArray, what: string): void {
  assert.equal(ours.constructor.name, theirs.constructor.name, `${what}: sample type`);
  assert.equal(ours.length, theirs.length, `${what}: sample count`);
  const a = Buffer.from(ours.buffer, ours.byteOffset, ours.byteLength);
  const b = Buffer.from(theirs.buffer, theirs.byteOffset, theirs.byteLength);
  assert.ok(a.equals(b), `${what}: samples differ`);
}
