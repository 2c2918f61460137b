// Runs every test/unit/**/*.test.ts with node:test (TypeScript through tsx, test/unit/setup.ts first in each file's
// process); extra args filter by path substring.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const files = walk(join(root, 'test', 'unit'))
  .map((p) => relative(root, p))
  .filter((p) => filters.length === 0 || filters.some((f) => p.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('no unit test files matched');
  process.exit(1);
}
// spec for people, TAP into a file for the closing "N passed, N failed" line every test layer prints.
const tmp = mkdtempSync(join(tmpdir(), 'voxel-lab-unit-'));
const tap = join(tmp, 'results.tap');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './test/unit/setup.ts', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
let summary = 'no results';
try {
  const text = readFileSync(tap, 'utf8');
  const count = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  summary = `${count('pass')} passed, ${count('fail') + count('cancelled')} failed`;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`unit (node:test): ${summary}`);
process.exit(r.status ?? 1);
