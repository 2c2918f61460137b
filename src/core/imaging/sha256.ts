/** SHA-256 of `bytes` as lower-case hex, with WebCrypto (Node ≥ 20, browsers, Web Workers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  const out = new Uint8Array(digest);
  let hex = '';
  for (let i = 0; i < out.length; i++) hex += (out[i] as number).toString(16).padStart(2, '0');
  return hex;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The bytes of a typed array in little-endian order, as the hashing convention hashes them:
 * a view (no copy) on little-endian hosts, a byte-swapped copy elsewhere.
 */
export function littleEndianBytes(a: ArrayBufferView & { BYTES_PER_ELEMENT: number }): Uint8Array {
  const view = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const size = a.BYTES_PER_ELEMENT;
  if (HOST_LITTLE_ENDIAN || size === 1) return view;
  const copy = view.slice();
  for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
  return copy;
}
