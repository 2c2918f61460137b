// Broken files: each rejected with a NiftiError whose code says what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'fflate';
import { NiftiError, type NiftiErrorCode } from '../../../../src/core/errors';
import { inspectNifti, readNifti } from '../../../../src/core/nifti';
import { buildNifti } from './buildNifti';
import { niftiEntries, readRepoSample, readSample } from './referenceData';

async function rejects(p: Promise<unknown>, code: NiftiErrorCode, pattern?: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof NiftiError, `expected a NiftiError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

// How each broken corpus file must be reported, keyed by the `howBroken` wording of reference.json.
const expectedCode: [RegExp, NiftiErrorCode][] = [
  [/not gzip|under a \.nii\.gz name/i, 'nifti-bad-gzip'],
  [/sizeof_hdr/i, 'nifti-invalid-header'],
];

for (const entry of niftiEntries().filter((e) => e.bad)) {
  test(`${entry.path} (${entry.howBroken}) is rejected with a NiftiError, of the specific code where the kind is known`, async () => {
    const code = expectedCode.find(([re]) => re.test(`${entry.howBroken} ${entry.case}`))?.[1];
    const bytes = readSample(entry.path);
    for (const read of [readNifti, inspectNifti]) {
      await assert.rejects(read(bytes, { fileName: entry.path }), (e: unknown) => {
        assert.ok(e instanceof NiftiError, `expected a NiftiError, got ${String(e)}`);
        if (code) assert.equal(e.code, code, e.message);
        return true;
      });
    }
  });
}

test('the corpus\' two broken NIfTI kinds get their specific codes', async () => {
  await rejects(readNifti(readRepoSample('bad/not_gzip.nii.gz'), { fileName: 'bad/not_gzip.nii.gz' }), 'nifti-bad-gzip');
  await rejects(readNifti(readRepoSample('bad/wrong_sizeof_hdr.nii'), { fileName: 'bad/wrong_sizeof_hdr.nii' }), 'nifti-invalid-header', /sizeof_hdr is 300/);
});

test('the wrong sizeof_hdr is named in the message', async () => {
  const bytes = buildNifti({ dims: [2, 2], datatype: 2, bitpix: 8, data: new Uint8Array(4) });
  new DataView(bytes.buffer).setInt32(0, 300, true);
  await rejects(readNifti(bytes), 'nifti-invalid-header', /sizeof_hdr is 300; a NIfTI-1 header has 348 and NIfTI-2 has 540/);
});

const tiny = { dims: [2, 2], datatype: 2, bitpix: 8, data: Uint8Array.from([1, 2, 3, 4]) };

test('not NIfTI at all: empty, random bytes, an ANALYZE 7.5 header', async () => {
  await rejects(readNifti(new Uint8Array(0)), 'nifti-not-nifti');
  await rejects(readNifti(Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255)), 'nifti-not-nifti');
  await rejects(readNifti(buildNifti({ ...tiny, magic: '\0\0\0\0' })), 'nifti-not-nifti', /ANALYZE/);
});

test('gzip problems: not gzip under a .gz name, corrupt deflate data, gzip of something else', async () => {
  await rejects(readNifti(buildNifti(tiny), { fileName: '/data/brain.NII.GZ' }), 'nifti-bad-gzip', /brain\.NII\.GZ/);
  const gz = gzipSync(buildNifti({ ...tiny, dims: [64, 64], data: new Uint8Array(4096).map((_, i) => i) }));
  const corrupt = gz.slice();
  corrupt.fill(0xff, 10, 40);
  await rejects(readNifti(corrupt), 'nifti-bad-gzip');
  await rejects(readNifti(gzipSync(new TextEncoder().encode('hello, not an image'))), 'nifti-not-nifti');
});

test('truncation: inside the header, inside the voxels, and a cut-off .nii.gz', async () => {
  const file = buildNifti({ ...tiny, dims: [10, 10], data: new Uint8Array(100) });
  await rejects(readNifti(file.subarray(0, 200)), 'nifti-truncated', /348/);
  await rejects(readNifti(file.subarray(0, 400)), 'nifti-truncated', /need 452/);
  const gz = gzipSync(buildNifti({ ...tiny, dims: [100, 100], data: new Uint8Array(10000).map((_, i) => (i * 7919) & 255) }));
  await rejects(readNifti(gz.subarray(0, gz.length >> 1)), 'nifti-truncated');
});

test('datatypes: unknown code, and known codes we do not read', async () => {
  await rejects(readNifti(buildNifti({ ...tiny, datatype: 3 })), 'nifti-unsupported-datatype', /not a NIfTI datatype/);
  await rejects(readNifti(buildNifti({ ...tiny, datatype: 32, bitpix: 64 })), 'nifti-unsupported-datatype', /complex64/);
  await rejects(readNifti(buildNifti({ ...tiny, datatype: 1024, bitpix: 64 })), 'nifti-unsupported-datatype', /int64/);
});

test('dimensions: zero, negative, dim[0] out of 1..7', async () => {
  await rejects(readNifti(buildNifti({ ...tiny, dims: [2, 0, 3] })), 'nifti-invalid-header', /dim\[2\] is 0/);
  await rejects(readNifti(buildNifti({ ...tiny, dims: [2, -4] })), 'nifti-invalid-header', /dim\[2\] is -4/);
  const zeroRank = buildNifti(tiny);
  new DataView(zeroRank.buffer).setInt16(40, 0, true);
  await rejects(readNifti(zeroRank), 'nifti-invalid-header', /dim\[0\] is 0/);
  const rank9 = buildNifti(tiny);
  new DataView(rank9.buffer).setInt16(40, 9, true);
  await rejects(readNifti(rank9), 'nifti-invalid-header', /dim\[0\] is 9/);
});

test('absurd sizes are refused before any allocation, plain or gzipped', async () => {
  const huge = buildNifti({ ...tiny, dims: [32767, 32767, 32767], datatype: 64, bitpix: 64 });
  await rejects(readNifti(huge), 'nifti-too-large');
  await rejects(readNifti(gzipSync(huge)), 'nifti-too-large');
  const v2 = buildNifti({ ...tiny, version: 2, dims: [2 ** 40, 2 ** 20] });
  await rejects(readNifti(v2), 'nifti-too-large');
  // 1 GiB declared, a few bytes present: the deflate ratio bound says truncated without inflating a GiB.
  const lying = gzipSync(buildNifti({ ...tiny, dims: [1024, 1024, 1024] }));
  await rejects(readNifti(lying), 'nifti-truncated');
});

test('vox_offset inside the header, and a .hdr without its .img', async () => {
  await rejects(readNifti(buildNifti({ ...tiny, voxOffset: 100 })), 'nifti-invalid-header', /vox_offset is 100/);
  await rejects(readNifti(buildNifti({ ...tiny, magic: 'ni1\0' })), 'nifti-header-only');
});
