// Orientation on real templates: ch2bet (a brain) and the AAL atlas in the same space, whose labels
// name anatomy (odd labels 1–108 = left hemisphere, even = right; 3–16 frontal; 57–62 parietal;
// 49–54 occipital; 91–116 cerebellum). Geometry comes from the file; anatomy checks the convention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNifti } from '../../../../src/core/nifti';
import { extractSlice, planeAxes, planeIndexForPatientPoint, patientPointForPlanePixel } from '../../../../src/core/imaging/reformat';
import type { Vec3 } from '../../../../src/core/imaging/volume';
import type { VolumeSlice } from '../../../../src/core/imaging/volumeSlice';
import { readRepoSample } from '../nifti/referenceData';

const brain = readNifti(readRepoSample('nifti/brain_ch2bet_uint8.nii.gz')).then((i) => i.volume);
const atlas = readNifti(readRepoSample('nifti/atlas_aal_labels.nii.gz')).then((i) => i.volume);

/** Centroid (fractions of width and height) and bounding box of the pixels that satisfy `pick`. */
function where(s: VolumeSlice, pick: (v: number) => boolean) {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  for (let y = 0; y < s.height; y++) {
    for (let x = 0; x < s.width; x++) {
      if (!pick(s.values[y * s.width + x] ?? 0)) continue;
      n++;
      sx += x;
      sy += y;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return { n, cx: sx / n / s.width, cy: sy / n / s.height, top, bottom, left, right };
}

const range = (lo: number, hi: number) => (v: number) => v >= lo && v <= hi;
const leftLabels = (v: number) => v >= 1 && v <= 108 && v % 2 === 1;
const rightLabels = (v: number) => v >= 1 && v <= 108 && v % 2 === 0;
// RAS mm (as MNI papers give them) to LPS.
const ras = (x: number, y: number, z: number): Vec3 => [-x, -y, z];

test('ch2bet axial through the middle: brain centred, longer front-to-back than side-to-side', async () => {
  const v = await brain;
  const s = extractSlice(v, 'axial', planeAxes(v, 'axial').count >> 1);
  const m = where(s, (x) => x > 0);
  assert.ok(m.n > 1000);
  assert.ok(Math.abs(m.cx - 0.5) < 0.05 && Math.abs(m.cy - 0.5) < 0.05, `centroid (${m.cx}, ${m.cy})`);
  const [rowMm, colMm] = s.pixelSpacing;
  assert.ok((m.bottom - m.top) * rowMm > 1.1 * (m.right - m.left) * colMm, 'anterior-posterior runs up-down');
});

test('ch2bet midline sagittal: the wide cerebrum is at the top, the narrow brainstem at the bottom', async () => {
  const v = await brain;
  const s = extractSlice(v, 'sagittal', planeIndexForPatientPoint(v, 'sagittal', ras(0, 0, 0)));
  const m = where(s, (x) => x > 0);
  const quarter = Math.floor((m.bottom - m.top) / 4);
  const area = (y0: number, y1: number) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = 0; x < s.width; x++) if ((s.values[y * s.width + x] ?? 0) > 0) n++;
    return n;
  };
  assert.ok(area(m.top, m.top + quarter) > 1.3 * area(m.bottom + 1 - quarter, m.bottom + 1));
});

test('screen geometry: up is superior (coronal, sagittal), anterior (axial); right is patient left (axial, coronal)', async () => {
  const v = await brain;
  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    const { width, height } = planeAxes(v, plane);
    const at = (x: number, y: number) => patientPointForPlanePixel(v, plane, 10, x, y);
    const down = at(0, height - 1).map((c, i) => c - (at(0, 0)[i] ?? 0));
    const right = at(width - 1, 0).map((c, i) => c - (at(0, 0)[i] ?? 0));
    if (plane === 'axial') assert.ok((down[1] ?? 0) > 0, 'axial: down is posterior');
    else assert.ok((down[2] ?? 0) < 0, `${plane}: down is inferior`);
    if (plane === 'sagittal') assert.ok((right[1] ?? 0) > 0, 'sagittal: right is posterior');
    else assert.ok((right[0] ?? 0) > 0, `${plane}: right is patient left`);
  }
});

test('AAL axial: left-hemisphere labels on screen right, frontal lobe at the top, occipital at the bottom', async () => {
  const v = await atlas;
  const s = extractSlice(v, 'axial', planeIndexForPatientPoint(v, 'axial', ras(0, 0, 10)));
  const left = where(s, leftLabels);
  const right = where(s, rightLabels);
  assert.ok(left.cx > 0.55 && right.cx < 0.45, `left ${left.cx}, right ${right.cx}`);
  const frontal = where(s, range(3, 16));
  const occipital = where(s, range(49, 54));
  assert.ok(frontal.n > 100 && occipital.n > 100);
  assert.ok(frontal.cy < 0.4 && occipital.cy > 0.6, `frontal ${frontal.cy}, occipital ${occipital.cy}`);
});

test('AAL coronal behind the brainstem: parietal above cerebellum, left hemisphere on screen right', async () => {
  const v = await atlas;
  const s = extractSlice(v, 'coronal', planeIndexForPatientPoint(v, 'coronal', ras(0, -60, 0)));
  const parietal = where(s, range(57, 62));
  const cerebellum = where(s, range(91, 116));
  assert.ok(parietal.n > 100 && cerebellum.n > 100);
  assert.ok(parietal.bottom < cerebellum.top, `parietal rows ..${parietal.bottom}, cerebellum rows ${cerebellum.top}..`);
  assert.ok(where(s, leftLabels).cx > 0.55 && where(s, rightLabels).cx < 0.45);
});

test('AAL sagittal through the left hemisphere: frontal lobe at top-left, cerebellum at bottom-right', async () => {
  const v = await atlas;
  const s = extractSlice(v, 'sagittal', planeIndexForPatientPoint(v, 'sagittal', ras(-30, 0, 0)));
  const frontal = where(s, range(3, 16));
  const cerebellum = where(s, range(91, 116));
  assert.ok(frontal.n > 100 && cerebellum.n > 100);
  assert.ok(frontal.cx < 0.4 && cerebellum.cx > 0.6, `frontal ${frontal.cx}, cerebellum ${cerebellum.cx}`);
  assert.ok(frontal.cy < cerebellum.cy - 0.2, `frontal ${frontal.cy}, cerebellum ${cerebellum.cy}`);
  assert.equal(where(s, rightLabels).n, 0, 'x = −30 mm is all left hemisphere');
});
