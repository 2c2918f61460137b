import { Gunzip } from 'fflate';
import { NiftiError } from '../errors';

/** The first bytes of a gzip stream, and whether the stream ended before `limit` was reached. */
export interface GunzipPrefix {
  /** Decompressed bytes, at most `limit` of them; a fresh buffer the caller owns. */
  bytes: Uint8Array;
  /** True when the stream held fewer than `limit` bytes (or was cut off). */
  ended: boolean;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

// Small input steps bound the output of a single push: deflate expands at most ~1032:1, so 64 KiB in
// gives at most ~66 MB out, and a gzip bomb or a header lying about its size costs no more than that.
const INPUT_STEP = 64 * 1024;
const MAX_DEFLATE_RATIO = 1032;

/**
 * Decompresses a gzip stream (one or more members) up to `limit` bytes and stops there, so a caller
 * who knows how much it needs never inflates more. A stream that is not gzip or is corrupt throws
 * NiftiError 'nifti-bad-gzip'; one cut short returns what it had with `ended: true`.
 */
export function gunzipPrefix(gz: Uint8Array, limit: number): GunzipPrefix {
  if (!isGzip(gz)) {
    throw new NiftiError('nifti-bad-gzip', 'The bytes do not start with the gzip signature 1f 8b.');
  }
  // Deflate's ratio bound caps what a header may make us hold for a small file; within it the buffer
  // starts at a typical ratio and doubles, so a header that lies about its size costs little memory.
  const capacity = Math.min(limit, gz.length * MAX_DEFLATE_RATIO + 1024);
  let out = allocate(Math.min(capacity, Math.max(gz.length * 4, 1 << 16)));
  let filled = 0;
  const stream = new Gunzip((chunk) => {
    const take = Math.min(capacity - filled, chunk.length);
    if (take <= 0) return;
    if (filled + take > out.length) {
      const grown = allocate(Math.min(capacity, Math.max(filled + take, out.length * 2)));
      grown.set(out.subarray(0, filled));
      out = grown;
    }
    out.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
    filled += take;
  });
  let offset = 0;
  try {
    while (filled < capacity && offset < gz.length) {
      const end = Math.min(offset + INPUT_STEP, gz.length);
      stream.push(gz.subarray(offset, end), end === gz.length);
      offset = end;
    }
  } catch (e) {
    if (e instanceof NiftiError) throw e;
    // Bytes after the member we needed (padding, a broken trailer) do not matter once we have them all.
    if (filled >= limit) return { bytes: out.subarray(0, filled), ended: false };
    // Code 6 after output means the bytes following a complete member are not another member:
    // trailing padding, which gzip(1) also ignores. Code 0 is "unexpected EOF": the file was cut short.
    const code = flateCode(e);
    if (code === 6 && filled > 0) return { bytes: out.subarray(0, filled), ended: true };
    if (code !== 0) {
      throw new NiftiError('nifti-bad-gzip', `The gzip stream is corrupt after ${filled} decompressed bytes (${describe(e)}).`, { cause: e });
    }
    return { bytes: out.subarray(0, filled), ended: true };
  }
  return { bytes: filled === out.length ? out : out.subarray(0, filled), ended: filled < limit };
}

function allocate(size: number): Uint8Array {
  try {
    return new Uint8Array(size);
  } catch (e) {
    // A RangeError from the engine: the volume does not fit this process's memory.
    throw new NiftiError('nifti-too-large', `Could not allocate ${size} bytes for the decompressed file.`, { cause: e });
  }
}

function flateCode(e: unknown): number | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'number') return e.code;
  return undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
