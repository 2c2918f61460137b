import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImageError } from '../core/errors';
import { CliUsageError } from './cliErrors';

/** Node's readFile refuses files past 2 GiB; say so before trying. */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

/** Expands folders (recursively, sorted, hidden entries skipped) into files, keeping argument order. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new CliUsageError(`${p}: no such file or folder.`, 'file-not-found');
    if (s.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (e.isFile()) files.push(p);
  }
  return files;
}

/** The whole file as bytes; typed errors for missing, unreadable and oversized files. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  const s = await stat(path).catch(() => null);
  if (!s) throw new CliUsageError(`${path}: no such file.`, 'file-not-found');
  if (s.isDirectory()) throw new CliUsageError(`${path} is a folder; give a file.`, 'cli-usage');
  if (s.size > MAX_FILE_BYTES) {
    throw new ImageError('image-too-large', `${basename(path)} is ${(s.size / 2 ** 30).toFixed(1)} GiB; files over 2 GiB are not read whole.`);
  }
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new CliUsageError(`${path} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'file-unreadable');
  }
}
