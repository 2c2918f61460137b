// Slices of synthetic volumes whose expected pixels are written out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImageError } from '../../../../src/core/errors';
import {
  crosshairAt,
  extractSlice,
  patientPointForPlanePixel,
  planeAxes,
  planeIndexForPatientPoint,
  planePixelForPatientPoint,
  voxelValueAt,
} from '../../../../src/core/imaging/reformat';
import type { Vec3, Volume } from '../../../../src/core/imaging/volume';
import { PLANES } from '../../../../src/core/imaging/volumeSlice';

/** A 2×3×4 grid whose stored value is 100k + 10j + i, so every pixel names its voxel. */
function labelled(direction: [Vec3, Vec3, Vec3], extra: Partial<Volume> = {}): Volume {
  const voxels = new Int16Array(24);
  for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) voxels[i + 2 * (j + 3 * k)] = 100 * k + 10 * j + i;
  return { dims: [2, 3, 4], timepoints: 1, spacing: [1, 2, 3], origin: [0, 0, 0], direction, voxels, samplesPerVoxel: 1, rescale: { slope: 1, intercept: 0 }, ...extra };
}

const LPS: [Vec3, Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
// A NIfTI in RAS order (i → right, j → anterior, k → superior), as ch2bet and most templates are.
const RAS: [Vec3, Vec3, Vec3] = [
  [-1, 0, 0],
  [0, -1, 0],
  [0, 0, 1],
];

const rows = (s: { values: Float32Array; width: number }) =>
  Array.from({ length: s.values.length / s.width }, (_, y) => [...s.values.subarray(y * s.width, (y + 1) * s.width)]);

test('LPS-ordered grid: axial needs no flip; coronal and sagittal put superior (high k) at the top', () => {
  const v = labelled(LPS);
  // axial k = 1: x follows i towards L, y follows j towards P.
  assert.deepEqual(rows(extractSlice(v, 'axial', 1)), [
    [100, 101],
    [110, 111],
    [120, 121],
  ]);
  // coronal j = 2: x follows i, y runs k from 3 down to 0.
  assert.deepEqual(rows(extractSlice(v, 'coronal', 2)), [
    [320, 321],
    [220, 221],
    [120, 121],
    [20, 21],
  ]);
  // sagittal i = 1: x follows j (towards P, so anterior is on the left), y runs k downwards.
  assert.deepEqual(rows(extractSlice(v, 'sagittal', 1)), [
    [301, 311, 321],
    [201, 211, 221],
    [101, 111, 121],
    [1, 11, 21],
  ]);
});

test('RAS-ordered grid: axial flips both ways so patient left is on screen right and anterior up', () => {
  const v = labelled(RAS);
  assert.deepEqual(rows(extractSlice(v, 'axial', 0)), [
    [21, 20],
    [11, 10],
    [1, 0],
  ]);
  // sagittal i = 0: x runs j from 2 (anterior) to 0.
  assert.deepEqual(rows(extractSlice(v, 'sagittal', 0))[0], [320, 310, 300]);
});

test('permuted axes (i → S, j → L, k → A): each plane finds its own voxel axis', () => {
  const v = labelled([
    [0, 0, 1],
    [1, 0, 0],
    [0, -1, 0],
  ]);
  const axial = planeAxes(v, 'axial');
  assert.deepEqual([axial.sliceAxis, axial.colAxis, axial.rowAxis, axial.colFlipped, axial.rowFlipped], [0, 1, 2, false, true]);
  assert.equal(axial.count, 2);
  // axial i = 1: x follows j (towards L); k points anterior and anterior is up, so y runs k from 3 down to 0.
  assert.deepEqual(rows(extractSlice(v, 'axial', 1)), [
    [301, 311, 321],
    [201, 211, 221],
    [101, 111, 121],
    [1, 11, 21],
  ]);
  const sag = planeAxes(v, 'sagittal');
  assert.deepEqual([sag.sliceAxis, sag.colAxis, sag.rowAxis, sag.colFlipped, sag.rowFlipped], [1, 2, 0, true, true]);
});

test('an oblique grid (25° about z) is shown upright, not resampled', () => {
  const c = Math.cos((25 * Math.PI) / 180);
  const s = Math.sin((25 * Math.PI) / 180);
  const v = labelled([
    [c, s, 0],
    [-s, c, 0],
    [0, 0, 1],
  ]);
  assert.deepEqual(rows(extractSlice(v, 'axial', 0)), [
    [0, 1],
    [10, 11],
    [20, 21],
  ]);
});

test('pixel spacing is [row, column] in mm for each plane', () => {
  const v = labelled(LPS);
  assert.deepEqual(extractSlice(v, 'axial', 0).pixelSpacing, [2, 1]);
  assert.deepEqual(extractSlice(v, 'coronal', 0).pixelSpacing, [3, 1]);
  assert.deepEqual(extractSlice(v, 'sagittal', 0).pixelSpacing, [3, 2]);
  assert.deepEqual([extractSlice(v, 'axial', 0).count, extractSlice(v, 'coronal', 0).count, extractSlice(v, 'sagittal', 0).count], [4, 3, 2]);
});

test('values are modality values: stored × slope + intercept', () => {
  const v = labelled(LPS, { rescale: { slope: 0.5, intercept: -10 } });
  // stored 210, 211 → 0.5 × 210 − 10 = 95, 95.5
  assert.deepEqual(rows(extractSlice(v, 'axial', 2))[1], [95, 95.5]);
});

test('timepoints and RGB samples', () => {
  const t = labelled(LPS);
  const twice = new Int16Array(48);
  twice.set(t.voxels as Int16Array);
  twice.set((t.voxels as Int16Array).map((x) => x + 1000), 24);
  const v4 = { ...t, voxels: twice, timepoints: 2 };
  assert.deepEqual(rows(extractSlice(v4, 'axial', 0, 1))[0], [1000, 1001]);
  const rgb: Volume = { ...labelled(LPS), dims: [2, 1, 1], samplesPerVoxel: 3, voxels: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  const slice = extractSlice(rgb, 'axial', 0);
  assert.equal(slice.samplesPerPixel, 3);
  assert.deepEqual([...slice.values], [1, 2, 3, 4, 5, 6]);
});

test('out-of-range slice or timepoint is an ImageError', () => {
  const v = labelled(LPS);
  assert.throws(() => extractSlice(v, 'axial', 4), (e: unknown) => e instanceof ImageError && e.code === 'image-invalid-option');
  assert.throws(() => extractSlice(v, 'axial', -1), ImageError);
  assert.throws(() => extractSlice(v, 'axial', 0.5), ImageError);
  assert.throws(() => extractSlice(v, 'axial', 0, 1), ImageError);
});

test('pixel ↔ patient point round-trips on every plane, for plain and oblique grids', () => {
  const c = Math.cos(0.4);
  const s = Math.sin(0.4);
  for (const direction of [LPS, RAS, [[c, 0, s], [0, 1, 0], [-s, 0, c]] as [Vec3, Vec3, Vec3]]) {
    const v = labelled(direction, { origin: [-5, 7, 12] });
    for (const plane of PLANES) {
      const lps = patientPointForPlanePixel(v, plane, 1, 0.5, 1.25);
      const back = planePixelForPatientPoint(v, plane, lps);
      assert.ok(Math.abs(back.index - 1) < 1e-9 && Math.abs(back.x - 0.5) < 1e-9 && Math.abs(back.y - 1.25) < 1e-9, `${plane}: ${JSON.stringify(back)}`);
    }
  }
});

test('crosshair: a click on the axial view sets the coronal and sagittal slices through that voxel', () => {
  const v = labelled(RAS, { origin: [10, 20, 30] });
  // Axial slice k = 2, screen pixel (0, 0) is voxel i = 1 (flipped), j = 2 (flipped).
  const hit = crosshairAt(v, 'axial', 2, 0, 0);
  assert.deepEqual(hit.ijk, [1, 2, 2]);
  assert.deepEqual(hit.lps, [10 - 1 * 1, 20 - 2 * 2, 30 + 2 * 3]);
  assert.deepEqual(hit.indices, { axial: 2, coronal: 2, sagittal: 1 });
  assert.equal(hit.value, 221);
  assert.equal(planeIndexForPatientPoint(v, 'axial', [0, 0, -1000]), 0, 'clamped below');
  assert.equal(planeIndexForPatientPoint(v, 'axial', [0, 0, 1000]), 3, 'clamped above');
});

test('voxelValueAt: modality value at whole indices, NaN outside', () => {
  const v = labelled(LPS, { rescale: { slope: 2, intercept: 1 } });
  assert.equal(voxelValueAt(v, [1, 2, 3]), 2 * 321 + 1);
  assert.ok(Number.isNaN(voxelValueAt(v, [2, 0, 0])));
  assert.ok(Number.isNaN(voxelValueAt(v, [0, 0, 0], 1)));
  assert.ok(Number.isNaN(voxelValueAt(v, [0.5, 0, 0])));
});
