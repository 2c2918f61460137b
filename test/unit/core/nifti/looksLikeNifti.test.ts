import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'fflate';
import { looksLikeNifti } from '../../../../src/core/nifti';
import { buildNifti } from './buildNifti';
import { niftiEntries, readRepoSample, readSample } from './referenceData';

test('every good corpus NIfTI file looks like NIfTI', () => {
  for (const e of niftiEntries().filter((x) => !x.bad)) assert.ok(looksLikeNifti(readSample(e.path)), e.path);
});

test('the wrong-sizeof_hdr file does not; the mislabelled not-gzip one is a plain .nii and does', () => {
  assert.equal(looksLikeNifti(readRepoSample('bad/wrong_sizeof_hdr.nii')), false);
  assert.equal(looksLikeNifti(readRepoSample('bad/not_gzip.nii.gz')), true);
});

test('both byte orders, both versions, .hdr magic, and gzip', () => {
  const tiny = { dims: [1], datatype: 2, bitpix: 8, data: new Uint8Array(1) };
  assert.ok(looksLikeNifti(buildNifti({ ...tiny, littleEndian: false })));
  assert.ok(looksLikeNifti(buildNifti({ ...tiny, version: 2 })));
  assert.ok(looksLikeNifti(buildNifti({ ...tiny, version: 2, littleEndian: false })));
  assert.ok(looksLikeNifti(buildNifti({ ...tiny, magic: 'ni1\0' })));
  assert.ok(looksLikeNifti(gzipSync(buildNifti(tiny))));
});

test('other things do not: empty, DICOM-like bytes, ANALYZE, gzip of text, broken gzip', () => {
  assert.equal(looksLikeNifti(new Uint8Array(0)), false);
  const dicom = new Uint8Array(400);
  dicom.set(new TextEncoder().encode('DICM'), 128);
  assert.equal(looksLikeNifti(dicom), false);
  assert.equal(looksLikeNifti(buildNifti({ dims: [1], datatype: 2, bitpix: 8, data: new Uint8Array(1), magic: '\0\0\0\0' })), false);
  assert.equal(looksLikeNifti(gzipSync(new Uint8Array(600))), false);
  assert.equal(looksLikeNifti(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3])), false);
});
