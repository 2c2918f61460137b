import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomError } from '../../../../src/core/errors';
import { inspectDicom, looksLikeDicom } from '../../../../src/core/dicom';
import { jpeg2000DecoderUse } from '../../../../src/core/dicom/decoders/decodeJpeg2000';
import { jpegBaselineDecoderUse } from '../../../../src/core/dicom/decoders/decodeJpegBaseline';
import { dicomEntries, readSample, referencePresent, type ReferenceEntry } from './corpus';

// Lossy syntaxes: another decoder may differ by a few units (README "Hashing convention").
const LOSSY_VALUE_TOLERANCE = 4;
const LOSSY_MEAN_TOLERANCE = 0.5;

function checkHeader(doc: Awaited<ReturnType<typeof inspectDicom>>, e: ReferenceEntry): void {
  const fields = [
    'transferSyntaxUID', 'sopClassUID', 'modality', 'rows', 'columns', 'numberOfFrames', 'samplesPerPixel', 'bitsAllocated',
    'bitsStored', 'highBit', 'pixelRepresentation', 'photometricInterpretation', 'planarConfiguration', 'rescaleSlope',
    'rescaleIntercept', 'windowCenter', 'windowWidth', 'seriesInstanceUID', 'instanceNumber', 'lossy',
  ] as const;
  for (const f of fields) {
    if (!(f in e)) continue;
    assert.deepEqual(doc[f], e[f] ?? null, `${e.path}: ${f}`);
  }
}

for (const e of dicomEntries()) {
  if (e.bad) continue;
  test(`conformance: ${e.path} (${e.case ?? ''})`, async () => {
    const bytes = readSample(e.path);
    assert.ok(looksLikeDicom(bytes), 'looksLikeDicom');
    const doc = await inspectDicom(bytes);
    assert.equal(doc.format, 'dicom');
    checkHeader(doc, e);
    const ref = e.pixels;
    assert.ok(ref, 'reference has pixels');
    assert.equal(doc.pixels.dtype, ref.dtype, 'dtype');
    assert.deepEqual(doc.pixels.shape, ref.shape, 'shape');
    if (e.lossy) {
      assert.ok(Math.abs(doc.pixels.min - ref.min) <= LOSSY_VALUE_TOLERANCE, `min ${doc.pixels.min} vs ${ref.min}`);
      assert.ok(Math.abs(doc.pixels.max - ref.max) <= LOSSY_VALUE_TOLERANCE, `max ${doc.pixels.max} vs ${ref.max}`);
      assert.ok(Math.abs(doc.pixels.mean - ref.mean) <= LOSSY_MEAN_TOLERANCE, `mean ${doc.pixels.mean} vs ${ref.mean}`);
    } else {
      assert.equal(doc.pixels.min, ref.min, 'min');
      assert.equal(doc.pixels.max, ref.max, 'max');
      assert.equal(doc.pixels.mean, ref.mean, 'mean');
      assert.equal(doc.pixels.sha256, ref.sha256, 'sha256');
    }
  });
}

// The tests above run first (node:test keeps the order within a file), so this counts their JPEG 2000 frames.
const j2kFrames = dicomEntries()
  .filter((e) => !e.bad && (e.transferSyntaxUID === '1.2.840.10008.1.2.4.90' || e.transferSyntaxUID === '1.2.840.10008.1.2.4.91'))
  .reduce((n, e) => n + (e.numberOfFrames ?? 1), 0);
test('conformance: the JPEG 2000 files above were decoded by our OpenJPEG build (codecs/openjpeg), not the npm fallback', { skip: j2kFrames === 0 && 'no JPEG 2000 file in the corpus' }, () => {
  const use = jpeg2000DecoderUse();
  assert.equal(use.unavailable, null, 'openjpeg.wasm is supplied (scripts/run-unit.mjs imports test/unit/setup.ts)');
  assert.deepEqual({ openjpegWasm: use.openjpegWasm, cornerstone: use.cornerstone }, { openjpegWasm: j2kFrames, cornerstone: 0 });
});

// 8-bit JPEG: baseline, and extended (.51) files whose samples are 8-bit (12-bit ones go to our DCT decoder).
const jpeg8Frames = dicomEntries()
  .filter((e) => !e.bad && (e.transferSyntaxUID === '1.2.840.10008.1.2.4.50' || (e.transferSyntaxUID === '1.2.840.10008.1.2.4.51' && e.bitsStored === 8)))
  .reduce((n, e) => n + (e.numberOfFrames ?? 1), 0);
test('conformance: the 8-bit JPEG files above were decoded by our libjpeg-turbo build (codecs/libjpeg-turbo), not the npm fallback', { skip: jpeg8Frames === 0 && 'no 8-bit JPEG file in the corpus' }, () => {
  const use = jpegBaselineDecoderUse();
  assert.equal(use.unavailable, null, 'libjpeg-turbo.wasm is supplied (scripts/run-unit.mjs imports test/unit/setup.ts)');
  assert.deepEqual({ libjpegTurboWasm: use.libjpegTurboWasm, cornerstone: use.cornerstone }, { libjpegTurboWasm: jpeg8Frames, cornerstone: 0 });
});

for (const e of dicomEntries()) {
  if (!e.bad) continue;
  test(`bad file rejected with a specific DicomError: ${e.path} (${e.case ?? ''})`, async () => {
    await assert.rejects(inspectDicom(readSample(e.path)), (err: unknown) => {
      assert.ok(err instanceof DicomError, `DicomError, got ${String(err)}`);
      assert.notEqual(err.code, 'dicom-codec-failed');
      assert.match(err.message, /\S.*[.]$/, 'one sentence');
      return true;
    });
  });
}

test('the corpus is present (set VOXEL_LAB_IMAGING_DATA or keep samples/)', { skip: referencePresent ? false : 'no reference.json' }, () => {
  assert.ok(dicomEntries().length > 0);
});
