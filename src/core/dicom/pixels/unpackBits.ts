/**
 * BitsAllocated 1 (PS3.5 §8.1.1, Annex D): pixels are packed least significant bit first, frames
 * follow each other without padding, so a frame may start mid-byte. Returns one 0/1 byte per pixel.
 */
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** For each byte value, its 8 bits LSB first as 8 bytes, packed in two little-endian words. */
const TABLE = new Uint32Array(512);
for (let b = 0; b < 256; b++) {
  let lo = 0, hi = 0;
  for (let k = 0; k < 4; k++) {
    lo |= ((b >> k) & 1) << (8 * k);
    hi |= ((b >> (k + 4)) & 1) << (8 * k);
  }
  TABLE[2 * b] = lo >>> 0;
  TABLE[2 * b + 1] = hi >>> 0;
}

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
  // Whole bytes: two 32-bit stores per byte from a 256-entry table (little-endian hosts; the
  // byte loop below covers any other).
  if (LE && (out.byteOffset + i) % 4 === 0) {
    const words = new Uint32Array(out.buffer, out.byteOffset + i, (count - i) >> 3 << 1);
    for (let w = 0; w < words.length; w += 2) {
      const b = (bytes[byteIndex++] as number) << 1;
      words[w] = TABLE[b] as number;
      words[w + 1] = TABLE[b + 1] as number;
    }
    i += words.length * 4;
  }
  while (i + 8 <= count) {
    const b = bytes[byteIndex++] as number;
    for (let k = 0; k < 8; k++) out[i + k] = (b >> k) & 1;
    i += 8;
  }
  bit = byteIndex * 8;
  while (i < count) {
    out[i++] = ((bytes[bit >> 3] as number) >> (bit & 7)) & 1;
    bit++;
  }
  return out;
}
