// seriesToVolume on synthetic series: voxel layout, patient coordinates, rescale, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobError } from '../../../../../src/core/errors';
import { assembleSeries, parseDicom, seriesToVolume, type DicomSeries } from '../../../../../src/core/dicom';
import { voxelToPatient, type Vec3 } from '../../../../../src/core/imaging/volume';
import { COLUMNS, ctSlices, enhancedCtBytes, cineBytes, PIXEL_SPACING, ROWS, shuffled, type Iop, type SliceSpec } from './syntheticSeries';

const at = (z: number): Vec3 => [-10, 20, z];
const first = (s: DicomSeries[]): DicomSeries => {
  assert.ok(s[0]);
  return s[0];
};
/** What pixel (i, j) of the slice written with `tag` stores (syntheticSeries.ts). */
const stored = (tag: number, i: number, j: number) => tag * 100 + j * COLUMNS + i;
const voxel = (v: { voxels: ArrayLike<number> }, i: number, j: number, k: number) => v.voxels[i + COLUMNS * (j + ROWS * k)];

test('voxels: i = column fastest, then j = row, then k = slice in series order; stored values and rescale kept', async () => {
  const specs: SliceSpec[] = [0, 2.5, 5, 7.5].map((z, k) => ({ tag: k + 1, position: at(z) }));
  const v = await seriesToVolume(first(assembleSeries(shuffled(ctSlices(specs)))));
  assert.deepEqual(v.dims, [COLUMNS, ROWS, 4]);
  assert.equal(v.timepoints, 1);
  assert.equal(v.samplesPerVoxel, 1);
  assert.ok(v.voxels instanceof Int16Array);
  assert.equal(v.voxels.length, COLUMNS * ROWS * 4);
  assert.deepEqual(v.rescale, { slope: 1, intercept: -1024 });
  assert.deepEqual(v.spacing, [PIXEL_SPACING[1], PIXEL_SPACING[0], 2.5]);
  for (let k = 0; k < 4; k++) for (let j = 0; j < ROWS; j++) for (let i = 0; i < COLUMNS; i++) assert.equal(voxel(v, i, j, k), stored(k + 1, i, j));
});

test('voxelToPatient(i, j, k) = slice k\'s Image Position + i·Δcol·row + j·Δrow·column, for an oblique stack', async () => {
  // Row and column cosines chosen by hand; the normal row × column is (−0.5, √3/2, 0).
  const c = Math.cos(Math.PI / 6);
  const iop: Iop = [c, 0.5, 0, 0, 0, -1];
  const normal: Vec3 = [-0.5, c, 0];
  const p0: Vec3 = [12, -40, 7];
  const positions = [0, 1, 2].map((k) => p0.map((x, a) => x + 3 * k * normal[a]!) as Vec3);
  const specs: SliceSpec[] = positions.map((position, k) => ({ tag: k + 1, position, orientation: iop }));
  const s = first(assembleSeries(shuffled(ctSlices(specs))));
  assert.deepEqual(s.warnings, []);
  const v = await seriesToVolume(s);
  for (let k = 0; k < 3; k++) {
    for (const [i, j] of [[0, 0], [3, 0], [0, 2], [2, 1]] as const) {
      const expected = [0, 1, 2].map((a) => positions[k]![a]! + i * PIXEL_SPACING[1] * iop[a]! + j * PIXEL_SPACING[0] * iop[3 + a]!);
      voxelToPatient(v, [i, j, k]).forEach((x, a) => assert.ok(Math.abs(x - expected[a]!) < 1e-9, `(${i}, ${j}, ${k})[${a}] ${x} vs ${expected[a]}`));
    }
  }
});

test('reversed normal: voxelToPatient still lands on each slice\'s own position', async () => {
  const iop: Iop = [-1, 0, 0, 0, 1, 0];
  const specs: SliceSpec[] = [0, 3, 6].map((z, k) => ({ tag: k + 1, position: at(z), orientation: iop }));
  const s = first(assembleSeries(ctSlices(specs)));
  const v = await seriesToVolume(s);
  for (let k = 0; k < 3; k++) {
    const tag = Number(s.frames[k]?.key.replace('slice-', ''));
    assert.deepEqual(voxelToPatient(v, [0, 0, k]), specs[tag - 1]?.position);
    assert.equal(voxel(v, 1, 2, k), stored(tag, 1, 2));
  }
  assert.deepEqual(voxelToPatient(v, [2, 1, 0]), [-10 - 2 * PIXEL_SPACING[1], 20 + PIXEL_SPACING[0], 6]);
});

