// Multi-frame samples of the corpus whose per-frame geometry comes from outside Image Position: the
// expected numbers were read with DCMTK's dcmdump (3.6.7) from the files, not from our output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleSeries, parseDicom, seriesToVolume } from '../../../../../src/core/dicom';
import { dicomEntries, readSample } from '../corpus';

const has = (path: string) => (dicomEntries().some((e) => e.path === path) ? false : `${path} is not in the corpus`);

test('RT Dose: Grid Frame Offset Vector (3004,000C) places its 15 frames 5 mm apart (PS3.3 C.8.8.3.2)', { skip: has('dicom/rtdose_multiframe_implicit.dcm') }, async () => {
  // dcmdump: ImagePositionPatient 189.43125\199.43125\-761.87, axial, PixelSpacing 10\10, offsets 0\5\…\70.
  const [s] = assembleSeries([{ key: 'dose', file: parseDicom(readSample('dicom/rtdose_multiframe_implicit.dcm')) }]);
  assert.ok(s);
  assert.equal(s.frames.length, 15);
  assert.deepEqual(s.warnings, []);
  s.frames.forEach((f, k) => assert.ok(Math.abs((f.position?.[2] ?? NaN) - (-761.87 + 5 * k)) < 1e-9));
  assert.deepEqual(s.geometry?.spacing, [10, 10, 5]);
  assert.deepEqual(s.geometry?.origin, [189.43125, 199.43125, -761.87]);
  const v = await seriesToVolume(s);
  assert.deepEqual(v.dims, [10, 10, 15]);
});

test('Segmentation: an enhanced object takes its position from the per-frame Plane Position Sequence', { skip: has('dicom/seg_1bit.dcm') }, () => {
  // dcmdump: one frame; shared PixelSpacing 8.105470e-01, per-frame item 1 ImagePositionPatient -235.2\-226.8\-128.69.
  const [s] = assembleSeries([{ key: 'seg', file: parseDicom(readSample('dicom/seg_1bit.dcm')) }]);
  assert.ok(s);
  assert.equal(s.enhanced, true);
  assert.equal(s.modality, 'SEG');
  assert.deepEqual(s.frames[0]?.position, [-235.2, -226.8, -128.69]);
  assert.deepEqual(s.pixelSpacing, [0.810547, 0.810547]);
});
