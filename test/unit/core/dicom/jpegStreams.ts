// Pieces the JPEG tests share to write their own streams and to judge a decoder on damaged ones.
import assert from 'node:assert/strict';
import type { Decoder, EncodedFrame } from '../../../../src/core/dicom/types';
import { DicomError } from '../../../../src/core/errors';

/** An entropy-coded segment being written: bits MSB first, 0xFF bytes stuffed with 0x00 (T.81 F.1.2.3). */
export class Bits {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, length: number): void {
    for (let b = length - 1; b >= 0; b--) {
      this.acc = (this.acc << 1) | ((value >> b) & 1);
      if (++this.n === 8) {
        this.bytes.push(this.acc);
        if (this.acc === 0xff) this.bytes.push(0);
        this.acc = 0;
        this.n = 0;
      }
    }
  }
  /** Pads to a byte with 1 bits (T.81 F.1.2.3). */
  align(): void {
    while (this.n !== 0) this.put(1, 1);
  }
}

/** Resolves to 'ok' with the header's geometry, or to the DicomError; anything else fails the test. */
export async function decodeOutcome(decode: Decoder, frame: EncodedFrame): Promise<'ok' | DicomError> {
  try {
    const d = await decode(frame);
    assert.equal(d.pixels.length, frame.rows * frame.columns * frame.samplesPerPixel);
    return 'ok';
  } catch (e) {
    if (e instanceof DicomError) return e;
    throw new Error(`not a DicomError: ${String(e)}`, { cause: e });
  }
}
