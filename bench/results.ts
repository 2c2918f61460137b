import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';

export const resultsFile = join(__dirname, 'RESULTS.md');

/** Replaces the section between `<!-- bench:NAME -->` markers in bench/RESULTS.md (appends it when new). */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nEvery number here was measured by the command shown with it, on the machine it names.\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(resultsFile, text);
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${(loadavg()[0] ?? 0).toFixed(1)} when written`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * The commit the numbers were measured on, marked when `paths` (what the measured code is built from) had
 * uncommitted changes.
 */
export function revision(paths: readonly string[] = ['src', 'bench']): string {
  const cwd = join(__dirname, '..');
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    // This file's own changes (a section written by an earlier run) are not changes to the measured code.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', ...paths, ':(exclude)bench/RESULTS.md'], { cwd, encoding: 'utf8' }).trim() !== '';
    return `revision ${head}${dirty ? ` + uncommitted changes in ${paths.map((p) => `${p}/`).join(' or ')}` : ''}`;
  } catch {
    return 'revision unknown';
  }
}
