import { writeFile } from 'node:fs/promises';
import type { Window } from '../core/imaging/voi';
import { PLANES, type Plane } from '../core/imaging/volumeSlice';
import { intFlag, type ParsedArgs } from './args';
import { CliUsageError } from './cliErrors';

/** The display flags `render` shares between files and series folders. */
export interface RenderFlags {
  frame?: number;
  slice?: number;
  plane?: Plane;
  window?: Window;
  preset?: string;
  invert: boolean;
}

export function renderFlags(args: ParsedArgs): RenderFlags {
  const { flags } = args;
  if (flags.window !== undefined && flags.preset !== undefined) throw new CliUsageError('Give --window or --preset, not both.');
  const o: RenderFlags = { invert: flags.invert === true };
  if (flags.frame !== undefined) o.frame = intFlag(flags, 'frame', 0);
  if (flags.slice !== undefined) o.slice = intFlag(flags, 'slice', 0);
  if (flags.plane !== undefined) {
    const plane = String(flags.plane);
    if (!(PLANES as readonly string[]).includes(plane)) throw new CliUsageError(`--plane is one of ${PLANES.join(', ')}, not "${plane}".`);
    o.plane = plane as Plane;
  }
  if (typeof flags.window === 'string') {
    const parts = flags.window.split(',').map(Number);
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || (parts[1] ?? 0) <= 0) {
      throw new CliUsageError(`--window takes CENTER,WIDTH with a positive width, e.g. 40,400 or -600,1500, not "${flags.window}".`);
    }
    o.window = { center: parts[0] ?? 0, width: parts[1] ?? 1 };
  }
  if (typeof flags.preset === 'string') o.preset = flags.preset;
  return o;
}

/** Writes the output file; a folder that does not exist or cannot be written is bad input (exit 2), not our bug. */
export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new CliUsageError(`${path} cannot be written (${code}); check that its folder exists and is writable.`, 'file-unwritable');
  }
}
