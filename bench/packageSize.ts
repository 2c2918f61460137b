// Size of the .vsix `npm run package` produces, and what is in it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/harness/paths';
import { machine, writeSection } from './results';

export async function benchPackageSize(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'voxel-lab-vsix-'));
  try {
    const vsix = join(dir, 'voxel-lab.vsix');
    // vsce packs dist/ as it is: build first, or a stale build is what gets measured.
    execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: repoRoot, stdio: 'pipe' });
    execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-yarn', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
    const files = execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-yarn'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n').filter(Boolean);
    const size = statSync(vsix).size;
    const sum = (re: RegExp) => files.filter((f) => re.test(f)).reduce((s, f) => s + statSync(join(repoRoot, f)).size, 0);
    writeSection('package', `## Package size

\`npm run bench -- package\` — ${machine()}.

| | |
|---|---|
| voxel-lab.vsix | ${(size / 1024).toFixed(0)} KiB, ${files.length} files |
| extension bundle (dist/extension.js) | ${(sum(/^dist\/extension\.js$/) / 1024).toFixed(1)} KiB |
| viewer page + worker (dist/webview/*.js) | ${(sum(/^dist\/webview\/[^/]+\.js$/) / 1024).toFixed(0)} KiB |
| codec WASM (dist/webview/wasm) | ${(sum(/^dist\/webview\/wasm\//) / 1024).toFixed(0)} KiB |

.vscodeignore keeps out sources, tests, samples, source maps, the CLI bundle and node_modules (webpack bundles what the extension runs).`);
    console.log(`voxel-lab.vsix: ${(size / 1024).toFixed(0)} KiB, ${files.length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
