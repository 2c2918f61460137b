import { NiftiError } from '../errors';
import { gunzipPrefix, isGzip } from './gunzipPrefix';
import { parseNiftiHeader, type ParsedNiftiHeader } from './parseNiftiHeader';

export interface ReadNiftiOptions {
  /**
   * The file's name, when known. A name ending in `.gz` must hold gzip data ('nifti-bad-gzip' otherwise);
   * gzip data under any other name is still gunzipped, since the bytes say what they are.
   */
  fileName?: string;
}

/** A parsed header and its voxel bytes, little endian, in file (Fortran) order. */
export interface NiftiVoxelBytes extends ParsedNiftiHeader {
  /** Exactly `dataBytes` bytes, owned by the caller, aligned for the datatype's typed array. */
  data: Uint8Array;
}

// Enough for any header plus a typical extension block, so the header is parsed from one small inflate.
const HEAD_BYTES = 64 * 1024;

/**
 * The shared first half of readNifti and inspectNifti: gunzip if needed, parse and validate the header,
 * check the voxel bytes are all there, and return them converted to little endian.
 */
export function loadNiftiVoxels(bytes: Uint8Array, options: ReadNiftiOptions = {}): NiftiVoxelBytes {
  let file = bytes;
  let ownBuffer = false;
  if (checkedIsGzip(bytes, options)) {
    const head = gunzipPrefix(bytes, HEAD_BYTES).bytes;
    const parsed = parseNiftiHeader(head);
    rejectHeaderOnly(parsed);
    const needed = parsed.info.voxOffset + parsed.dataBytes;
    const whole = needed <= head.length ? { bytes: head, ended: false } : gunzipPrefix(bytes, needed);
    if (whole.bytes.length < needed) {
      throw truncated(parsed, whole.bytes.length, 'decompressed file');
    }
    file = whole.bytes;
    ownBuffer = true;
  }
  const parsed = parseNiftiHeader(file);
  rejectHeaderOnly(parsed);
  const { voxOffset } = parsed.info;
  if (voxOffset + parsed.dataBytes > file.length) throw truncated(parsed, file.length, 'file');

  const start = file.byteOffset + voxOffset;
  const unit = parsed.datatype.sampleBytes;
  // Our own inflated buffer can be viewed in place when aligned; the caller's bytes are copied so
  // the volume never aliases memory someone else may reuse.
  const data =
    ownBuffer && start % unit === 0
      ? new Uint8Array(file.buffer, start, parsed.dataBytes)
      : file.slice(voxOffset, voxOffset + parsed.dataBytes);
  if (parsed.info.endianness === 'big' && unit > 1) swapInPlace(data, unit);
  return { ...parsed, data };
}

/** The header and what follows it, up to 64 KiB: enough to parse any header without inflating the voxels. */
export function niftiHead(bytes: Uint8Array, options: ReadNiftiOptions = {}): Uint8Array {
  return checkedIsGzip(bytes, options) ? gunzipPrefix(bytes, HEAD_BYTES).bytes : bytes;
}

function checkedIsGzip(bytes: Uint8Array, options: ReadNiftiOptions): boolean {
  const gz = isGzip(bytes);
  if (!gz && options.fileName && /\.gz$/i.test(options.fileName)) {
    throw new NiftiError('nifti-bad-gzip', `${baseName(options.fileName)} is named .gz but its bytes are not gzip data (no 1f 8b signature).`);
  }
  return gz;
}

function rejectHeaderOnly(parsed: ParsedNiftiHeader): void {
  if (parsed.info.headerOnly) {
    const ext = parsed.info.version === 1 ? 'ni1' : 'ni2';
    throw new NiftiError('nifti-header-only', `The magic is "${ext}": this is the .hdr of a .hdr/.img pair, whose voxels are in the separate .img file.`);
  }
}

function truncated(parsed: ParsedNiftiHeader, have: number, what: string): NiftiError {
  const { voxOffset, dims, datatypeName } = parsed.info;
  const needed = voxOffset + parsed.dataBytes;
  return new NiftiError(
    'nifti-truncated',
    `The ${what} has ${have} bytes but ${dims.join('×')} ${datatypeName} voxels at vox_offset ${voxOffset} need ${needed}.`,
  );
}

function swapInPlace(a: Uint8Array, unit: number): void {
  for (let i = 0; i + unit <= a.length; i += unit) {
    for (let lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
      const t = a[lo] ?? 0;
      a[lo] = a[hi] ?? 0;
      a[hi] = t;
    }
  }
}

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}
