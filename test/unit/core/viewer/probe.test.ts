// The viewer's probe and geometry against values read independently: dicom-parser's raw element access and
// reference.json for DICOM; the raw voxel bytes and reference.json's affine for NIfTI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { openViewable } from '../../../../src/core/viewer/openViewable';
import { dataDir } from '../nifti/referenceData';

interface Ref { path: string; rescaleSlope?: number; rescaleIntercept?: number; columns?: number; voxOffset?: number; dims?: number[]; affine?: number[][] }
const refs = (JSON.parse(readFileSync(join(dataDir, 'reference.json'), 'utf8')) as { files: Ref[] }).files;
const ref = (p: string) => refs.find((r) => r.path === p) as Ref;

test('DICOM probe: stored value, HU and LPS position of a pixel, as the file\'s own elements give them', async () => {
  const path = 'dicom/ct_explicit_le.dcm';
  const bytes = new Uint8Array(readFileSync(join(dataDir, path)));
  const ds = dicomParser.parseDicom(bytes);
  const pixelData = ds.elements.x7fe00010;
  assert.ok(pixelData);
  const r = ref(path);
  const cols = r.columns as number;
  const ipp = (ds.string('x00200032') ?? '').split('\\').map(Number);
  const iop = (ds.string('x00200037') ?? '').split('\\').map(Number);
  const [rowSpacing, colSpacing] = (ds.string('x00280030') ?? '').split('\\').map(Number) as [number, number];
  const image = await openViewable(bytes.slice(), 'ct.dcm');
  for (const [x, y] of [[0, 0], [64, 70], [127, 5], [20, 100]] as const) {
    const p = await image.probe({ view: 'stack', index: 0, x: x + 0.4, y: y + 0.9 });
    const stored = new DataView(bytes.buffer, bytes.byteOffset + pixelData.dataOffset + 2 * (y * cols + x), 2).getInt16(0, true);
    assert.equal(p.inside, true);
    assert.deepEqual(p.ijk, [x, y, 0]);
    assert.deepEqual(p.stored, [stored]);
    assert.deepEqual(p.modality, [stored * (r.rescaleSlope as number) + (r.rescaleIntercept as number)]);
    assert.equal(p.unit, 'HU');
    const lps = [0, 1, 2].map((a) => (ipp[a] as number) + (iop[a] as number) * colSpacing * x + (iop[a + 3] as number) * rowSpacing * y);
    p.lps?.forEach((v, a) => assert.ok(Math.abs(v - (lps[a] as number)) < 1e-6, `LPS ${a}: ${v} vs ${lps[a]}`));
  }
  assert.equal((await image.probe({ view: 'stack', index: 0, x: -1, y: 3 })).inside, false);
});

test('NIfTI probe: the voxel under a plane pixel holds the raw value, and its LPS is the reference affine with x, y negated', async () => {
  const path = 'nifti/brain_ch2bet_uint8.nii.gz';
  const file = new Uint8Array(readFileSync(join(dataDir, path)));
  const raw = gunzipSync(file);
  const r = ref(path);
  const [nx, ny] = r.dims as number[];
  const A = r.affine as number[][];
  const image = await openViewable(file, 'brain.nii.gz');
  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    const g = image.summary.views[plane];
    assert.ok(g);
    const index = Math.floor(g.count / 2);
    for (const [x, y] of [[g.width / 2, g.height / 2], [g.width / 3, g.height / 4]]) {
      const p = await image.probe({ view: plane, index, x: x as number, y: y as number });
      const [i, j, k] = p.ijk;
      assert.deepEqual(p.stored, [raw[(r.voxOffset as number) + i + (nx as number) * (j + (ny as number) * k)]]);
      const ras = [0, 1, 2].map((row) => (A[row]?.[0] as number) * i + (A[row]?.[1] as number) * j + (A[row]?.[2] as number) * k + (A[row]?.[3] as number));
      const lps = [-(ras[0] as number), -(ras[1] as number), ras[2] as number];
      p.lps?.forEach((v, a) => assert.ok(Math.abs(v - (lps[a] as number)) < 1e-4, `${plane} LPS ${a}: ${v} vs ${lps[a]}`));
      assert.equal(p.planes?.[plane]?.index, index, 'the point lies on the probed slice');
    }
  }
});

test('radiological display: on the axial plane, screen right is patient left (+x in LPS) and screen down is posterior (+y)', async () => {
  const image = await openViewable(new Uint8Array(readFileSync(join(dataDir, 'nifti/brain_ch2bet_uint8.nii.gz'))), 'brain.nii.gz');
  const g = image.summary.views.axial;
  assert.ok(g);
  const at = (x: number, y: number) => image.probe({ view: 'axial', index: Math.floor(g.count / 2), x, y });
  const [a, b, c] = await Promise.all([at(20, 50), at(150, 50), at(20, 180)]);
  assert.ok((b.lps?.[0] as number) > (a.lps?.[0] as number), 'moving right goes to the patient\'s left');
  assert.ok((c.lps?.[1] as number) > (a.lps?.[1] as number), 'moving down goes posterior');
});
