// The CLI's contract (shared/design/CLI.md) for bad input: exit 2, one JSON error document, no stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { dataDir } from '../core/nifti/referenceData';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('a file over 2 GiB is refused with image-too-large, without reading it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxel-lab-cli-'));
  try {
    const big = join(dir, 'huge.dcm');
    writeFileSync(big, '');
    truncateSync(big, 2.5 * 2 ** 30); // sparse: nothing is written to disk
    const r = await run(['inspect', big, '--json']);
    assert.equal(r.code, 2);
    assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'image-too-large');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a negative window centre is read as a value, and an unwritable --out is bad input', async () => {
  const ct = join(dataDir, 'dicom', 'ct_explicit_le.dcm');
  const dir = mkdtempSync(join(tmpdir(), 'voxel-lab-cli-'));
  try {
    const ok = await run(['render', ct, '--out', join(dir, 'lung.png'), '--window', '-600,1500', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { out: join(dir, 'lung.png'), width: 128, height: 128, channels: 1 });
    const bad = await run(['render', ct, '--out', join(dir, 'missing', 'x.png'), '--json']);
    assert.equal(bad.code, 2);
    assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'file-unwritable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('commands of later versions say so, exit 2, and print no stack', async () => {
  const r = await run(['analyze', 'x.dcm', '--model', 'm', '--json']);
  assert.equal(r.code, 2);
  const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
  assert.equal(doc.error.code, 'cli-command-not-available');
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('several files: one JSON line each, a bad one on its line, exit 2', async () => {
  const r = await run(['inspect', join(dataDir, 'dicom', 'ct_explicit_le.dcm'), join(dataDir, 'bad', 'empty.dcm'), '--json']);
  assert.equal(r.code, 2);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; format?: string; error?: { code: string } });
  assert.equal(lines.length, 2);
  assert.equal(lines[0]?.format, 'dicom');
  assert.ok(lines[1]?.error, 'the empty file has an error document');
});
