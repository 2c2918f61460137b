import { close, closeSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import type { SeriesFileReader } from '../core/dicom';
import { CliUsageError } from './cliErrors';
import { readInputFile } from './readInput';

// The callback API through promisify: each call is one request to libuv's I/O threads, with less overhead
// per call than fs/promises' FileHandle.
const openFile = promisify(open);
const readChunk = promisify(read);
const closeFile = promisify(close);

function unreadable(path: string, e: unknown): CliUsageError {
  return new CliUsageError(`${path} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'file-unreadable');
}

/** Reads `into.length` bytes of `path` from `offset` (fewer at the end of the file), blocking. */
function readIntoNow(path: string, offset: number, into: Uint8Array): number {
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
    try {
      closeSync(fd);
    } catch {
      // A failing close must neither hide the read's own error nor end the CLI as a bug.
    }
  }
}

/** The same on libuv's I/O threads. */
async function readIntoLater(path: string, offset: number, into: Uint8Array): Promise<number> {
  let fd: number;
  try {
    fd = await openFile(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    let done = 0;
    while (done < into.length) {
      const { bytesRead } = await readChunk(fd, into, done, into.length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  } catch (e) {
    throw unreadable(path, e);
  } finally {
    await closeFile(fd).catch(() => undefined); // as in readIntoNow
  }
}

/**
 * Reads of at least this many bytes (a frame into its slot of a volume) go to libuv's threads, several at a
 * time, so copying into fresh volume pages proceeds on both cores; smaller ones (headers) are done at once,
 * where a thread round trip would cost more than the read.
 */
const THREADED_READ_BYTES = 64 * 1024;

const readInto = (path: string, offset: number, into: Uint8Array): number | Promise<number> =>
  into.length >= THREADED_READ_BYTES ? readIntoLater(path, offset, into) : readIntoNow(path, offset, into);

/**
 * The disk as the core's series reader: headers and native frames are read where they lie in each file
 * (into the volume, no whole-file copies); other files whole, with readInputFile's checks.
 */
export const nodeSeriesFiles: SeriesFileReader = { readInto, readFile: readInputFile };
