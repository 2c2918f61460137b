import { inflateRawSync } from 'node:zlib';

/**
 * Node's native raw inflate for deflated DICOM (the core defaults to fflate, in JavaScript, so that webviews
 * can bundle it): about twice as fast on large data sets. Spread into the core's options.
 */
export const nodeInflate = {
  inflate: (deflated: Uint8Array): Uint8Array => {
    const out = inflateRawSync(deflated);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};
