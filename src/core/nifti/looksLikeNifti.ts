import { gunzipPrefix, isGzip } from './gunzipPrefix';
import { NIFTI2_HEADER_BYTES, niftiSignature } from './niftiSignature';

/**
 * A cheap sniff for "open with the NIfTI reader": sizeof_hdr 348/540 in either byte order with the
 * magic 'n+1'/'ni1'/'n+2', or a gzip stream whose first bytes are such a header. Only the first few
 * hundred bytes are inflated; the header is not validated further (readNifti does that).
 */
export function looksLikeNifti(bytes: Uint8Array): boolean {
  let head = bytes;
  if (isGzip(bytes)) {
    try {
      head = gunzipPrefix(bytes, NIFTI2_HEADER_BYTES).bytes;
    } catch {
      return false;
    }
  }
  return niftiSignature(head).kind === 'nifti';
}
