// Opening a folder as series (src/core/files/openSeries.ts) and its CLI surface (`voxel-lab series`,
// `voxel-lab render DIR`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { parseDicom, renderDicomFrame, seriesToVolume, type SeriesDoc } from '../../../../../src/core/dicom';
import { renderSeriesSlice, scanSeries } from '../../../../../src/core/files/openSeries';
import { main } from '../../../../../src/cli/main';
import { dataDir, dicomEntries, readSample } from '../corpus';
import { ctSliceBytes } from './syntheticSeries';

const ct5n = dicomEntries().filter((e) => e.path.startsWith('series/ct5n/'));
const skip = ct5n.length === 0 ? 'series/ct5n is not in the corpus' : false;
const ct5nSources = () => ct5n.map((e) => ({ name: e.path, bytes: readSample(e.path) }));

test('scanSeries: DICOM images become series; other files are skipped with the reason', () => {
  const scan = scanSeries([
    { name: 'a', bytes: ctSliceBytes({ tag: 1, position: [0, 0, 0] }) },
    { name: 'b', bytes: ctSliceBytes({ tag: 2, position: [0, 0, 1] }) },
    { name: 'notes.txt', bytes: new TextEncoder().encode('not an image at all, just some notes that go on for a while') },
    { name: 'broken.dcm', bytes: ctSliceBytes({ tag: 3, position: [0, 0, 2] }).subarray(0, 300) },
  ]);
  assert.deepEqual(scan.series.map((s) => s.frames.length), [2]);
  assert.deepEqual(scan.skipped.map((s) => [s.name, s.reason]), [['notes.txt', 'not-dicom'], ['broken.dcm', 'invalid']]);
  const broken = scan.skipped[1];
  assert.ok(broken?.reason === 'invalid' && broken.error.code.startsWith('dicom-'));
});

test('renderSeriesSlice: each axial slice of ct5n is the file\'s own rendering (same modality LUT and window)', { skip }, async () => {
  const [series] = scanSeries(ct5nSources()).series;
  assert.ok(series);
  const volume = await seriesToVolume(series);
  for (let k = 0; k < series.frames.length; k++) {
    const frame = series.frames[k];
    assert.ok(frame);
    for (const window of [undefined, { center: -600, width: 1500 }]) {
      const r = await renderSeriesSlice(series, volume, { slice: k, ...(window ? { window } : {}) });
      const own = await renderDicomFrame(frame.file, window ? { window } : {});
      assert.deepEqual(r.image, own, `slice ${k}, window ${JSON.stringify(window)}`);
    }
  }
  assert.equal((await renderSeriesSlice(series, volume)).slice, 2, 'the middle slice by default');
  await assert.rejects(renderSeriesSlice(series, volume, { preset: 'nope' }), /Unknown window preset/);
});

test('renderSeriesSlice: a coronal slice shows superior at the top, so its top row is the highest slice', { skip }, async () => {
  const [series] = scanSeries(ct5nSources()).series;
  assert.ok(series);
  const volume = await seriesToVolume(series);
  const j = 6;
  const coronal = await renderSeriesSlice(series, volume, { plane: 'coronal', slice: j });
  assert.deepEqual([coronal.image.width, coronal.image.height], [16, 5]);
  // The ct5n positions rise with k (ct5n.test.ts), so screen row y shows slice 4 − y; row j of that
  // slice's own rendering is the same pixels (columns run L→R in both).
  for (let y = 0; y < 5; y++) {
    const own = await renderDicomFrame(series.frames[4 - y]!.file);
    assert.deepEqual([...coronal.image.data.subarray(y * 16, (y + 1) * 16)], [...own.data.subarray(j * 16, (j + 1) * 16)], `row ${y}`);
  }
});

function capture(): { io: { stdout: (t: string) => void; stderr: (t: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, out, err };
}

test('voxel-lab series DIR --json: one line per series, with UID, dims and spacing', { skip }, async () => {
  const c = capture();
  const code = await main(['series', join(dataDir, 'series', 'ct5n'), '--json'], c.io);
  assert.equal(code, 0, c.err.join(''));
  const docs = c.out.join('').trim().split('\n').map((l) => JSON.parse(l) as SeriesDoc);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]?.seriesInstanceUID, ct5n[0]?.seriesInstanceUID);
  assert.deepEqual(docs[0]?.dims, [ct5n[0]?.columns, ct5n[0]?.rows, 5]);
  assert.equal(docs[0]?.spacing[2], 2.5);
  assert.deepEqual(docs[0]?.warnings, []);
});

test('voxel-lab render DIR: writes the middle axial slice of the series; a bad folder exits 2', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxel-series-'));
  try {
    const png = join(dir, 'slice.png');
    const c = capture();
    assert.equal(await main(['render', join(dataDir, 'series', 'ct5n'), '--out', png], c.io), 0, c.err.join(''));
    const written = decodePng(new Uint8Array(readFileSync(png)));
    const [series] = scanSeries(ct5nSources()).series;
    const own = await renderDicomFrame(parseDicom(readSample(series!.frames[2]!.key)));
    assert.deepEqual([written.width, written.height], [own.width, own.height]);
    assert.deepEqual([...written.data], [...own.data]);

    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'readme.txt'), 'nothing to see');
    const e = capture();
    assert.equal(await main(['series', empty, '--json'], e.io), 2);
    assert.equal((JSON.parse(e.out.join('')) as { error: { code: string } }).error.code, 'image-no-files');
    assert.deepEqual(readdirSync(empty), ['readme.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
