// voxelToPatient / patientToVoxel are inverses, also for oblique and sheared grids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patientToVoxel, voxelIndex, voxelToPatient, type Vec3 } from '../../../../src/core/imaging/volume';

test('patientToVoxel inverts voxelToPatient', () => {
  const c = Math.cos(0.3);
  const s = Math.sin(0.3);
  const grids: { direction: [Vec3, Vec3, Vec3] }[] = [
    { direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] },
    { direction: [[c, s, 0], [-s, c, 0], [0, 0, -1]] },
    // sheared (a gantry tilt): k is not perpendicular to i and j
    { direction: [[1, 0, 0], [0, 1, 0], [0, s, c]] },
  ];
  for (const g of grids) {
    const v = { ...g, origin: [12, -30, 5] as Vec3, spacing: [0.5, 0.7, 2.5] as Vec3 };
    const ijk: Vec3 = [3.25, -1, 17];
    const back = patientToVoxel(v, voxelToPatient(v, ijk));
    back.forEach((x, a) => assert.ok(Math.abs(x - (ijk[a] ?? NaN)) < 1e-9, `${x} vs ${ijk[a]}`));
  }
});

test('voxelIndex follows the documented layout, samples interleaved', () => {
  assert.equal(voxelIndex({ dims: [4, 3, 2], samplesPerVoxel: 1 }, 1, 2, 1, 1), 1 + 4 * (2 + 3 * (1 + 2 * 1)));
  assert.equal(voxelIndex({ dims: [4, 3, 2], samplesPerVoxel: 3 }, 1, 0, 0), 3);
});
