/** What the first bytes say about a NIfTI header, before any field is trusted. */
export type NiftiSignature =
  | { kind: 'nifti'; version: 1 | 2; littleEndian: boolean; headerOnly: boolean }
  /** The magic is there but sizeof_hdr is wrong: a damaged NIfTI, not some other format. */
  | { kind: 'bad-sizeof-hdr'; version: 1 | 2; sizeofHdr: number }
  /** sizeof_hdr is right but the magic is not (e.g. ANALYZE 7.5, which shares the 348-byte layout). */
  | { kind: 'bad-magic'; version: 1 | 2; littleEndian: boolean; magic: string }
  | { kind: 'short'; version: 1 | 2; needed: number }
  | { kind: 'none' };

export const NIFTI1_HEADER_BYTES = 348;
export const NIFTI2_HEADER_BYTES = 540;

/** Reads sizeof_hdr in both byte orders and the magic string ('n+1'/'ni1' at 344, 'n+2'/'ni2' at 4). */
export function niftiSignature(bytes: Uint8Array): NiftiSignature {
  if (bytes.length < 4) return { kind: 'none' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = view.getInt32(0, true);
  const be = view.getInt32(0, false);
  for (const [version, size] of [
    [1, NIFTI1_HEADER_BYTES],
    [2, NIFTI2_HEADER_BYTES],
  ] as const) {
    if (le !== size && be !== size) continue;
    if (bytes.length < size) return { kind: 'short', version, needed: size };
    const magic = magicAt(bytes, version);
    const littleEndian = le === size;
    if (magic === `n+${version}`) return { kind: 'nifti', version, littleEndian, headerOnly: false };
    if (magic === `ni${version}`) return { kind: 'nifti', version, littleEndian, headerOnly: true };
    return { kind: 'bad-magic', version, littleEndian, magic: printableMagic(bytes, version) };
  }
  for (const version of [1, 2] as const) {
    const magic = magicAt(bytes, version);
    if (magic === `n+${version}` || magic === `ni${version}`) {
      // Report sizeof_hdr in whichever byte order gives the smaller, more plausible number.
      const sizeofHdr = Math.abs(le) <= Math.abs(be) ? le : be;
      return { kind: 'bad-sizeof-hdr', version, sizeofHdr };
    }
  }
  return { kind: 'none' };
}

function printableMagic(bytes: Uint8Array, version: 1 | 2): string {
  const at = version === 1 ? 344 : 4;
  return Array.from(bytes.subarray(at, at + 4), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

function magicAt(bytes: Uint8Array, version: 1 | 2): string | undefined {
  const at = version === 1 ? 344 : 4;
  if (bytes.length < at + 4 || bytes[at + 3] !== 0) return undefined;
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0);
}
