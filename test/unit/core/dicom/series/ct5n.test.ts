// The real five-slice CT series (files without extension): order, spacing and volume against what the
// files state (read here with dicom-parser directly) and what reference.json records (pydicom).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dicomParser from 'dicom-parser';
import { assembleSeries, parseDicom, seriesToVolume } from '../../../../../src/core/dicom';
import { sha256Hex, littleEndianBytes } from '../../../../../src/core/imaging/sha256';
import { voxelToPatient, type Vec3 } from '../../../../../src/core/imaging/volume';
import { dicomEntries, readSample } from '../corpus';
import { shuffled } from './syntheticSeries';

const entries = dicomEntries().filter((e) => e.path.startsWith('series/ct5n/'));
const skip = entries.length === 0 ? 'series/ct5n is not in the corpus' : false;

/** The attribute as written, through dicom-parser alone: no Voxel Lab code in between. */
function raw(path: string): { ipp: Vec3; iop: number[]; pixelSpacing: number[] } {
  const ds = dicomParser.parseDicom(readSample(path));
  const nums = (tag: string) => (ds.string(tag) ?? '').split('\\').map(Number);
  return { ipp: nums('x00200032') as Vec3, iop: nums('x00200037'), pixelSpacing: nums('x00280030') };
}

const instances = () => shuffled(entries).map((e) => ({ key: e.path, file: parseDicom(readSample(e.path)) }));

test('ct5n: one series, the UID of reference.json, frames sorted along the normal', { skip }, () => {
  const series = assembleSeries(instances());
  assert.equal(series.length, 1);
  const s = series[0];
  assert.ok(s);
  assert.equal(s.seriesInstanceUID, entries[0]?.seriesInstanceUID);
  assert.equal(s.frames.length, entries.length);
  assert.deepEqual(s.warnings, []);
  const { iop } = raw(entries[0]?.path ?? '');
  // Normal = row × column (PS3.3 C.7.6.2.1.1), computed here by hand.
  const n: Vec3 = [iop[1]! * iop[5]! - iop[2]! * iop[4]!, iop[2]! * iop[3]! - iop[0]! * iop[5]!, iop[0]! * iop[4]! - iop[1]! * iop[3]!];
  const along = (p: Vec3) => p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
  const expectedOrder = [...entries].sort((a, b) => along(raw(a.path).ipp) - along(raw(b.path).ipp)).map((e) => e.path);
  assert.deepEqual(s.frames.map((f) => f.key), expectedOrder);
  // Instance Numbers (reference.json) run the other way along the normal here: strictly monotonic.
  const numbers = s.frames.map((f) => entries.find((e) => e.path === f.key)?.instanceNumber as number);
  const increasing = numbers.every((x, i) => i === 0 || x > numbers[i - 1]!);
  const decreasing = numbers.every((x, i) => i === 0 || x < numbers[i - 1]!);
  assert.ok(increasing || decreasing, `instance numbers in slice order: ${numbers.join(', ')}`);
  assert.deepEqual(s.frames.map((f) => f.instanceNumber), numbers);
});

test('ct5n: spacing between slices from the positions, in-plane spacing from Pixel Spacing', { skip }, () => {
  const s = assembleSeries(instances())[0];
  assert.ok(s?.geometry);
  const positions = s.frames.map((f) => raw(f.key).ipp);
  for (let k = 1; k < positions.length; k++) {
    const d = Math.hypot(...positions[k]!.map((v, a) => v - positions[k - 1]![a]!));
    assert.ok(Math.abs(d - s.geometry.spacing[2]) < 1e-6, `step ${k}: ${d} vs ${s.geometry.spacing[2]}`);
  }
  const { pixelSpacing, iop } = raw(s.frames[0]?.key ?? '');
  assert.deepEqual(s.geometry.spacing.slice(0, 2), [pixelSpacing[1], pixelSpacing[0]]);
  assert.deepEqual(s.geometry.origin, positions[0]);
  assert.deepEqual(s.geometry.direction[0], iop.slice(0, 3));
  assert.deepEqual(s.geometry.direction[1], iop.slice(3, 6));
});

test('ct5n: the volume is columns × rows × slices, each slice the file reference.json hashes', { skip }, async () => {
  const s = assembleSeries(instances())[0];
  assert.ok(s);
  const v = await seriesToVolume(s);
  const ref = entries[0];
  assert.deepEqual(v.dims, [ref?.columns, ref?.rows, entries.length]);
  assert.deepEqual(v.rescale, { slope: ref?.rescaleSlope, intercept: ref?.rescaleIntercept });
  const perSlice = v.dims[0] * v.dims[1];
  for (let k = 0; k < v.dims[2]; k++) {
    const key = s.frames[k]?.key;
    const slice = v.voxels.subarray(k * perSlice, (k + 1) * perSlice);
    assert.equal(await sha256Hex(littleEndianBytes(slice)), entries.find((e) => e.path === key)?.pixels?.sha256, `slice ${k} (${key})`);
  }
});

test('ct5n: voxelToPatient of (i, j, k) is slice k\'s Image Position plus in-plane offsets', { skip }, async () => {
  const s = assembleSeries(instances())[0];
  assert.ok(s);
  const v = await seriesToVolume(s);
  for (let k = 0; k < v.dims[2]; k++) {
    const { ipp, iop, pixelSpacing } = raw(s.frames[k]?.key ?? '');
    for (const [i, j] of [[0, 0], [15, 0], [0, 15], [7, 11]] as const) {
      // PS3.3 C.7.6.2.1.1: P = S + i·Δcol·X + j·Δrow·Y, Δcol = Pixel Spacing[1], Δrow = Pixel Spacing[0].
      const expected = [0, 1, 2].map((a) => ipp[a]! + i * pixelSpacing[1]! * iop[a]! + j * pixelSpacing[0]! * iop[3 + a]!);
      const got = voxelToPatient(v, [i, j, k]);
      got.forEach((x, a) => assert.ok(Math.abs(x - expected[a]!) < 1e-4, `(${i}, ${j}, ${k}) axis ${a}: ${x} vs ${expected[a]}`));
    }
  }
});
