// `npm run bench -- series`: a 500-slice 512×512 series read from its files, assembled and decoded into one
// volume, ours against pydicom and DCMTK, each a fresh process per run; time and peak RSS. Writes the `series`
// section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, median, revision, writeSection } from '../results';
import { buildDcmtkPeer, buildOurs, oursRunner, DCMTK_COMPILE, IMPLS, runImpl, type Impl } from './peers';
import { debianPython, repoRoot, workDir } from './paths';
import { fmtBytes, fmtRatio } from './stats';

const SLICES = 500;
const RUNS = process.env.VOXEL_LAB_BENCH_QUICK ? 1 : 9;
// Bump when makeInputs.py's series changes, so stale files are remade.
const VERSION = 3;
const dir = join(workDir, 'imaging', `series${SLICES}`);

interface Run { ms: number; maxRssKiB: number; slices: number; checksum: number }

function seriesFiles(): string[] {
  const stamp = join(dir, '..', `series${SLICES}.version`);
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === String(VERSION) && existsSync(dir) && readdirSync(dir).length === SLICES;
  if (!fresh) {
    console.log(`making ${SLICES} slices in ${dir} …`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync(debianPython, [join(repoRoot, 'bench', 'imaging', 'makeInputs.py'), 'series', dir, String(SLICES)], { stdio: 'inherit' });
    writeFileSync(stamp, String(VERSION));
  }
  // Sorted by name, which is random with respect to position: every reader has to order the slices itself.
  return readdirSync(dir).sort().map((name) => join(dir, name));
}

export async function benchSeries(): Promise<void> {
  buildDcmtkPeer();
  await buildOurs();
  const files = seriesFiles();
  const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
  // Page cache warm for everyone: one untimed read of every file first.
  for (const f of files) readFileSync(f);
  const runs: Record<Impl, Run[]> = { ours: [], pydicom: [], dcmtk: [], before: [], pydicomOneCore: [] };
  for (let r = 0; r < RUNS; r++) {
    for (let i = 0; i < IMPLS.length; i++) {
      const impl = IMPLS[(i + r) % IMPLS.length] as Impl;
      const run = await runImpl<Run>(impl, ['series', ...files]);
      if (run.slices !== SLICES) throw new Error(`${impl} assembled ${run.slices} slices, not ${SLICES}`);
      runs[impl].push(run);
      console.log(`run ${r + 1}: ${impl} ${run.ms.toFixed(0)} ms, peak RSS ${(run.maxRssKiB / 1024).toFixed(0)} MiB`);
    }
  }
  const sums = new Set(IMPLS.map((impl) => runs[impl][0]?.checksum));
  const ours = median(runs.ours.map((x) => x.ms));
  const rows = IMPLS.map((impl) => {
    const ms = runs[impl].map((x) => x.ms);
    const rss = runs[impl].map((x) => x.maxRssKiB / 1024);
    const m = median(ms);
    return `| ${impl === 'ours' ? 'ours' : impl === 'pydicom' ? 'pydicom 2.3.1 + numpy' : 'DCMTK 3.6.7'} | ${m.toFixed(0)} (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}) | ${impl === 'ours' ? '1×' : fmtRatio(m / ours)} | ${median(rss).toFixed(0)} (${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)}) |`;
  });
  const volumeBytes = SLICES * 512 * 512 * 2;
  const markdown = `## A 500-slice 512 × 512 series into one volume

\`npm run bench -- series\` — ${machine()} (a shared 2-core VM: other work may run beside it); ${revision()}.

Input: ${SLICES} files, ${fmtBytes(totalBytes)} in all, Explicit VR Little Endian, 512 × 512 × 16-bit (12 stored), each with the
94-element header of the real CT slice of the per-file benchmark and its own UIDs and Image Position (Patient). Pixels: the
ch2bet human T1 brain of samples/nifti (MRIcron's Colin 27, 181 × 217 × 181 at 1 mm) resampled trilinearly to 512 × 512 × 500
(\`bench/imaging/makeInputs.py series\`). File names are random, so every reader orders the slices itself. The files are in the
page cache (read once before the runs). Each run is a fresh process (start-up not timed), ${RUNS} runs each, the order rotating.
What is timed: read every file from disk, parse it, order the slices along the normal of Image Orientation (Patient), decode
every slice into one ${fmtBytes(volumeBytes)} volume.

- ours: what \`voxel-lab render DIR\` does — \`scanSeriesFiles\` reads the first 8 KiB of each file (more only for a longer header) and parses its
  header up to Pixel Data (\`parseDicomHeader\`), assembles the series (groups, orders, checks spacing), keeping of each header only what the
  series needs (the parsed elements are let go: \`releaseParsedHeader\`); \`seriesToVolume\` with the CLI's file reader then reads each slice's
  pixel bytes from disk straight into its place in the volume (per file an open, a read at the frame's offset and a close, 32 files in flight on
  libuv's threads; it yields to the event loop every 16 ms) — \`bench/imaging/oursSeries.ts\`, run as ${oursRunner === 'tsx' ? 'TypeScript through tsx' : 'an esbuild bundle'}.
- pydicom: \`dcmread(path)\` per file, sort by position along the normal, \`np.stack([ds.pixel_array …])\` —
  \`bench/peers/pydicom_decode.py series\`.
- DCMTK: \`DcmFileFormat::loadFile\` per file (header now, Pixel Data left on disk: DCMTK's lazy loading), sort,
  \`getUncompressedFrame\` of each slice straight into one buffer — \`bench/peers/dcmtk_decode.cc\` (\`${DCMTK_COMPILE}\`).

Peak memory is the process's maximum resident set size (\`getrusage\` ru_maxrss; Node: \`process.resourceUsage().maxRSS\`), start-up
included. All three volumes have the same sum of voxel values: ${sums.size === 1 ? 'yes' : '**no**'}.

| implementation | ms: median (min–max) | time ÷ ours | peak RSS MiB: median (min–max) |
|---|---|---|---|
${rows.join('\n')}
`;
  console.log(markdown);
  if (process.env.VOXEL_LAB_BENCH_QUICK) return void console.log('(quick run: bench/RESULTS.md left as it was)');
  writeSection('series', markdown);
}
