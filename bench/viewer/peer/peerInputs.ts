// Inputs of the viewer-peer benchmark, in bench/.work/peer/files/: two real NIfTI volumes from samples/nifti,
// and two CT-sized NIfTI files written by nibabel from the viewer benchmark's DICOM (bench/viewer/inputs.ts).
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { viewerInputs } from '../inputs';

const VERSION = 1;
const PYTHON = process.env.VOXEL_LAB_PYTHON ?? '/usr/bin/python3';

export interface PeerInput {
  name: string;
  /** Where it comes from, for the results table. */
  source: string;
  dims: number[];
  datatype: string;
  bytes: number;
}

export async function peerInputs(repoRoot: string): Promise<{ dir: string; files: PeerInput[] }> {
  const dir = join(repoRoot, 'bench', '.work', 'peer', 'files');
  const samples = join(repoRoot, 'samples', 'nifti');
  const sources: Record<string, string> = {
    'ct512.nii': 'bench/.work/viewer/ct512.dcm (one 512×512 CT slice) written as NIfTI by nibabel',
    'brain_ch2bet_uint8.nii.gz': 'samples/nifti (a real brain MRI)',
    't1_inia19_float32.nii.gz': 'samples/nifti (a real T1 template)',
    'ct512x500.nii.gz': 'bench/.work/viewer/series500 (500 slices, 512×512) written as one NIfTI by nibabel',
  };
  const stamp = join(dir, 'version');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(VERSION)) {
    console.log(`making the viewer-peer inputs in ${dir} …`);
    const dicom = await viewerInputs(repoRoot);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of ['brain_ch2bet_uint8.nii.gz', 't1_inia19_float32.nii.gz']) copyFileSync(join(samples, f), join(dir, f));
    const script = join(__dirname, 'dicomToNifti.py');
    execFileSync(PYTHON, [script, join(dir, 'ct512.nii'), dicom.ct], { stdio: 'inherit' });
    const slices = readdirSync(dicom.series).map((f) => join(dicom.series, f));
    execFileSync(PYTHON, [script, join(dir, 'ct512x500.nii.gz'), ...slices], { stdio: 'inherit' });
    writeFileSync(stamp, String(VERSION));
  }
  const files = Object.entries(sources).map(([name, source]) => ({ name, source, bytes: statSync(join(dir, name)).size, ...niftiHeader(join(dir, name)) }));
  return { dir, files };
}

const DATATYPES: Record<number, string> = { 2: 'uint8', 4: 'int16', 8: 'int32', 16: 'float32', 64: 'float64', 256: 'int8', 512: 'uint16' };

/** dim[1..dim[0]] and the datatype of a NIfTI-1 header (little-endian, as these inputs are). */
function niftiHeader(path: string): { dims: number[]; datatype: string } {
  const fd = openSync(path, 'r');
  let head: Buffer = Buffer.alloc(1 << 16);
  try {
    head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (view.getInt32(0, true) !== 348) throw new Error(`${path} is not a little-endian NIfTI-1 file`);
  const n = view.getInt16(40, true);
  const dims = Array.from({ length: n }, (_, i) => view.getInt16(42 + 2 * i, true));
  const code = view.getInt16(70, true);
  return { dims, datatype: DATATYPES[code] ?? `datatype ${code}` };
}
