// Where the imaging corpus lives and what reference.json says about its NIfTI files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoSamples = join(import.meta.dirname, '..', '..', '..', '..', 'samples');

/** The corpus the conformance tests run over: VOXEL_LAB_IMAGING_DATA (e.g. a held-back set) or samples/. */
export const dataDir = process.env.VOXEL_LAB_IMAGING_DATA ?? repoSamples;

export interface NiftiReferenceEntry {
  path: string;
  format: 'nifti';
  bad: boolean;
  case: string;
  howBroken?: string;
  niftiVersion?: number;
  sizeofHdr?: number;
  voxOffset?: number;
  endianness?: 'little' | 'big';
  dims?: number[];
  pixdim?: number[];
  qfac?: number;
  datatype?: number;
  datatypeName?: string;
  bitpix?: number;
  sclSlope?: number | null;
  sclInter?: number | null;
  qformCode?: number;
  sformCode?: number;
  affine?: number[][];
  affineSource?: string;
  pixels?: { min: number; max: number; mean: number; sha256: string; dtype: string };
}

interface ReferenceFile {
  files: { format: string }[];
}

export function niftiEntries(): NiftiReferenceEntry[] {
  const ref = JSON.parse(readFileSync(join(dataDir, 'reference.json'), 'utf8')) as ReferenceFile;
  return ref.files.filter((f): f is NiftiReferenceEntry => f.format === 'nifti');
}

/** A file of the corpus in `dataDir`, by its reference.json path. */
export function readSample(path: string): Uint8Array {
  return readBytes(join(dataDir, path));
}

/**
 * A named file of the repository's own samples/, whatever VOXEL_LAB_IMAGING_DATA says: tests that
 * need particular anatomy (ch2bet, the AAL atlas) use these as fixtures.
 */
export function readRepoSample(path: string): Uint8Array {
  return readBytes(join(repoSamples, path));
}

function readBytes(file: string): Uint8Array {
  const b = readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
