// Inputs for the viewer benchmark, made once into bench/.work/viewer/ from a real brain volume
// (samples/nifti/brain_ch2bet_uint8.nii.gz, 181 × 217 × 181 at 1 mm) resampled to CT-sized images.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUid, writeCtSlice } from '../../src/core/dicom';
import { readNifti } from '../../src/core/nifti';
import type { Volume } from '../../src/core/imaging/volume';

const VERSION = 1;
export const SIZE = 512;
export const SLICES = 500;
export const CINE_FRAMES = 60;

export interface ViewerInputs {
  dir: string;
  ct: string;
  series: string;
  cine: string;
}

export async function viewerInputs(repoRoot: string): Promise<ViewerInputs> {
  const dir = join(repoRoot, 'bench', '.work', 'viewer');
  const out: ViewerInputs = { dir, ct: join(dir, 'ct512.dcm'), series: join(dir, 'series500'), cine: join(dir, 'cine512.dcm') };
  const stamp = join(dir, 'version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(VERSION)) return out;
  console.log(`making the viewer benchmark inputs in ${dir} …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(out.series, { recursive: true });
  const brain = await readNifti(new Uint8Array(readFileSync(join(repoRoot, 'samples', 'nifti', 'brain_ch2bet_uint8.nii.gz'))));
  const study = randomUid();
  const spacing = 200 / SIZE; // a 200 mm field of view
  const sliceStep = brain.volume.dims[2] / SLICES;
  const slice = (z: number) => resampleSlice(brain.volume, z * sliceStep);
  const series = randomUid();
  // Shuffled file names: the viewer has to sort the slices by position itself.
  const order = Array.from({ length: SLICES }, (_, i) => i).sort((a, b) => hash(a) - hash(b));
  for (let k = 0; k < SLICES; k++) {
    const bytes = writeCtSlice({
      rows: SIZE, columns: SIZE, pixels: slice(k), position: [-100, -100, k * sliceStep], orientation: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [spacing, spacing], instanceNumber: k + 1, studyInstanceUID: study, seriesInstanceUID: series,
      seriesDescription: 'Benchmark series (resampled ch2bet)', sliceThickness: sliceStep,
    });
    writeFileSync(join(out.series, `IM${String(order[k]).padStart(4, '0')}`), bytes);
  }
  writeFileSync(out.ct, writeCtSlice({
    rows: SIZE, columns: SIZE, pixels: slice(SLICES / 2), position: [-100, -100, 0], orientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [spacing, spacing], instanceNumber: 1, studyInstanceUID: study, seriesInstanceUID: randomUid(), seriesDescription: 'Benchmark CT slice',
  }));
  // A classic multi-frame: the frames are slices played as cine at 30 fps (Frame Time 33.33 ms).
  const frames = new Int16Array(SIZE * SIZE * CINE_FRAMES);
  for (let f = 0; f < CINE_FRAMES; f++) frames.set(slice(150 + f * 3), f * SIZE * SIZE);
  writeFileSync(out.cine, writeCtSlice({
    rows: SIZE, columns: SIZE, pixels: slice(150), position: null, orientation: null, pixelSpacing: [spacing, spacing], instanceNumber: 1,
    studyInstanceUID: study, seriesInstanceUID: randomUid(), seriesDescription: 'Benchmark cine (60 frames)',
    extra: [
      { tag: 0x00280008, vr: 'IS', value: CINE_FRAMES },
      { tag: 0x00181063, vr: 'DS', value: 1000 / 30 },
      { tag: 0x7fe00010, vr: 'OW', value: frames },
    ],
  }));
  writeFileSync(stamp, String(VERSION));
  return out;
}

/** An axial slice at fractional z, bilinear in plane and linear between slices, as int16 "HU" (brain 0–255 → −1024..~1000). */
function resampleSlice(v: Volume, z: number): Int16Array {
  const [nx, ny, nz] = v.dims;
  const out = new Int16Array(SIZE * SIZE);
  const z0 = Math.min(nz - 1, Math.floor(z));
  const z1 = Math.min(nz - 1, z0 + 1);
  const fz = z - z0;
  const at = (i: number, j: number, k: number) => v.voxels[i + nx * (j + ny * k)] as number;
  for (let y = 0; y < SIZE; y++) {
    const fy = (y / (SIZE - 1)) * (ny - 1);
    const j0 = Math.floor(fy);
    const j1 = Math.min(ny - 1, j0 + 1);
    const wy = fy - j0;
    for (let x = 0; x < SIZE; x++) {
      const fx = (x / (SIZE - 1)) * (nx - 1);
      const i0 = Math.floor(fx);
      const i1 = Math.min(nx - 1, i0 + 1);
      const wx = fx - i0;
      const lerp2 = (k: number) =>
        (at(i0, j0, k) * (1 - wx) + at(i1, j0, k) * wx) * (1 - wy) + (at(i0, j1, k) * (1 - wx) + at(i1, j1, k) * wx) * wy;
      const value = lerp2(z0) * (1 - fz) + lerp2(z1) * fz;
      out[y * SIZE + x] = Math.round(value * 8);
    }
  }
  return out;
}

function hash(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
