import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, formatFromName } from '../../../../src/core/files/detectFormat';
import { dataDir } from '../nifti/referenceData';

const sample = (p: string) => new Uint8Array(readFileSync(join(dataDir, p)));

test('the bytes decide first: DICOM with and without preamble or extension, NIfTI plain and gzipped, PNG', () => {
  assert.equal(detectFormat(sample('dicom/ct_explicit_le.dcm'), 'x.bin'), 'dicom');
  assert.equal(detectFormat(sample('dicom/ct_no_preamble_no_meta.dcm'), 'x'), 'dicom');
  assert.equal(detectFormat(sample('series/ct5n/2062'), '2062'), 'dicom');
  assert.equal(detectFormat(sample('nifti/dwi_small_64D_int16.nii'), 'x'), 'nifti');
  assert.equal(detectFormat(sample('nifti/brain_ch2bet_uint8.nii.gz'), 'x'), 'nifti');
  const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
  assert.equal(detectFormat(png, 'scan.dcm'), 'png');
});

test('unrecognised bytes fall back to the name, so a broken scan.dcm reaches the DICOM reader', () => {
  const garbage = sample('bad/garbage.dcm');
  assert.equal(detectFormat(garbage, 'garbage.dcm'), 'dicom');
  assert.equal(detectFormat(sample('bad/not_gzip.nii.gz'), 'not_gzip.nii.gz'), 'nifti');
  assert.equal(detectFormat(garbage, 'garbage.bin'), null);
  assert.equal(formatFromName('A.DICOM'), 'dicom');
  assert.equal(formatFromName('brain.NII.GZ'), 'nifti');
  assert.equal(formatFromName('notes.txt'), null);
});
