// Damaged input gives a NiftiError or a valid image, never another exception, a hang or a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'fflate';
import { NiftiError } from '../../../../src/core/errors';
import { looksLikeNifti, readNifti } from '../../../../src/core/nifti';
import { niftiEntries, readRepoSample, readSample } from './referenceData';
import { rng } from '../../seededRandom';

async function readsOrRejectsCleanly(bytes: Uint8Array, what: string): Promise<'ok' | 'error'> {
  looksLikeNifti(bytes);
  try {
    await readNifti(bytes);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof NiftiError, `${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    assert.ok(e.message.length > 0 && e.message.length < 300, `${what}: message "${e.message}"`);
    return 'error';
  }
}

// The two smallest good .nii and .nii.gz files of the corpus, whichever corpus it is.
const bySize = niftiEntries()
  .filter((e) => !e.bad)
  .map((e) => ({ path: e.path, size: readSample(e.path).length }))
  .sort((a, b) => a.size - b.size)
  .map((e) => e.path);
const plain = bySize.filter((p) => !p.endsWith('.gz')).slice(0, 2);
const gzipped = bySize.filter((p) => p.endsWith('.gz')).slice(0, 2);

for (const path of [...plain, ...gzipped]) {
  test(`${path}: every truncation is a clean NiftiError`, { timeout: 60_000 }, async () => {
    const bytes = readSample(path);
    const lengths = new Set<number>();
    for (let n = 0; n < Math.min(bytes.length, 700); n += 7) lengths.add(n);
    const r = rng(7);
    for (let i = 0; i < 40; i++) lengths.add(Math.floor(r() * bytes.length));
    lengths.add(bytes.length - 1);
    for (const n of lengths) {
      const outcome = await readsOrRejectsCleanly(bytes.subarray(0, n), `${path} cut at ${n}`);
      // A gzip stream cut in its 8-byte trailer still holds every voxel; anything shorter must fail.
      if (!path.endsWith('.gz') || n < bytes.length - 8) assert.equal(outcome, 'error', `${path} cut at ${n} was accepted`);
    }
  });
}

for (const path of plain) {
  test(`${path}: seeded random byte flips in the header`, { timeout: 60_000 }, async () => {
    const original = readSample(path);
    const r = rng(42);
    for (let trial = 0; trial < 400; trial++) {
      const bytes = original.slice();
      const flips = 1 + Math.floor(r() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(r() * 352)] = Math.floor(r() * 256);
      await readsOrRejectsCleanly(bytes, `${path} trial ${trial}`);
    }
  });
}

for (const path of gzipped) {
  test(`${path}: seeded random byte flips in the gzip stream`, { timeout: 60_000 }, async () => {
    const original = readSample(path);
    const r = rng(1234);
    for (let trial = 0; trial < 60; trial++) {
      const gz = original.slice();
      gz[Math.floor(r() * gz.length)] = Math.floor(r() * 256);
      await readsOrRejectsCleanly(gz, `${path} trial ${trial}`);
    }
  });
}

test('header flips under gzip, NIfTI-1 and NIfTI-2 alike', { timeout: 60_000 }, async () => {
  const inner = gunzipSync(readRepoSample('nifti/example_nifti2_int16.nii.gz'));
  const r = rng(99);
  for (let trial = 0; trial < 200; trial++) {
    const hdr = inner.slice();
    for (let f = 0; f < 3; f++) hdr[Math.floor(r() * 544)] = Math.floor(r() * 256);
    await readsOrRejectsCleanly(gzipSync(hdr, { level: 1 }), `header trial ${trial}`);
  }
});
