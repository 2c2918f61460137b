// Display ranges for NIfTI volumes (src/core/imaging/windowRange.ts); expected values by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultNiftiDisplayRange, percentileRange, valueRange, windowForRange } from '../../../../src/core/imaging/windowRange';
import { readNifti } from '../../../../src/core/nifti';
import { readRepoSample } from '../nifti/referenceData';

test('valueRange skips NaN and infinities', () => {
  assert.deepEqual(valueRange(Float32Array.from([3, NaN, -2, Infinity, 7, -Infinity])), { min: -2, max: 7 });
  assert.deepEqual(valueRange([5]), { min: 5, max: 5 });
  const none = valueRange([NaN]);
  assert.ok(Number.isNaN(none.min) && Number.isNaN(none.max));
});

test('percentileRange: nearest rank over 0..1000 gives the percentile itself', () => {
  const ramp = Float32Array.from({ length: 1001 }, (_, i) => i);
  assert.deepEqual(percentileRange(ramp, 0.5, 99.5), { min: 5, max: 995 });
  assert.deepEqual(percentileRange(ramp, 0, 100), { min: 0, max: 1000 });
});

test('percentileRange on a huge array samples and stays within a step of the exact answer', () => {
  const n = 5_000_000;
  const ramp = new Float32Array(n).map((_, i) => i);
  const r = percentileRange(ramp, 0.5, 99.5);
  assert.ok(Math.abs(r.min - 0.005 * n) < 10 && Math.abs(r.max - 0.995 * n) < 10, JSON.stringify(r));
});

test('default NIfTI range: cal_min/cal_max when set, else 0.5–99.5 %, else min..max', () => {
  const ramp = Float32Array.from({ length: 1001 }, (_, i) => i);
  assert.deepEqual(defaultNiftiDisplayRange(ramp, { calMin: 10, calMax: 90 }), { min: 10, max: 90, source: 'calibration' });
  assert.deepEqual(defaultNiftiDisplayRange(ramp, { calMin: 0, calMax: 0 }), { min: 5, max: 995, source: 'percentile' });
  // 999 zeros and two ones: both percentiles are 0, so the full range is shown instead of nothing.
  const mask = new Float32Array(1001);
  mask[3] = 1;
  mask[500] = 1;
  assert.deepEqual(defaultNiftiDisplayRange(mask), { min: 0, max: 1, source: 'minmax' });
});

test('default range of the inia19 template uses its calibration; ch2bet (none) uses percentiles', async () => {
  const inia = await readNifti(readRepoSample('nifti/t1_inia19_float32.nii.gz'));
  const r = defaultNiftiDisplayRange(inia.volume.voxels, inia.header);
  assert.deepEqual(r, { min: inia.header.calMin, max: inia.header.calMax, source: 'calibration' });
  const ch2 = await readNifti(readRepoSample('nifti/brain_ch2bet_uint8.nii.gz'));
  const p = defaultNiftiDisplayRange(ch2.volume.voxels, ch2.header);
  const full = valueRange(ch2.volume.voxels);
  assert.equal(p.source, 'percentile');
  assert.ok(p.min >= full.min && p.max < full.max && p.max > p.min, JSON.stringify({ p, full }));
});

test('windowForRange is the LINEAR_EXACT centre and width', () => {
  assert.deepEqual(windowForRange({ min: -160, max: 240 }), { center: 40, width: 400 });
});
