import { parseArgs } from 'node:util';
import { CliUsageError } from './cliErrors';

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

const OPTIONS = {
  json: { type: 'boolean' },
  tags: { type: 'boolean' },
  out: { type: 'string' },
  frame: { type: 'string' },
  slice: { type: 'string' },
  plane: { type: 'string' },
  window: { type: 'string' },
  preset: { type: 'string' },
  invert: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** `--window -600,1500`: a value starting with '-' would read as an option; bind it to its flag first. */
function bindNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if ((a === '--window' || a === '--slice' || a === '--frame') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: bindNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, flags: values };
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message.replace(/\.$/, '') + '; see `voxel-lab --help`.' : 'Invalid arguments.');
  }
}

/** An integer flag, or `fallback` when absent; a clear usage error otherwise. */
export function intFlag(flags: ParsedArgs['flags'], name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 0) throw new CliUsageError(`--${name} takes a whole number ≥ 0, not "${String(raw)}".`);
  return n;
}
