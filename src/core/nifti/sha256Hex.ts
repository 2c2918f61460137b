/**
 * SHA-256 of some bytes as lowercase hex, via Web Crypto so it runs in Node, webviews and Web Workers.
 * Private to nifti/ until the shared src/core/imaging/sha256.ts exists; then switch to that one.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // digest() takes an ArrayBuffer-backed view; a SharedArrayBuffer-backed one is copied first.
  const input = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
