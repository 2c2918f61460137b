import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of samples/reference.json (only the fields the DICOM tests read). */
export interface ReferenceEntry {
  path: string;
  format: 'dicom' | 'nifti';
  bad: boolean;
  case?: string;
  transferSyntaxUID?: string | null;
  impliedTransferSyntaxUID?: string;
  sopClassUID?: string;
  modality?: string;
  rows?: number;
  columns?: number;
  numberOfFrames?: number;
  samplesPerPixel?: number;
  bitsAllocated?: number;
  bitsStored?: number | null;
  highBit?: number | null;
  pixelRepresentation?: number | null;
  photometricInterpretation?: string;
  planarConfiguration?: number | null;
  rescaleSlope?: number | null;
  rescaleIntercept?: number | null;
  windowCenter?: number | null;
  windowWidth?: number | null;
  seriesInstanceUID?: string;
  instanceNumber?: number | null;
  lossy?: boolean;
  pixels?: { min: number; max: number; mean: number; sha256: string; dtype: string; shape: number[] };
  display?: { min: number; max: number; mean: number; sha256: string; shape: number[]; pipeline: string };
  paletteLookup?: { descriptor: number[]; rgbSha256: string; rgbDtype: string };
}

/** The imaging corpus: $VOXEL_LAB_IMAGING_DATA when set, else <repo>/samples. */
export const dataDir = process.env.VOXEL_LAB_IMAGING_DATA ?? join(__dirname, '..', '..', '..', '..', 'samples');

export const referencePresent = existsSync(join(dataDir, 'reference.json'));

export function referenceEntries(): ReferenceEntry[] {
  if (!referencePresent) return [];
  const ref = JSON.parse(readFileSync(join(dataDir, 'reference.json'), 'utf8')) as { files: ReferenceEntry[] };
  return ref.files;
}

export const dicomEntries = (): ReferenceEntry[] => referenceEntries().filter((e) => e.format === 'dicom');

export function readSample(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dataDir, path)));
}
