// Every good NIfTI entry of reference.json (values from nibabel 5.0.0, not from us) read back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectNifti, readNifti, readNiftiHeader } from '../../../../src/core/nifti';
import { niftiEntries, readSample } from './referenceData';

const good = niftiEntries().filter((e) => !e.bad);

test('the corpus has good NIfTI entries to check', () => {
  assert.ok(good.length > 0);
});

for (const entry of good) {
  test(`${entry.path}: header fields match reference.json`, async () => {
    const { header } = await readNifti(readSample(entry.path), { fileName: entry.path });
    assert.deepEqual(readNiftiHeader(readSample(entry.path), { fileName: entry.path }), header, 'readNiftiHeader agrees with readNifti');
    assert.equal(header.version, entry.niftiVersion);
    assert.equal(header.sizeofHdr, entry.sizeofHdr);
    assert.equal(header.voxOffset, entry.voxOffset);
    assert.equal(header.endianness, entry.endianness);
    assert.deepEqual(header.dims, entry.dims);
    assert.deepEqual(header.pixdim, entry.pixdim);
    assert.equal(header.qfac, entry.qfac);
    assert.equal(header.datatype, entry.datatype);
    assert.equal(header.datatypeName, entry.datatypeName);
    assert.equal(header.bitpix, entry.bitpix);
    assert.equal(header.sclSlope, entry.sclSlope);
    assert.equal(header.sclInter, entry.sclInter);
    assert.equal(header.qformCode, entry.qformCode);
    assert.equal(header.sformCode, entry.sformCode);
    assert.equal(header.affineSource, entry.affineSource);
    const expected = entry.affine ?? [];
    header.affine.forEach((row, r) =>
      row.forEach((v, c) => assert.ok(Math.abs(v - (expected[r]?.[c] ?? NaN)) <= 1e-5, `affine[${r}][${c}] = ${v}, expected ${expected[r]?.[c]}`)),
    );
  });

  test(`${entry.path}: inspect pixels (sha256, min, max, mean) match reference.json exactly`, async () => {
    const doc = await inspectNifti(readSample(entry.path), { fileName: entry.path });
    assert.deepEqual(doc.pixels, entry.pixels);
    assert.equal(doc.format, 'nifti');
    assert.deepEqual(doc.dims, entry.dims);
    doc.affine.forEach((row, r) => row.forEach((v, c) => assert.ok(Math.abs(v - (entry.affine?.[r]?.[c] ?? NaN)) <= 1e-5)));
  });
}
