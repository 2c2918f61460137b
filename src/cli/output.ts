import { isInputError, type ErrorPayload } from '../core/errors';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export function jsonLine(io: Io, doc: unknown): void {
  io.stdout(JSON.stringify(doc) + '\n');
}

/** The CLI.md error document, and the exit code the error deserves (2 bad input, 1 our fault). */
export function describeError(e: unknown): { payload: ErrorPayload; exitCode: 1 | 2 } {
  if (isInputError(e)) return { payload: { code: e.code, message: e.message }, exitCode: 2 };
  const detail = e instanceof Error ? e.message : String(e);
  return { payload: { code: 'internal', message: `Unexpected failure: ${detail}` }, exitCode: 1 };
}
