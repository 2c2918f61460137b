// Where the imaging corpus lives and what reference.json says about its NIfTI files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const dataDir = process.env.VOXEL_LAB_IMAGING_DATA ?? join(import.meta.dirname, '..', '..', '..', '..', 'samples');

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

export function readSample(path: string): Uint8Array {
  const b = readFileSync(join(dataDir, path));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
