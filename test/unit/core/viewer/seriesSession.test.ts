import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { openViewable } from '../../../../src/core/viewer/openViewable';
import { SeriesSession } from '../../../../src/core/viewer/seriesSession';
import { dataDir } from '../nifti/referenceData';

const dir = join(dataDir, 'series', 'ct5n');
const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

test('a series arriving file by file is a stack at once, then a volume whose acquired slices equal each file\'s own rendering', async () => {
  const session = new SeriesSession('ct5n');
  session.add(files.slice(0, 1).map((f) => ({ ...f, bytes: f.bytes.slice() })));
  assert.equal((await session.stack()).summary.views.stack?.count, 1);
  session.add(files.slice(1).map((f) => ({ ...f, bytes: f.bytes.slice() })));
  const image = await session.finish();
  assert.equal(image.summary.views.stack?.count, files.length);
  assert.ok(image.summary.views.axial && image.summary.views.coronal && image.summary.views.sagittal, 'three planes');
  // Slice order along the normal, read independently: z of Image Position (Patient) (axial CT, orientation 1\0\0\0\1\0).
  const z = (b: Uint8Array) => Number((dicomParser.parseDicom(b).string('x00200032') ?? '').split('\\')[2]);
  const byZ = [...files].sort((a, b) => z(a.bytes) - z(b.bytes));
  for (let i = 0; i < byZ.length; i++) {
    const request = { view: 'stack' as const, index: i, voi: { kind: 'file' as const }, invert: false, colormap: 'grey' as const };
    const shown = await image.render(request);
    const alone = await (await openViewable((byZ[i] as { bytes: Uint8Array }).bytes.slice(), 'x')).render({ ...request, index: 0 });
    assert.deepEqual([...shown.image.data], [...alone.image.data], `slice ${i} is the file at z ${z((byZ[i] as { bytes: Uint8Array }).bytes)}`);
  }
});

test('once the volume is built, the files\' bytes go: slices render from the volume, tags from the headers', async () => {
  const session = new SeriesSession('ct5n');
  session.add(files.map((f) => ({ ...f, bytes: f.bytes.slice() })));
  const whole = files.reduce((n, f) => n + f.bytes.length, 0);
  assert.equal(session.heldBytes, whole);
  const before = await session.stack();
  const request = { view: 'stack' as const, voi: { kind: 'file' as const }, invert: false, colormap: 'grey' as const };
  const shownBefore = await Promise.all(files.map((_, i) => before.render({ ...request, index: i })));
  const image = await session.finish();
  const pixelBytes = files.reduce((n, f) => n + (dicomParser.parseDicom(f.bytes).elements.x7fe00010?.length ?? 0), 0);
  assert.ok(pixelBytes > 0 && session.heldBytes <= whole - pixelBytes, `held ${session.heldBytes} of ${whole} bytes (${pixelBytes} of pixels)`);
  // The headers' parsed elements go too, until a slice is shown (then parsed again from the header's bytes); the
  // volume's own display pipeline has read the first file's already.
  assert.equal(session.heldParsedHeaders, 1);
  for (let i = 0; i < files.length; i++) {
    const shown = await image.render({ ...request, index: i });
    assert.deepEqual([...shown.image.data], [...(shownBefore[i] as typeof shown).image.data], `slice ${i}`);
    assert.deepEqual(await image.probe({ view: 'stack', index: i, x: 3, y: 4 }), await before.probe({ view: 'stack', index: i, x: 3, y: 4 }));
  }
  assert.equal(session.heldParsedHeaders, files.length, 'every slice shown once');
  const tags = await image.tags(0);
  assert.ok(JSON.stringify(tags).includes('(7FE0,0010)'), 'the Pixel Data element is still listed');
  assert.equal(await session.finish(), image, 'finishing again returns the same view');
  assert.throws(() => session.add(files.slice(0, 1)), /cannot be added after its volume was built/);
});

test('files that are not DICOM images are skipped with a reason, not thrown', async () => {
  const session = new SeriesSession('mixed');
  session.add([{ name: 'notes.txt', bytes: new TextEncoder().encode('not an image') }, { ...(files[0] as { name: string; bytes: Uint8Array }) }]);
  assert.equal(session.count, 1);
  assert.equal(session.failed.length, 1);
  assert.equal(session.failed[0]?.name, 'notes.txt');
});
