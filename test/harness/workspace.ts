import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from './paths';

/**
 * A throw-away workspace of real sample images, flat so the explorer shows them without expanding folders:
 * every file of samples/dicom, samples/bad and samples/nifti at the top (or only those named in `only`),
 * and the ct5n series as a folder.
 */
export function makeSampleWorkspace(only?: readonly string[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'voxel-lab-ws-'));
  for (const sub of ['dicom', 'bad', 'nifti']) {
    for (const f of readdirSync(join(samplesDir, sub))) if (!only || only.includes(f)) cpSync(join(samplesDir, sub, f), join(ws, f));
  }
  cpSync(join(samplesDir, 'series', 'ct5n'), join(ws, 'ct5n'), { recursive: true });
  return ws;
}
