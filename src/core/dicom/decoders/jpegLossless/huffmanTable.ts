// The Huffman table of a lossless JPEG scan (T.81 Annex C, H.1.2.2: difference categories 0..16), in the one layout
// that both decoders of this folder read: the JS loop of decodeLosslessJpeg.ts and the WebAssembly kernel of
// wasmLossless.ts (which copies the arrays into its memory).

/** Bits a code is looked up by at once; longer codes (rare: lossless tables are short) take a slower search. */
export const LOOKAHEAD = 12;

/*
 * A lookup entry (i32), by the LOOKAHEAD bits at the read position:
 *  - the code and its magnitude bits both within them: (difference << 16) | bits taken (1..LOOKAHEAD), bit 5 clear.
 *    Category 16 (32768, T.81 H.1.2.2) is stored as -32768: differences count modulo 2^16.
 *  - only the code within them: (category << 8) | 0x20 | code length;
 *  - a prefix of a longer code, or of no code: 0x20.
 */
export const ENTRY_SLOW = 0x20;

export interface LosslessTable {
  /** Entry of each LOOKAHEAD-bit prefix (above). */
  lookup: Int32Array;
  /** Largest code of each length 1..16, -1 when none (T.81 F.2.2.3). */
  maxCode: Int32Array;
  /** Index into `values` of the first code of each length, minus that code. */
  valOffset: Int32Array;
  values: Uint8Array;
}

/** T.81 F.2.2.1 EXTEND: `v`, an `s`-bit magnitude category value (s ≥ 1), to a signed difference. */
export const extend = (v: number, s: number): number => (v < 1 << (s - 1) ? v - (1 << s) + 1 : v);

/** The table of a DHT's counts and symbols; null for a symbol above 16 or an over-subscribed table (not a lossless table). */
export function buildLosslessTable(counts: Uint8Array, values: Uint8Array): LosslessTable | null {
  const lookup = new Int32Array(1 << LOOKAHEAD).fill(ENTRY_SLOW);
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1] as number;
    valOffset[len] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      const s = values[k] as number;
      if (s > 16) return null; // not a lossless difference category
      if (len > LOOKAHEAD || code >= 1 << len) continue;
      const free = LOOKAHEAD - len;
      const base = code << free;
      if (s === 0 || s === 16) {
        // No magnitude bits.
        lookup.fill(((s === 16 ? -32768 : 0) << 16) | len, base, base + (1 << free));
      } else if (s <= free) {
        for (let j = 0; j < 1 << free; j++) lookup[base + j] = (extend(j >> (free - s), s) << 16) | (len + s);
      } else {
        lookup.fill((s << 8) | ENTRY_SLOW | len, base, base + (1 << free));
      }
    }
    if (n > 0) maxCode[len] = code - 1;
    if (code > 1 << len) return null; // over-subscribed: let the general decoder report it
    code <<= 1;
  }
  return { lookup, maxCode, valOffset, values };
}
