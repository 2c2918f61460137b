// Runs test/integration inside the real extension host of code-server and prints "N passed, N failed".
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInExtensionHost } from './extensionHost';
import { repoRoot } from './paths';

const LABEL = 'integration (code-server extension host)';

interface Outcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'voxel-lab-int-'));
  const resultsFile = join(scratch, 'results.json');
  try {
    const code = await runInExtensionHost({
      project: join(repoRoot, 'test', 'integration'),
      entry: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      env: { VOXEL_LAB_TEST_RESULTS: resultsFile },
      echo: (t) => /✔|✓|passing|failing|pending|\d+\) /.test(t),
    });
    const outcomes: Outcome[] = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Outcome[]) : [];
    for (const o of outcomes.filter((o) => o.state === 'failed')) console.error(`✖ ${o.title}\n${o.error ?? ''}`);
    const passed = outcomes.filter((o) => o.state === 'passed').length;
    const failed = outcomes.filter((o) => o.state === 'failed').length + (outcomes.length === 0 ? 1 : 0);
    console.log(`${LABEL}: ${passed} passed, ${failed} failed`);
    return code === 0 && failed === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    console.log(`${LABEL}: 0 passed, 1 failed`);
    process.exit(1);
  },
);
