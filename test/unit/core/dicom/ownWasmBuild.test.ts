// OwnWasmBuild's instance lifecycle: an instance another frame dropped (after a trap) is never decoded with again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OwnWasmBuild } from '../../../../src/core/dicom/decoders/ownWasmBuild';

test('two frames awaiting one instance: after the first drops it, the second sees that and gets a new one', async () => {
  let made = 0;
  // Our OpenJPEG build's bytes (supplied by test/unit/setup.ts); the binding is a stand-in that counts instances.
  const build = new OwnWasmBuild('openjpeg.wasm', async () => ({ id: ++made }));
  const [a, b] = await Promise.all([build.get(), build.get()]);
  assert.ok(a && b);
  assert.equal(a, b, 'both frames were handed the same instance');
  assert.equal(build.isDropped(a), false);
  build.drop(a); // the first frame trapped
  assert.equal(build.isDropped(b), true, 'the second frame can tell before decoding');
  const c = await build.get();
  assert.ok(c && c !== a && c.id === 2 && !build.isDropped(c));
  build.drop(a); // dropping an instance already replaced leaves the new one alone
  assert.equal(build.isDropped(c), false);
});
