// Activation cost of the extension in the real extension host (code-server), cold, several runs.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInExtensionHost } from '../test/harness/extensionHost';
import { repoRoot } from '../test/harness/paths';
import { machine, median, writeSection } from './results';

interface Sample {
  totalMs: number;
  activateMs: number;
  loadedModules: string[];
}

export async function benchActivation(runs = 3): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'voxel-lab-bench-'));
    const out = join(dir, 'activation.json');
    try {
      const code = await runInExtensionHost({
        project: join(repoRoot, 'bench', 'host'),
        entry: join(repoRoot, 'out', 'bench', 'host', 'activation.js'),
        env: { VOXEL_LAB_BENCH_OUT: out },
      });
      if (code !== 0) throw new Error(`activation run ${i + 1} failed (exit ${code})`);
      samples.push(JSON.parse(readFileSync(out, 'utf8')) as Sample);
      console.log(`activation run ${i + 1}: ${samples.at(-1)?.totalMs.toFixed(1)} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const bundle = statSync(join(repoRoot, 'dist', 'extension.js')).size;
  const loaded = [...new Set(samples.flatMap((s) => s.loadedModules.map((m) => m.replace(repoRoot, '.'))))];
  writeSection('activation', `## Extension activation

\`npm run bench -- activation\` — ${machine()}; extension host of code-server 4.139.1 (its own Node 24), ${runs} cold runs.

| measure | median | runs |
|---|---|---|
| \`extension.activate()\` seen by the caller (loading dist/extension.js + activate) | ${median(samples.map((s) => s.totalMs)).toFixed(1)} ms | ${samples.map((s) => s.totalMs.toFixed(1)).join(', ')} |
| inside \`activate()\` | ${median(samples.map((s) => s.activateMs)).toFixed(2)} ms | ${samples.map((s) => s.activateMs.toFixed(2)).join(', ')} |

dist/extension.js is ${(bundle / 1024).toFixed(1)} KiB (production build). Modules newly in \`require.cache\` after activation: ${loaded.length ? loaded.map((m) => `\`${m}\``).join(', ') : 'none'} — no DICOM, NIfTI, codec, ONNX or tfjs code: the viewer decodes in its webview's worker.`);
}
