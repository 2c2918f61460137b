/**
 * BitsAllocated 1 (PS3.5 §8.1.1, Annex D): pixels are packed least significant bit first, frames
 * follow each other without padding, so a frame may start mid-byte. Returns one 0/1 byte per pixel.
 */
export function unpackBits(bytes: Uint8Array, firstBit: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let i = 0;
  let bit = firstBit;
  // Leading bits up to a byte boundary, then whole bytes, then the tail.
  while (i < count && (bit & 7) !== 0) {
    out[i++] = ((bytes[bit >> 3] as number) >> (bit & 7)) & 1;
    bit++;
  }
  let byteIndex = bit >> 3;
  while (i + 8 <= count) {
    const b = bytes[byteIndex++] as number;
    out[i] = b & 1;
    out[i + 1] = (b >> 1) & 1;
    out[i + 2] = (b >> 2) & 1;
    out[i + 3] = (b >> 3) & 1;
    out[i + 4] = (b >> 4) & 1;
    out[i + 5] = (b >> 5) & 1;
    out[i + 6] = (b >> 6) & 1;
    out[i + 7] = (b >> 7) & 1;
    i += 8;
  }
  bit = byteIndex * 8;
  while (i < count) {
    out[i++] = ((bytes[bit >> 3] as number) >> (bit & 7)) & 1;
    bit++;
  }
  return out;
}
