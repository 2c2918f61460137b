// The three implementations as child processes with one protocol (see bench/peers/ and oursDecode.ts):
// `PROGRAM files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...` → {"results": [{file, ok, shape, checksum, samplesUs}]};
// `PROGRAM series FILE...` → {ms, maxRssKiB, slices, checksum}.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { debianPython, repoRoot, workDir } from './paths';

export type Impl = 'ours' | 'pydicom' | 'dcmtk';
export const IMPLS: readonly Impl[] = ['ours', 'pydicom', 'dcmtk'];

export interface FileResult {
  file: string;
  ok: boolean;
  error?: string;
  shape?: number[];
  checksum?: number;
  samplesUs?: number[];
}

const dcmtkSource = join(repoRoot, 'bench', 'peers', 'dcmtk_decode.cc');
const dcmtkBinary = join(workDir, 'dcmtk_decode');
const pydicomScript = join(repoRoot, 'bench', 'peers', 'pydicom_decode.py');
const oursScript = join(repoRoot, 'bench', 'imaging', 'oursDecode.ts');
const oursSeriesScript = join(repoRoot, 'bench', 'imaging', 'oursSeries.ts');
const DCMTK_LIBS = ['-ldcmjpls', '-ldcmjpeg', '-ldcmimage', '-ldcmimgle', '-ldcmdata', '-loflog', '-lofstd'];
/** How the DCMTK peer is built, as RESULTS.md shows it. */
export const DCMTK_COMPILE = `g++ -O2 -std=c++17 bench/peers/dcmtk_decode.cc -o bench/.work/dcmtk_decode ${DCMTK_LIBS.join(' ')}`;

/** Compiles the DCMTK peer into bench/.work/ when missing or older than its source. */
export function buildDcmtkPeer(): void {
  if (existsSync(dcmtkBinary) && statSync(dcmtkBinary).mtimeMs > statSync(dcmtkSource).mtimeMs) return;
  if (!existsSync('/usr/include/dcmtk/dcmdata/dctk.h')) {
    throw new Error("DCMTK headers are missing: install Debian's libdcmtk-dev (apt-get install libdcmtk-dev g++).");
  }
  mkdirSync(workDir, { recursive: true });
  execFileSync('g++', ['-O2', '-std=c++17', dcmtkSource, '-o', dcmtkBinary, ...DCMTK_LIBS], { stdio: 'inherit' });
}

export function command(impl: Impl, args: string[]): [string, string[]] {
  switch (impl) {
    case 'ours':
      return args[0] === 'series'
        ? [process.execPath, ['--import', 'tsx', oursSeriesScript, ...args.slice(1)]]
        : [process.execPath, ['--import', 'tsx', oursScript, ...args]];
    case 'pydicom':
      return [debianPython, [pydicomScript, ...args]];
    case 'dcmtk':
      return [dcmtkBinary, args];
  }
}

/** Runs one implementation and parses the JSON it prints; its stderr (codec chatter) is kept for errors only. */
export function runImpl<T>(impl: Impl, args: string[]): Promise<T> {
  const [cmd, argv] = command(impl, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${impl} exited with ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch (e) {
        reject(new Error(`${impl} printed no JSON (${String(e)}): ${out.slice(0, 500)} ${err.slice(-1000)}`));
      }
    });
  });
}
