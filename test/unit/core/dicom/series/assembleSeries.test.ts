// Grouping, ordering and checks of assembleSeries on synthetic series whose geometry the test chooses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleSeries, parseDicom, type DicomSeries, type SeriesWarningCode } from '../../../../../src/core/dicom';
import type { Vec3 } from '../../../../../src/core/imaging/volume';
import { AXIAL, cineBytes, ctSlices, enhancedCtBytes, PIXEL_SPACING, shuffled, type SliceSpec } from './syntheticSeries';

const at = (z: number): Vec3 => [-10, 20, z];
const codes = (s: DicomSeries | undefined): SeriesWarningCode[] => (s?.warnings ?? []).map((w) => w.code);
const only = (series: DicomSeries[]): DicomSeries => {
  assert.equal(series.length, 1, `one series, got ${series.map((s) => s.id).join(', ')}`);
  return series[0] as DicomSeries;
};
const tags = (s: DicomSeries) => s.frames.map((f) => Number(f.key.replace('slice-', '')));

test('shuffled input comes out sorted by position along the normal, whatever the instance numbers say', () => {
  // Instance numbers deliberately disagree with position: position wins.
  const specs: SliceSpec[] = [0, 2.5, 5, 7.5, 10, 12.5].map((z, k) => ({ tag: k + 1, position: at(z), instanceNumber: 60 - k * 7 }));
  const s = only(assembleSeries(shuffled(ctSlices(specs))));
  assert.deepEqual(tags(s), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(s.frames.map((f) => f.location), [0, 2.5, 5, 7.5, 10, 12.5]);
  assert.deepEqual(s.warnings, []);
  assert.deepEqual(s.geometry, { spacing: [PIXEL_SPACING[1], PIXEL_SPACING[0], 2.5], origin: at(0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] });
  assert.equal(s.enhanced, false);
  assert.equal(s.sliceThickness, 2);
  assert.deepEqual(s.pixelSpacing, PIXEL_SPACING);
  assert.deepEqual([s.rows, s.columns], [3, 4]);
  assert.equal(s.modality, 'CT');
  assert.deepEqual(s.windows.map((w) => [w.center, w.width]), [[40, 400]]);
});

test('reversed normal: rows towards R, so the normal points to I and the order is by descending z', () => {
  // Row (-1, 0, 0) × column (0, 1, 0) = (0, 0, -1).
  const iop: [number, number, number, number, number, number] = [-1, 0, 0, 0, 1, 0];
  const specs: SliceSpec[] = [0, 3, 6, 9].map((z, k) => ({ tag: k + 1, position: at(z), orientation: iop }));
  const s = only(assembleSeries(shuffled(ctSlices(specs))));
  assert.deepEqual(tags(s), [4, 3, 2, 1]);
  assert.deepEqual(s.frames.map((f) => f.location), [-9, -6, -3, 0]);
  assert.deepEqual(s.geometry?.origin, at(9));
  assert.deepEqual(s.geometry?.direction[2], [0, 0, -1]);
  assert.equal(s.geometry?.spacing[2], 3);
});

test('a missing slice is a gap: warned, no regular geometry, the rest still in order', () => {
  const specs: SliceSpec[] = [0, 2.5, 5, 10, 12.5].map((z, k) => ({ tag: k + 1, position: at(z) }));
  const s = only(assembleSeries(shuffled(ctSlices(specs))));
  assert.deepEqual(tags(s), [1, 2, 3, 4, 5]);
  assert.deepEqual(codes(s), ['series-slice-gap']);
  assert.match(s.warnings[0]?.message ?? '', /^1 slice\(s\) appear to be missing/);
  assert.equal(s.geometry, null);
});

test('uneven spacing beyond 1 % is warned; within it is not', () => {
  const uneven = only(assembleSeries(ctSlices([0, 2.5, 5, 7.8, 10].map((z, k) => ({ tag: k + 1, position: at(z) })))));
  assert.deepEqual(codes(uneven), ['series-uneven-spacing']);
  assert.equal(uneven.geometry, null);
  // 2.52 − 2.5 = 0.02 mm < 1 % of 2.5 mm = 0.025 mm.
  const fine = only(assembleSeries(ctSlices([0, 2.5, 5.02, 7.5].map((z, k) => ({ tag: k + 1, position: at(z) })))));
  assert.deepEqual(codes(fine), []);
  assert.ok(Math.abs((fine.geometry?.spacing[2] ?? 0) - 2.5) < 1e-12);
});

test('two frames at one position: warned, both kept, ties ordered by Instance Number', () => {
  const specs: SliceSpec[] = [
    { tag: 1, position: at(0) },
    { tag: 2, position: at(2), instanceNumber: 3 },
    { tag: 3, position: at(2), instanceNumber: 2 },
    { tag: 4, position: at(4) },
  ];
  const s = only(assembleSeries(ctSlices(specs)));
  assert.deepEqual(tags(s), [1, 3, 2, 4]);
  assert.deepEqual(codes(s), ['series-duplicate-position']);
  assert.equal(s.geometry, null);
});

test('two series in one folder are told apart by UID and ordered by Series Number', () => {
  const a: SliceSpec[] = [0, 1, 2].map((z, k) => ({ tag: 10 + k, position: at(z), series: '2.25.7', seriesNumber: 7 }));
  const b: SliceSpec[] = [5, 10].map((z, k) => ({ tag: 20 + k, position: at(z), series: '2.25.2', seriesNumber: 2 }));
  const series = assembleSeries(shuffled(ctSlices([...a, ...b])));
  assert.deepEqual(series.map((s) => [s.id, s.seriesNumber, s.frames.length]), [['2.25.2', 2, 2], ['2.25.7', 7, 3]]);
  assert.deepEqual(tags(series[1] as DicomSeries), [10, 11, 12]);
  assert.ok(series.every((s) => s.warnings.length === 0));
});

test('without Image Position the order falls back to Instance Number, with a warning', () => {
  const specs: SliceSpec[] = [5, 3, 9, 1].map((n) => ({ tag: n, position: null, instanceNumber: n }));
  const s = only(assembleSeries(ctSlices(specs)));
  assert.deepEqual(tags(s), [1, 3, 5, 9]);
  assert.deepEqual(codes(s), ['series-missing-position']);
  assert.ok(s.frames.every((f) => f.position === null && f.location === null));
  assert.equal(s.geometry, null);
});

test('one UID with two image sizes or two orientations is split, each part warned', () => {
  const sized = assembleSeries(ctSlices([
    { tag: 1, position: at(0) },
    { tag: 2, position: at(1) },
    { tag: 3, position: at(0), rows: 5, columns: 5 },
  ]));
  assert.deepEqual(sized.map((s) => [s.id, s.frames.length]), [['2.25.1001:4x3:axial', 2], ['2.25.1001:5x5:axial', 1]]);
  assert.ok(sized.every((s) => codes(s).includes('series-mixed-size')));
  // A localizer-style series: axial slices plus a coronal one (row (1,0,0), column (0,0,-1)).
  const oriented = assembleSeries(ctSlices([
    { tag: 1, position: at(0) },
    { tag: 2, position: at(1) },
    { tag: 3, position: [0, 0, 0], orientation: [1, 0, 0, 0, 0, -1] },
  ]));
  assert.deepEqual(oriented.map((s) => [s.id, s.frames.length]), [['2.25.1001:4x3:axial', 2], ['2.25.1001:4x3:coronal', 1]]);
  assert.ok(oriented.every((s) => codes(s).includes('series-mixed-orientation')));
});

test('a copied file (same SOP Instance UID under another name) is kept once', () => {
  const bytes = ctSlices([{ tag: 1, position: at(0), sopInstanceUID: '2.25.55' }, { tag: 2, position: at(1) }]);
  const copy = { key: 'zz-copy-of-1', file: bytes[0]!.file };
  const s = only(assembleSeries([...bytes, copy]));
  assert.equal(s.frames.length, 2);
  assert.deepEqual(codes(s), ['series-duplicate-instance']);
});

test('rescale that differs between slices is warned; frames carry their own', () => {
  const specs: SliceSpec[] = [
    { tag: 1, position: at(0), rescale: { slope: 1, intercept: -1024 } },
    { tag: 2, position: at(1), rescale: { slope: 2, intercept: -1000 } },
  ];
  const s = only(assembleSeries(ctSlices(specs)));
  assert.deepEqual(codes(s), ['series-mixed-rescale']);
  assert.deepEqual(s.frames.map((f) => f.rescale), [{ slope: 1, intercept: -1024 }, { slope: 2, intercept: -1000 }]);
  assert.ok(s.geometry, 'the grid is still regular');
});

test('gantry tilt: a constant in-plane shift per slice gives a sheared grid that follows the positions', () => {
  // Each slice 2 mm further along z and 0.5 mm further along y (PS3.3: positions need not lie on the normal).
  const specs: SliceSpec[] = [0, 1, 2, 3].map((k) => ({ tag: k + 1, position: [0, 0.5 * k, 2 * k] as Vec3 }));
  const s = only(assembleSeries(shuffled(ctSlices(specs))));
  assert.deepEqual(codes(s), ['series-sheared']);
  const len = Math.hypot(0.5, 2);
  assert.ok(Math.abs((s.geometry?.spacing[2] ?? 0) - len) < 1e-12);
  s.geometry?.direction[2].forEach((c, a) => assert.ok(Math.abs(c - [0, 0.5 / len, 2 / len][a]!) < 1e-12));
});

test('an enhanced multi-frame CT: per-frame positions sort its frames, Pixel Measures give the pixel spacing', () => {
  // Frames written out of order along z.
  const file = parseDicom(enhancedCtBytes([
    { tag: 1, position: at(4) },
    { tag: 2, position: at(0) },
    { tag: 3, position: at(8) },
    { tag: 4, position: at(2) },
    { tag: 5, position: at(6) },
  ]));
  const s = only(assembleSeries([{ key: 'enhanced.dcm', file }]));
  assert.equal(s.enhanced, true);
  assert.deepEqual(s.frames.map((f) => f.frameIndex), [1, 3, 0, 4, 2]);
  assert.deepEqual(s.frames.map((f) => f.position), [at(0), at(2), at(4), at(6), at(8)]);
  assert.deepEqual(s.geometry, { spacing: [PIXEL_SPACING[1], PIXEL_SPACING[0], 2], origin: at(0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] });
  assert.deepEqual(s.orientation, AXIAL);
  assert.deepEqual(s.warnings, []);
});

test('a classic multi-frame object without positions is a stack in frame order, with its Frame Time', () => {
  const s = only(assembleSeries([{ key: 'cine', file: parseDicom(cineBytes(6, 33.3)) }]));
  assert.deepEqual(s.frames.map((f) => f.frameIndex), [0, 1, 2, 3, 4, 5]);
  assert.equal(s.frameTimeMs, 33.3);
  assert.equal(s.geometry, null);
  assert.deepEqual(s.warnings, [], 'a lone cine object has no positions by design');
});

test('Frame Time Vector: the time between frames is the mean of its increments after the leading 0', () => {
  const s = only(assembleSeries([{ key: 'cine', file: parseDicom(cineBytes(4, [0, 40, 40, 50])) }]));
  assert.ok(Math.abs((s.frameTimeMs ?? NaN) - 130 / 3) < 1e-12);
});

test('the result does not depend on input order', () => {
  const specs: SliceSpec[] = [0, 1, 2, 3, 4, 5, 6].map((z, k) => ({ tag: k + 1, position: at(z * 1.25) }));
  const slices = ctSlices(specs);
  const strip = (series: DicomSeries[]) => JSON.stringify(series.map((s) => ({ ...s, frames: s.frames.map((f) => [f.key, f.frameIndex]) })));
  assert.equal(strip(assembleSeries(shuffled(slices, 1))), strip(assembleSeries(shuffled(slices, 99))));
});
