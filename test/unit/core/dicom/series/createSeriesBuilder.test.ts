// The incremental builder the viewer feeds file by file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleSeries, createSeriesBuilder, parseDicom, writePart10 } from '../../../../../src/core/dicom';
import type { Vec3 } from '../../../../../src/core/imaging/volume';
import { ctSlices, shuffled, type SliceSpec } from './syntheticSeries';

const at = (z: number): Vec3 => [0, 0, z];
const specs: SliceSpec[] = [0, 1, 2, 3, 4, 5].map((z, k) => ({ tag: k + 1, position: at(z * 2) }));

test('the first file gives a one-frame series at once; each arrival refines it; the end equals assembleSeries', () => {
  const slices = shuffled(ctSlices(specs), 3);
  const builder = createSeriesBuilder();
  assert.deepEqual(builder.series(), []);
  slices.forEach((s, n) => {
    assert.equal(builder.add(s.key, s.file), true);
    const series = builder.series();
    assert.equal(series.length, 1);
    assert.equal(series[0]?.frames.length, n + 1);
    const locations = series[0]?.frames.map((f) => f.location as number) ?? [];
    assert.deepEqual(locations, [...locations].sort((a, b) => a - b), 'always in order');
  });
  const strip = (x: unknown) => JSON.stringify(x, (k, v: unknown) => (k === 'file' ? undefined : v));
  assert.equal(strip(builder.series()), strip(assembleSeries(slices)));
});

test('series() without changes returns the same array; add and remove invalidate it', () => {
  const [a, b] = ctSlices(specs.slice(0, 2));
  const builder = createSeriesBuilder();
  builder.add(a!.key, a!.file);
  const once = builder.series();
  assert.equal(builder.series(), once, 'cached');
  builder.add(b!.key, b!.file);
  const twice = builder.series();
  assert.notEqual(twice, once);
  assert.equal(twice[0]?.frames.length, 2);
  assert.equal(builder.remove(b!.key), true);
  assert.equal(builder.remove('never-added'), false);
  assert.equal(builder.series()[0]?.frames.length, 1);
  builder.remove(a!.key);
  assert.deepEqual(builder.series(), []);
});

test('re-adding a key replaces its file, also when it moves to another series', () => {
  const builder = createSeriesBuilder();
  const [one] = ctSlices([{ tag: 1, position: at(0), series: '2.25.11' }]);
  const [moved] = ctSlices([{ tag: 1, position: at(0), series: '2.25.12' }]);
  builder.add('f', one!.file);
  builder.add('f', moved!.file);
  assert.deepEqual(builder.series().map((s) => [s.seriesInstanceUID, s.frames.length]), [['2.25.12', 1]]);
});

test('a file without an image (no Pixel Data) is refused and kept nowhere', () => {
  const report = parseDicom(writePart10({
    sopClassUID: '1.2.840.10008.5.1.4.1.1.88.11', // Basic Text SR
    sopInstanceUID: '2.25.99',
    elements: [{ tag: 0x0020000e, vr: 'UI', value: '2.25.98' }, { tag: 0x00080060, vr: 'CS', value: 'SR' }],
  }));
  const builder = createSeriesBuilder();
  assert.equal(builder.add('report', report), false);
  assert.deepEqual(builder.series(), []);
});
