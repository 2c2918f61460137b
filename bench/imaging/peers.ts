// The three implementations as child processes with one protocol (see bench/peers/ and oursDecode.ts):
// `PROGRAM files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...` → {"results": [{file, ok, shape, checksum, samplesUs}]};
// `PROGRAM series FILE...` → {ms, maxRssKiB, slices, checksum}.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debianPython, repoRoot, workDir } from './paths';

/** 'pydicomOneCore': pydicom pinned to one CPU (taskset), for GDCM's OpenJPEG, which decodes with every core. */
export type Impl = 'ours' | 'pydicom' | 'dcmtk' | 'before' | 'pydicomOneCore';
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
const oursBundleDir = join(workDir, 'ours');

/**
 * How our side runs: bundled with esbuild (as shipped code is bundled, by webpack) when esbuild loads, else through
 * tsx, whose keepNames wrappers and CommonJS export getters add cost to closures and imported tables in hot loops.
 */
export let oursRunner = 'tsx';

const beforeDir = join(workDir, 'before');

/**
 * Our decode loop over the core as it was at `rev` (a git revision), bundled into bench/.work/before, so a
 * before/after comparison is measured side by side in the same run. Returns the resolved short revision.
 */
export async function buildBefore(rev: string): Promise<string> {
  const short = execFileSync('git', ['rev-parse', '--short', rev], { cwd: repoRoot }).toString().trim();
  const tree = join(beforeDir, 'tree');
  const codecs = join(beforeDir, 'codecs');
  rmSync(tree, { recursive: true, force: true });
  rmSync(codecs, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  // The revision's src/ and its own codec builds, codecs/, where it has them (git archive: no worktree
  // bookkeeping), today's driver over them.
  const paths = ['src', 'codecs'].filter((p) => execFileSync('git', ['ls-tree', '--name-only', short, p], { cwd: repoRoot }).toString().trim());
  execFileSync('bash', ['-c', `git archive ${short} ${paths.join(' ')} | tar -x -C ${JSON.stringify(tree)}`], { cwd: repoRoot });
  // The bundle, written to beforeDir, looks for codecs/ from its own folder up (src/cli/nodeCodecs.ts), so the
  // revision's .wasm goes beside it rather than today's being found at the repository root.
  if (existsSync(join(tree, 'codecs'))) cpSync(join(tree, 'codecs'), codecs, { recursive: true });
  // Revisions older than src/cli/nodeCodecs.ts loaded no WASM build of their own: the driver's call is a no-op there.
  const nodeCodecs = join(tree, 'src', 'cli', 'nodeCodecs.ts');
  if (!existsSync(nodeCodecs)) writeFileSync(nodeCodecs, 'export function configureNodeCodecs(): void {}\n');
  mkdirSync(join(tree, 'bench', 'imaging'), { recursive: true });
  copyFileSync(oursScript, join(tree, 'bench', 'imaging', 'oursDecode.ts'));
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(tree, 'bench', 'imaging', 'oursDecode.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outdir: beforeDir, external: ['@cornerstonejs/*'], logLevel: 'warning', nodePaths: [join(repoRoot, 'node_modules')],
  });
  return short;
}

/** Bundles our benchmark drivers into bench/.work/ours (codec packages stay external: they find their .wasm). */
export async function buildOurs(): Promise<void> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild'); // tsx's own dependency
  } catch {
    oursRunner = 'tsx';
    return;
  }
  await esbuild.build({
    entryPoints: [oursScript, oursSeriesScript], bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    outdir: oursBundleDir, external: ['@cornerstonejs/*'], logLevel: 'warning',
  });
  oursRunner = 'esbuild bundle';
}
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
    case 'ours': {
      const series = args[0] === 'series';
      const rest = series ? args.slice(1) : args;
      if (oursRunner === 'tsx') return [process.execPath, ['--import', 'tsx', series ? oursSeriesScript : oursScript, ...rest]];
      return [process.execPath, [join(oursBundleDir, series ? 'oursSeries.js' : 'oursDecode.js'), ...rest]];
    }
    case 'before':
      return [process.execPath, [join(beforeDir, 'oursDecode.js'), ...args]];
    case 'pydicom':
      return [debianPython, [pydicomScript, ...args]];
    case 'pydicomOneCore':
      return ['taskset', ['-c', '0', debianPython, pydicomScript, ...args]];
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
