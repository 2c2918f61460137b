// Runs inside the extension host: how long Voxel Lab takes to load and activate, and what it loads.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<{ activationMs: number }>('voxel-lab.voxel-lab');
  if (!ext) throw new Error('voxel-lab.voxel-lab is not installed');
  if (ext.isActive) throw new Error('already active: the measurement needs a cold extension');
  const before = new Set(Object.keys(require.cache));
  const t0 = performance.now();
  const api = await ext.activate();
  const totalMs = performance.now() - t0;
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const out = process.env.VOXEL_LAB_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify({ totalMs, activateMs: api.activationMs, loadedModules: loaded }, null, 2));
}
