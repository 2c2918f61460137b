// `voxel-lab … | head`: when the reader closes the pipe early, the command stops quietly (no EPIPE stack trace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

test('output into a pipe closed by its reader ends the command quietly with its own status', async () => {
  const child = spawn(process.execPath, [join(root, 'bin', 'voxel-lab.js'), 'inspect', join(root, 'samples', 'dicom'), '--json'], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Read the first line, then close our end, as `head -1` does.
  const first = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        child.stdout.destroy();
        resolve(out.slice(0, out.indexOf('\n')));
      }
    });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.ok(JSON.parse(first).file, 'the first line is a JSON document');
  assert.equal(code, 0);
  assert.doesNotMatch(stderr, /EPIPE|Error/);
});
