// Runs inside the real extension host (code-server, or VS Code desktop through @vscode/test-electron).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface Outcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  const suiteDir = join(__dirname, 'suite');
  for (const f of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(suiteDir, f));
  const outcomes: Outcome[] = [];
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.VOXEL_LAB_TEST_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(outcomes, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: err.stack ?? String(err) }));
  });
}
