import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomError } from '../../../../src/core/errors';
import {
  decodeFrame, decoderFor, displayPipelineOf, listTags, looksLikeDicom, parseDicom, supportedTransferSyntaxes, transferSyntaxOf,
} from '../../../../src/core/dicom';
import { dicomEntries, readSample } from './corpus';

test('looksLikeDicom: Part 10, bare data sets without preamble, and not random bytes', () => {
  assert.ok(looksLikeDicom(readSample('dicom/ct_explicit_le.dcm')));
  assert.ok(looksLikeDicom(readSample('dicom/ct_no_preamble_no_meta.dcm')));
  assert.ok(looksLikeDicom(readSample('series/ct5n/2062')));
  assert.ok(!looksLikeDicom(new Uint8Array(0)));
  assert.ok(!looksLikeDicom(new TextEncoder().encode('%PDF-1.4 not a dicom file at all, just text that goes on')));
});

test('info of a bare data set: no meta, syntax sniffed', () => {
  const e = dicomEntries().find((x) => x.path === 'dicom/ct_no_preamble_no_meta.dcm');
  const f = parseDicom(readSample('dicom/ct_no_preamble_no_meta.dcm'));
  assert.equal(f.info.transferSyntaxUID, null);
  assert.equal(f.info.hasPreamble, false);
  assert.equal(f.info.hasFileMeta, false);
  if (e?.impliedTransferSyntaxUID) assert.equal(f.info.effectiveTransferSyntaxUID, e.impliedTransferSyntaxUID);
});

test('multi-frame: every frame decodes, and out-of-range frames are refused', async () => {
  const e = dicomEntries().find((x) => !x.bad && (x.numberOfFrames ?? 1) > 1);
  assert.ok(e, 'a multi-frame sample');
  const f = parseDicom(readSample(e.path));
  assert.equal(f.info.numberOfFrames, e.numberOfFrames);
  const last = await decodeFrame(f, f.info.numberOfFrames - 1);
  assert.equal(last.pixels.length, (e.rows ?? 0) * (e.columns ?? 0) * (e.samplesPerPixel ?? 1));
  await assert.rejects(decodeFrame(f, f.info.numberOfFrames), (err: unknown) => err instanceof DicomError && err.code === 'dicom-frame-out-of-range');
  await assert.rejects(decodeFrame(f, -1), (err: unknown) => err instanceof DicomError && err.code === 'dicom-frame-out-of-range');
});

test('windows keep their explanations; the first equals Window Center/Width', () => {
  for (const e of dicomEntries()) {
    if (e.bad || e.windowCenter === undefined || e.windowCenter === null) continue;
    const p = displayPipelineOf(parseDicom(readSample(e.path)));
    assert.equal(p.windows[0]?.center, e.windowCenter, e.path);
    assert.equal(p.windows[0]?.width, e.windowWidth, e.path);
  }
  const multi = parseDicom(readSample('dicom/ct_multi_window.dcm'));
  assert.ok(multi.info.windows.length > 1);
  assert.ok(multi.info.windows.every((w) => w.explanation !== null));
});

test('listTags: meta included, keywords from the dictionary, sequences nested', () => {
  const tags = listTags(parseDicom(readSample('dicom/ct_modality_lut_seq.dcm')));
  const byTag = new Map(tags.map((t) => [t.tag, t]));
  assert.equal(byTag.get('(0002,0010)')?.keyword, 'TransferSyntaxUID');
  assert.equal(byTag.get('(0028,0010)')?.name, 'Rows');
  assert.equal(byTag.get('(0010,0010)')?.name, "Patient's Name");
  const seq = byTag.get('(0028,3000)');
  assert.equal(seq?.vr, 'SQ');
  assert.ok(seq?.items?.[0]?.some((t) => t.keyword === 'LUTDescriptor'));
  assert.match(byTag.get('(7FE0,0010)')?.value ?? '', /bytes/);
  const sorted = tags.map((t) => t.tag);
  assert.deepEqual(sorted, [...sorted].sort());
  // Implicit VR: VRs come from the dictionary.
  const implicit = listTags(parseDicom(readSample('dicom/mr_implicit_le.dcm')));
  assert.equal(implicit.find((t) => t.tag === '(0028,0010)')?.vr, 'US');
});

test('registry: names every syntax; unknown UIDs name the supported ones; codec loads are shared', async () => {
  assert.ok(supportedTransferSyntaxes.length >= 16);
  assert.throws(() => transferSyntaxOf('1.2.3'), (e: unknown) => e instanceof DicomError && e.code === 'dicom-unsupported-transfer-syntax' && e.message.includes('1.2.840.10008.1.2.4.80'));
  const a = decoderFor('1.2.840.10008.1.2.5');
  const b = decoderFor('1.2.840.10008.1.2.5');
  assert.equal(a, b, 'one promise for concurrent first calls');
  assert.equal(typeof (await a), 'function');
});
