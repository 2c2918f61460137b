// Which affine wins, and how it becomes LPS geometry; every expectation worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNifti } from '../../../../src/core/nifti';
import { buildNifti } from './buildNifti';

const base = { dims: [4, 6, 8], datatype: 2, bitpix: 8, data: new Uint8Array(4 * 6 * 8) };

function near(actual: readonly number[], expected: readonly number[], msg?: string) {
  assert.equal(actual.length, expected.length, msg);
  actual.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] ?? NaN)) < 1e-6, `${msg ?? ''} [${i}]: ${v} vs ${expected[i]}`));
}

test('sform wins whenever sform_code is set, even below qform_code', async () => {
  const file = buildNifti({
    ...base,
    pixdim: [1, 2, 3, 4],
    qformCode: 2,
    sformCode: 1,
    srow: [
      [2, 0, 0, 10],
      [0, 3, 0, 20],
      [0, 0, 4, 30],
    ],
  });
  const { header, volume } = await readNifti(file);
  assert.equal(header.affineSource, 'sform');
  near(header.affine[0], [2, 0, 0, 10]);
  near(header.affine[2], [0, 0, 4, 30]);
  // RAS → LPS: x and y change sign, z does not.
  near(volume.origin, [-10, -20, 30]);
  near(volume.spacing, [2, 3, 4]);
  near(volume.direction[0], [-1, 0, 0]);
  near(volume.direction[1], [0, -1, 0]);
  near(volume.direction[2], [0, 0, 1]);
});

test('qform: identity quaternion with qfac -1 flips k', async () => {
  const file = buildNifti({ ...base, pixdim: [-1, 2, 3, 4], qformCode: 1, quatern: [0, 0, 0], qoffset: [5, 6, 7] });
  const { header, volume } = await readNifti(file);
  assert.equal(header.affineSource, 'qform');
  assert.equal(header.qfac, -1);
  near(header.affine[0], [2, 0, 0, 5]);
  near(header.affine[1], [0, 3, 0, 6]);
  near(header.affine[2], [0, 0, -4, 7]);
  near(volume.direction[2], [0, 0, -1]);
});

test('qform: 90° about z (a = cos 45°, d = sin 45°) sends i to +y and j to -x', async () => {
  const s = Math.SQRT1_2;
  const file = buildNifti({ ...base, pixdim: [1, 2, 3, 4], qformCode: 1, quatern: [0, 0, s], qoffset: [0, 0, 0] });
  const { header, volume } = await readNifti(file);
  near(header.affine[0], [0, -3, 0, 0], 'row x');
  near(header.affine[1], [2, 0, 0, 0], 'row y');
  near(header.affine[2], [0, 0, 4, 0], 'row z');
  near(volume.direction[0], [0, -1, 0], 'i is RAS +y = LPS -y');
  near(volume.direction[1], [1, 0, 0], 'j is RAS -x = LPS +x');
});

test('qform: a 180° quaternion with |(b,c,d)| a hair above 1 still gives a rotation', async () => {
  const file = buildNifti({ ...base, pixdim: [1, 1, 1, 1], qformCode: 1, quatern: [1.0000001, 0, 0] });
  const { header } = await readNifti(file);
  near(header.affine[0].slice(0, 3), [1, 0, 0]);
  near(header.affine[1].slice(0, 3), [0, -1, 0]);
  near(header.affine[2].slice(0, 3), [0, 0, -1]);
});

test('neither code: nibabel\'s base affine, x flipped and centred on the grid', async () => {
  const { header, volume } = await readNifti(buildNifti({ ...base, pixdim: [1, 2, 3, 4] }));
  assert.equal(header.affineSource, 'pixdim');
  // shape (4, 6, 8), zooms (-2, 3, 4): origin voxel (1.5, 2.5, 3.5) maps to 0.
  near(header.affine[0], [-2, 0, 0, 3]);
  near(header.affine[1], [0, 3, 0, -7.5]);
  near(header.affine[2], [0, 0, 4, -14]);
  near(volume.direction[0], [1, 0, 0]);
});

test('a degenerate sform falls back to pixdim geometry rather than NaN', async () => {
  const file = buildNifti({ ...base, pixdim: [1, 2, 3, 4], sformCode: 1 });
  const { volume } = await readNifti(file);
  near(volume.spacing, [2, 3, 4]);
  assert.ok([...volume.origin, ...volume.direction.flat()].every(Number.isFinite));
});

test('spatial units in metres scale to mm; a time step in seconds becomes frameTimeMs', async () => {
  const file = buildNifti({
    dims: [2, 2, 2, 3],
    datatype: 2,
    bitpix: 8,
    data: new Uint8Array(24),
    pixdim: [1, 0.002, 0.002, 0.003, 1.5],
    xyztUnits: 1 | 8,
    sformCode: 1,
    srow: [
      [0.002, 0, 0, 0.125],
      [0, 0.002, 0, 0],
      [0, 0, 0.003, 0],
    ],
  });
  const { header, volume } = await readNifti(file);
  assert.deepEqual(header.units, { spatial: 'm', temporal: 's' });
  near(volume.spacing, [2, 2, 3]);
  near(volume.origin, [-125, 0, 0]);
  assert.equal(volume.frameTimeMs, 1500);
});

test('scl_slope 0 or NaN means no scaling; a NaN intercept counts as 0', async () => {
  const read = (sclSlope: number, sclInter: number) => readNifti(buildNifti({ ...base, sclSlope, sclInter }));
  const zero = await read(0, 5);
  assert.equal(zero.header.sclSlope, 0);
  assert.deepEqual(zero.volume.rescale, { slope: 1, intercept: 0 });
  const nan = await read(NaN, NaN);
  assert.equal(nan.header.sclSlope, null);
  assert.equal(nan.header.sclInter, null);
  assert.deepEqual(nan.volume.rescale, { slope: 1, intercept: 0 });
  const scaled = await read(2, NaN);
  assert.deepEqual(scaled.volume.rescale, { slope: 2, intercept: 0 });
  const both = await read(0.5, -10);
  assert.deepEqual(both.volume.rescale, { slope: 0.5, intercept: -10 });
});

test('cal_min/cal_max and the description are read', async () => {
  const { header } = await readNifti(buildNifti({ ...base, calMin: 10, calMax: 90, description: 'hello' }));
  assert.equal(header.calMin, 10);
  assert.equal(header.calMax, 90);
  assert.equal(header.description, 'hello');
});
