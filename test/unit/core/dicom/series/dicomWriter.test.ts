// The core's Part 10 writer (src/core/dicom/write), read back by dicom-parser directly and, where
// installed, by DCMTK's dcmdump: two readers that are not ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dicomParser from 'dicom-parser';
import { encodeDataSet, formatDecimalString, writeCtSlice, writePart10 } from '../../../../../src/core/dicom';

const slice = () => writeCtSlice({
  rows: 2,
  columns: 3,
  pixels: Int16Array.from([-1000, 0, 1, 2, 3, 32767]),
  position: [-125.5, 30, Math.PI],
  orientation: [1, 0, 0, 0, Math.SQRT1_2, -Math.SQRT1_2],
  pixelSpacing: [0.7, 0.5],
  instanceNumber: 12,
  studyInstanceUID: '2.25.1',
  seriesInstanceUID: '2.25.2',
  sopInstanceUID: '2.25.3',
  seriesDescription: 'odd',
});

test('writeCtSlice: a Part 10 file with preamble, file meta group length and the attributes given', () => {
  const bytes = slice();
  assert.equal(String.fromCharCode(...bytes.subarray(128, 132)), 'DICM');
  assert.ok(bytes.subarray(0, 128).every((b) => b === 0));
  const ds = dicomParser.parseDicom(bytes);
  const metaEnd = Object.values(ds.elements).filter((e) => e.tag.startsWith('x0002')).reduce((m, e) => Math.max(m, e.dataOffset + e.length), 0);
  assert.equal(ds.uint32('x00020000'), metaEnd - (132 + 12), 'group length counts the meta after itself');
  assert.equal(ds.string('x00020010'), '1.2.840.10008.1.2.1');
  assert.equal(ds.string('x00020002'), '1.2.840.10008.5.1.4.1.1.2');
  assert.equal(ds.string('x00020003'), '2.25.3');
  assert.equal(ds.string('x00080018'), '2.25.3');
  assert.equal(ds.string('x0008103e'), 'odd');
  assert.equal(ds.intString('x00200013'), 12);
  assert.equal(ds.uint16('x00280010'), 2);
  assert.equal(ds.uint16('x00280011'), 3);
  assert.equal(ds.uint16('x00280103'), 1);
  const ipp = (ds.string('x00200032') ?? '').split('\\').map(Number);
  assert.ok(Math.abs((ipp[2] ?? 0) - Math.PI) < 1e-13);
  assert.deepEqual((ds.string('x00280030') ?? '').split('\\').map(Number), [0.7, 0.5]);
  const px = ds.elements['x7fe00010'];
  assert.ok(px);
  assert.equal(px.length, 12);
  assert.deepEqual([...new Int16Array(bytes.slice(px.dataOffset, px.dataOffset + 12).buffer)], [-1000, 0, 1, 2, 3, 32767]);
  // Every element has an even length (PS3.5 §7.1.1).
  for (const e of Object.values(ds.elements)) assert.equal(e.length % 2, 0, e.tag);
});

function hasDcmdump(): boolean {
  try {
    execFileSync('dcmdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const dcmdump = hasDcmdump();

test('writeCtSlice: DCMTK reads the file without complaint', { skip: dcmdump ? false : 'dcmdump is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxel-writer-'));
  try {
    const path = join(dir, 'slice.dcm');
    writeFileSync(path, slice());
    const out = execFileSync('dcmdump', ['-q', '+L', '-dc', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /\(0020,0032\) DS \[-125\.5\\30\\3\.14159265358979\]/);
    assert.match(out, /\(0002,0010\) UI =LittleEndianExplicit/);
    assert.match(out, /\(7fe0,0010\) OW .* # +12, 1 PixelData/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('formatDecimalString keeps to 16 characters and as many digits as fit', () => {
  for (const n of [0, -1.5, Math.PI, -Math.PI, Math.SQRT1_2, 1e-20, -1.2345678901234e-7, 1234567890123456e2, 2 ** 53]) {
    const s = formatDecimalString(n);
    assert.ok(s.length <= 16, `${n} → ${s}`);
    assert.match(s, /^[0-9+\-Ee.]+$/);
    assert.ok(Math.abs(Number(s) - n) <= Math.abs(n) * 1e-10, `${n} → ${s}`);
  }
  assert.equal(formatDecimalString(2.5), '2.5');
  assert.throws(() => formatDecimalString(NaN), RangeError);
});

test('encodeDataSet: ascending tags, padded values, nested sequences, duplicates refused', () => {
  const body = encodeDataSet([
    { tag: 0x00100010, vr: 'PN', value: 'Odd' },
    { tag: 0x00080018, vr: 'UI', value: '1.2.3' },
    { tag: 0x52009230, vr: 'SQ', value: [[{ tag: 0x00209113, vr: 'SQ', value: [[{ tag: 0x00200032, vr: 'DS', value: [1, 2, 3] }]] }], []] },
  ]);
  const uiValue = body.subarray(8, 14);
  assert.deepEqual([...uiValue], [...new TextEncoder().encode('1.2.3'), 0], 'UI padded with NUL');
  const file = writePart10({ sopClassUID: '1.2.3.4', sopInstanceUID: '1.2.3.5', elements: [
    { tag: 0x00100010, vr: 'PN', value: 'Odd' },
    { tag: 0x52009230, vr: 'SQ', value: [[{ tag: 0x00209113, vr: 'SQ', value: [[{ tag: 0x00200032, vr: 'DS', value: [1, 2, 3] }]] }], []] },
  ] });
  const ds = dicomParser.parseDicom(file);
  assert.equal(ds.string('x00100010'), 'Odd');
  const items = ds.elements['x52009230']?.items;
  assert.equal(items?.length, 2);
  assert.equal(items?.[0]?.dataSet?.elements['x00209113']?.items?.[0]?.dataSet?.string('x00200032'), '1\\2\\3');
  assert.throws(() => encodeDataSet([{ tag: 0x00100010, vr: 'PN', value: 'a' }, { tag: 0x00100010, vr: 'PN', value: 'b' }]), RangeError);
  assert.throws(() => encodeDataSet([{ tag: 0x00100010, vr: 'LO', value: 'x'.repeat(70000) }]), RangeError);
});
