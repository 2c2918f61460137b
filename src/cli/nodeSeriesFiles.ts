import { closeSync, openSync, readSync } from 'node:fs';
import type { SeriesFileReader } from '../core/dicom';
import { CliUsageError } from './cliErrors';
import { readInputFile } from './readInput';

function unreadable(path: string, e: unknown): CliUsageError {
  return new CliUsageError(`${path} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'file-unreadable');
}

/** Reads `into.length` bytes of `path` from `offset` (fewer at the end of the file); synchronous, as the CLI waits anyway. */
function readInto(path: string, offset: number, into: Uint8Array): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    let done = 0;
    while (done < into.length) {
      const n = readSync(fd, into, done, into.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  } catch (e) {
    throw unreadable(path, e);
  } finally {
    closeSync(fd);
  }
}

/**
 * The disk as the core's series reader: headers and native frames are read where they lie in each file
 * (pread into the volume, no whole-file copies); other files whole, with readInputFile's checks.
 */
export const nodeSeriesFiles: SeriesFileReader = { readInto, readFile: readInputFile };
