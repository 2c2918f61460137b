import { join, resolve } from 'node:path';

/** Locations of the project-local runtime the test harness drives (installed by scripts/install.sh). */
export const repoRoot = resolve(__dirname, '..', '..');
export const toolsDir = join(repoRoot, 'tools', 'vscode-test');
export const node24 = join(toolsDir, 'node24', 'node_modules', 'node', 'bin', 'node');
export const codeServerEntry = join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.VOXEL_LAB_CHROMIUM ?? '/usr/bin/chromium';
export const samplesDir = join(repoRoot, 'samples');