test('differing rescale: float32 modality values, slope 1 and intercept 0', async () => {
  const specs: SliceSpec[] = [
    { tag: 1, position: at(0), rescale: { slope: 1, intercept: -1024 } },
    { tag: 2, position: at(1), rescale: { slope: 2.5, intercept: -1000 } },
  ];
  const v = await seriesToVolume(first(assembleSeries(ctSlices(specs))));
  assert.ok(v.voxels instanceof Float32Array);
  assert.deepEqual(v.rescale, { slope: 1, intercept: 0 });
  assert.equal(voxel(v, 3, 2, 0), stored(1, 3, 2) - 1024);
  assert.equal(voxel(v, 3, 2, 1), stored(2, 3, 2) * 2.5 - 1000);
});

test('enhanced multi-frame: frames land in position order, with their per-frame rescale', async () => {
  const file = parseDicom(enhancedCtBytes([
    { tag: 1, position: at(3), rescale: { slope: 1, intercept: 0 } },
    { tag: 2, position: at(0), rescale: { slope: 1, intercept: -1024 } },
    { tag: 3, position: at(1.5), rescale: { slope: 1, intercept: -1024 } },
  ]));
  const s = first(assembleSeries([{ key: 'e', file }]));
  assert.deepEqual(s.warnings.map((w) => w.code), ['series-mixed-rescale']);
  const v = await seriesToVolume(s);
  assert.deepEqual(v.dims, [COLUMNS, ROWS, 3]);
  assert.deepEqual(v.spacing, [PIXEL_SPACING[1], PIXEL_SPACING[0], 1.5]);
  assert.equal(voxel(v, 1, 1, 0), stored(2, 1, 1) - 1024);
  assert.equal(voxel(v, 1, 1, 1), stored(3, 1, 1) - 1024);
  assert.equal(voxel(v, 1, 1, 2), stored(1, 1, 1));
  assert.deepEqual(voxelToPatient(v, [0, 0, 2]), at(3));
});

test('a gap still gives a volume, on the usual step, from the first position', async () => {
  const specs: SliceSpec[] = [0, 2, 4, 8].map((z, k) => ({ tag: k + 1, position: at(z) }));
  const s = first(assembleSeries(ctSlices(specs)));
  assert.equal(s.geometry, null);
  const v = await seriesToVolume(s);
  assert.deepEqual(v.dims, [COLUMNS, ROWS, 4]);
  assert.deepEqual(v.spacing, [PIXEL_SPACING[1], PIXEL_SPACING[0], 2]);
  assert.deepEqual(v.origin, at(0));
});

test('a cine stack keeps its frame time', async () => {
  const v = await seriesToVolume(first(assembleSeries([{ key: 'cine', file: parseDicom(cineBytes(4, 40)) }])));
  assert.equal(v.frameTimeMs, 40);
  assert.deepEqual(v.dims, [COLUMNS, ROWS, 4]);
  assert.equal(voxel(v, 0, 0, 3), stored(4, 0, 0));
});

const isCancelled = (e: unknown) => e instanceof JobError && e.code === 'job-cancelled';
const tenSlices = () => first(assembleSeries(ctSlices([...Array(10).keys()].map((k) => ({ tag: k + 1, position: at(k) })))));

test('cancellation: an aborted signal stops before decoding, or between frames', async () => {
  const ctl = new AbortController();
  ctl.abort();
  await assert.rejects(seriesToVolume(tenSlices(), { signal: ctl.signal }), isCancelled);

  const mid = new AbortController();
  const progress: [number, number][] = [];
  const run = seriesToVolume(tenSlices(), {
    signal: mid.signal,
    onProgress: (done, total) => {
      progress.push([done, total]);
      if (done === 3) mid.abort();
    },
  });
  await assert.rejects(run, (e: unknown) => isCancelled(e) && /after 3 of 10 frames/.test((e as Error).message));
  assert.deepEqual(progress, [[1, 10], [2, 10], [3, 10]]);
});

test('cancellation from outside: an abort queued as a macrotask lands while the volume is built', async () => {
  const ctl = new AbortController();
  const progress: number[] = [];
  const run = seriesToVolume(tenSlices(), { signal: ctl.signal, yieldIntervalMs: 0, onProgress: (done) => progress.push(done) });
  setTimeout(() => ctl.abort(), 0);
  await assert.rejects(run, isCancelled);
  assert.ok(progress.length < 10, `stopped after ${progress.length} frames`);
});

test('progress reaches total/total when not cancelled', async () => {
  const seen: number[] = [];
  await seriesToVolume(tenSlices(), { onProgress: (done, total) => (assert.equal(total, 10), seen.push(done)) });
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});
