// Synthetic files for every supported datatype, both byte orders and both versions; expected values by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'fflate';
import { inspectNifti, readNifti } from '../../../../src/core/nifti';
import { buildNifti, bytesOf } from './buildNifti';

const cases = [
  { code: 2, name: 'uint8', bitpix: 8, values: Uint8Array.from([0, 1, 2, 255, 128, 7]) },
  { code: 256, name: 'int8', bitpix: 8, values: Int8Array.from([-128, -1, 0, 1, 127, 5]) },
  { code: 4, name: 'int16', bitpix: 16, values: Int16Array.from([-32768, -2, 0, 3, 32767, 1000]) },
  { code: 512, name: 'uint16', bitpix: 16, values: Uint16Array.from([0, 1, 65535, 256, 4096, 9]) },
  { code: 8, name: 'int32', bitpix: 32, values: Int32Array.from([-2147483648, -5, 0, 5, 2147483647, 70000]) },
  { code: 768, name: 'uint32', bitpix: 32, values: Uint32Array.from([0, 1, 4294967295, 65536, 3, 2]) },
  { code: 16, name: 'float32', bitpix: 32, values: Float32Array.from([-1.5, 0, 0.25, 1e6, -3e-3, 2]) },
  { code: 64, name: 'float64', bitpix: 64, values: Float64Array.from([-1.5, 0, 0.1, 1e300, -3e-3, 2]) },
] as const;

for (const c of cases) {
  for (const version of [1, 2] as const) {
    for (const littleEndian of [true, false]) {
      const label = `${c.name}, NIfTI-${version}, ${littleEndian ? 'little' : 'big'} endian`;
      const file = buildNifti({ version, littleEndian, dims: [3, 2, 1], datatype: c.code, bitpix: c.bitpix, data: bytesOf(c.values) });

      test(`${label}: voxels come back as the stored values in a ${c.name} array`, async () => {
        const { header, volume } = await readNifti(file);
        assert.equal(header.datatypeName, c.name);
        assert.equal(header.endianness, littleEndian ? 'little' : 'big');
        assert.equal(header.version, version);
        assert.equal(volume.voxels.constructor, c.values.constructor);
        assert.deepEqual([...volume.voxels], [...c.values]);
        assert.deepEqual(volume.dims, [3, 2, 1]);
        assert.equal(volume.timepoints, 1);
      });

      test(`${label}: inspect hashes the little-endian bytes and summarises the raw values`, async () => {
        const doc = await inspectNifti(file);
        const values = [...c.values].map(Number);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        assert.equal(doc.pixels.sha256, createHash('sha256').update(bytesOf(c.values)).digest('hex'));
        assert.equal(doc.pixels.min, Math.min(...values));
        assert.equal(doc.pixels.max, Math.max(...values));
        assert.ok(Math.abs((doc.pixels.mean ?? NaN) - mean) <= 5e-5 * Math.max(1, Math.abs(mean)));
        assert.equal(doc.pixels.dtype, c.name);
      });
    }
  }
}

test('RGB24: three interleaved uint8 samples per voxel', async () => {
  const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
  const file = buildNifti({ dims: [2, 2], datatype: 128, bitpix: 24, sampleBytes: 1, data: rgb, littleEndian: false });
  const { header, volume } = await readNifti(file);
  assert.equal(header.datatypeName, 'RGB');
  assert.deepEqual(header.dims, [2, 2]);
  assert.equal(volume.samplesPerVoxel, 3);
  assert.deepEqual(volume.dims, [2, 2, 1]);
  assert.deepEqual([...volume.voxels], [...rgb]);
  const doc = await inspectNifti(file);
  assert.equal(doc.pixels.sha256, createHash('sha256').update(rgb).digest('hex'));
  assert.equal(doc.pixels.dtype, 'uint8');
});

test('.nii.gz and .nii of the same data read the same, and the gzip may carry trailing padding', async () => {
  const values = Int16Array.from({ length: 4 * 3 * 2 * 2 }, (_, i) => i * 7 - 50);
  const nii = buildNifti({ dims: [4, 3, 2, 2], datatype: 4, bitpix: 16, data: bytesOf(values) });
  const gz = gzipSync(nii);
  const padded = new Uint8Array(gz.length + 512);
  padded.set(gz);
  for (const bytes of [gz, padded]) {
    const { volume } = await readNifti(bytes, { fileName: 'x.nii.gz' });
    assert.deepEqual([...volume.voxels], [...values]);
    assert.equal(volume.timepoints, 2);
  }
});

test('dimensions past the fourth fold into timepoints; 2D images get one slice', async () => {
  const five = buildNifti({ dims: [2, 2, 1, 3, 2], datatype: 2, bitpix: 8, data: new Uint8Array(24) });
  const { header, volume } = await readNifti(five);
  assert.deepEqual(header.dims, [2, 2, 1, 3, 2]);
  assert.equal(volume.timepoints, 6);
  const flat = await readNifti(buildNifti({ dims: [5], datatype: 2, bitpix: 8, data: new Uint8Array(5) }));
  assert.deepEqual(flat.volume.dims, [5, 1, 1]);
});

test('a vox_offset beyond 352 (an extension block) is honoured', async () => {
  const values = Uint8Array.from([9, 8, 7, 6]);
  const file = buildNifti({ dims: [2, 2], datatype: 2, bitpix: 8, voxOffset: 400, data: values });
  const { header, volume } = await readNifti(file);
  assert.equal(header.voxOffset, 400);
  assert.deepEqual([...volume.voxels], [9, 8, 7, 6]);
});

test('the volume never aliases the caller\'s bytes', async () => {
  const file = buildNifti({ dims: [2, 2], datatype: 2, bitpix: 8, data: Uint8Array.from([1, 2, 3, 4]) });
  const { volume } = await readNifti(file);
  file.fill(0, 352);
  assert.deepEqual([...volume.voxels], [1, 2, 3, 4]);
});
