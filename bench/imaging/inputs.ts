// The per-file benchmark inputs: one real 512×512 CT slice in every transfer syntax, made once into bench/.work/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeHtj2k } from './encodeHtj2k';
import { debianPython, repoRoot, workDir } from './paths';

export interface Input {
  file: string;
  /** Transfer syntax, short. */
  syntax: string;
  uid: string;
  /** The tool that wrote it. */
  madeWith: string;
  lossy: boolean;
  bytes: number;
}

type Spec = Omit<Input, 'bytes'>;

// Bump when the way inputs are made changes, so stale files are remade.
const VERSION = 4;
const dir = join(workDir, 'imaging', 'ct512');
const makeInputs = join(repoRoot, 'bench', 'imaging', 'makeInputs.py');
const f = (name: string): string => join(dir, name);

const SPECS: Spec[] = [
  { file: f('ct512_explicit_le.dcm'), syntax: 'Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1', madeWith: 'pydicom (from the real CT)', lossy: false },
  { file: f('ct512_implicit_le.dcm'), syntax: 'Implicit VR Little Endian', uid: '1.2.840.10008.1.2', madeWith: 'dcmconv +ti', lossy: false },
  { file: f('ct512_explicit_be.dcm'), syntax: 'Explicit VR Big Endian', uid: '1.2.840.10008.1.2.2', madeWith: 'dcmconv +tb', lossy: false },
  { file: f('ct512_deflated.dcm'), syntax: 'Deflated Explicit VR LE', uid: '1.2.840.10008.1.2.1.99', madeWith: 'dcmconv +td', lossy: false },
  { file: f('ct512_rle.dcm'), syntax: 'RLE Lossless', uid: '1.2.840.10008.1.2.5', madeWith: 'dcmcrle', lossy: false },
  { file: f('ct512_jpeg_baseline.dcm'), syntax: 'JPEG Baseline (8-bit)', uid: '1.2.840.10008.1.2.4.50', madeWith: 'dcmcjpeg +eb +Wi 1 +q 90 (windowed to 8 bits)', lossy: true },
  { file: f('ct512_jpeg_extended12.dcm'), syntax: 'JPEG Extended (12-bit)', uid: '1.2.840.10008.1.2.4.51', madeWith: 'dcmcjpeg +ee +q 90', lossy: true },
  { file: f('ct512_jpeg_lossless_p14.dcm'), syntax: 'JPEG Lossless P14 (SV6)', uid: '1.2.840.10008.1.2.4.57', madeWith: 'dcmcjpeg +el +sv 6', lossy: false },
  { file: f('ct512_jpeg_lossless_sv1.dcm'), syntax: 'JPEG Lossless SV1', uid: '1.2.840.10008.1.2.4.70', madeWith: 'dcmcjpeg +e1', lossy: false },
  { file: f('ct512_jpegls_lossless.dcm'), syntax: 'JPEG-LS Lossless', uid: '1.2.840.10008.1.2.4.80', madeWith: 'dcmcjpls +el', lossy: false },
  { file: f('ct512_jpegls_near_lossless.dcm'), syntax: 'JPEG-LS Near-Lossless (NEAR 2)', uid: '1.2.840.10008.1.2.4.81', madeWith: 'dcmcjpls +en +md 2', lossy: true },
  { file: f('ct512_j2k_lossless.dcm'), syntax: 'JPEG 2000 Lossless', uid: '1.2.840.10008.1.2.4.90', madeWith: 'gdcmconv --j2k', lossy: false },
  { file: f('ct512_j2k_lossy.dcm'), syntax: 'JPEG 2000 (lossy, 9/7)', uid: '1.2.840.10008.1.2.4.91', madeWith: 'gdcmconv --j2k --lossy --irreversible -r 10', lossy: true },
  { file: f('ct512_htj2k_lossless.dcm'), syntax: 'HTJ2K Lossless', uid: '1.2.840.10008.1.2.4.201', madeWith: 'OpenJPH encoder (npm codec-openjph), reversible', lossy: false },
  { file: f('ct512_htj2k_rpcl.dcm'), syntax: 'HTJ2K RPCL Lossless', uid: '1.2.840.10008.1.2.4.202', madeWith: 'OpenJPH encoder, reversible, RPCL + TLM', lossy: false },
  { file: f('ct512_htj2k_lossy.dcm'), syntax: 'HTJ2K (lossy)', uid: '1.2.840.10008.1.2.4.203', madeWith: 'OpenJPH encoder, irreversible, qstep 0.0007', lossy: true },
];

const HTJ2K: Record<string, { reversible: boolean; quantizationStep?: number; rpcl?: boolean }> = {
  '1.2.840.10008.1.2.4.201': { reversible: true },
  '1.2.840.10008.1.2.4.202': { reversible: true, rpcl: true },
  '1.2.840.10008.1.2.4.203': { reversible: false, quantizationStep: 0.0007 },
};

async function make(): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(debianPython, [makeInputs, 'files', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = f('ct512_explicit_le.dcm');
  for (const spec of SPECS) {
    const options = HTJ2K[spec.uid];
    if (!options) continue;
    const codestream = `${spec.file}.j2c`;
    await encodeHtj2k(base, codestream, options);
    execFileSync(debianPython, [makeInputs, 'encapsulate', base, codestream, spec.uid, spec.file], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(codestream);
  }
  writeFileSync(join(dir, 'version'), String(VERSION));
}

/** The inputs, made first when missing or stale. */
export async function perFileInputs(): Promise<Input[]> {
  const stamp = join(dir, 'version');
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === String(VERSION) && SPECS.every((s) => existsSync(s.file));
  if (!fresh) {
    console.log('making the 512×512 CT inputs in bench/.work/imaging/ct512 …');
    await make();
  }
  return SPECS.map((s) => ({ ...s, bytes: statSync(s.file).size }));
}
