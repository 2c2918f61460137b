import type { PixelArray, PixelDType } from '../../imaging/pixelArray';

type Ctor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): PixelArray; new (length: number): PixelArray; BYTES_PER_ELEMENT: number };

const CTORS: Record<PixelDType, Ctor> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesPerElement(dtype: PixelDType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

export function allocPixels(dtype: PixelDType, length: number): PixelArray {
  return new CTORS[dtype](length);
}

/** Reverses the byte order of every `size`-byte element of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const t = bytes[i] as number;
      bytes[i] = bytes[i + 1] as number;
      bytes[i + 1] = t;
    }
  } else if (size === 4) {
    for (let i = 0; i + 3 < bytes.length; i += 4) {
      const a = bytes[i] as number, b = bytes[i + 1] as number;
      bytes[i] = bytes[i + 3] as number;
      bytes[i + 1] = bytes[i + 2] as number;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  } else if (size === 8) {
    for (let i = 0; i + 7 < bytes.length; i += 8) {
      for (let j = 0; j < 4; j++) {
        const t = bytes[i + j] as number;
        bytes[i + j] = bytes[i + 7 - j] as number;
        bytes[i + 7 - j] = t;
      }
    }
  }
}

/**
 * `count` elements of `dtype` from `bytes` (stored in the given byte order) as a typed array.
 * A view (no copy) when the data is aligned and already in host order; otherwise one copy.
 */
export function typedPixels(bytes: Uint8Array, dtype: PixelDType, count: number, littleEndian: boolean): PixelArray {
  const ctor = CTORS[dtype];
  const size = ctor.BYTES_PER_ELEMENT;
  const sameOrder = size === 1 || littleEndian === HOST_LITTLE_ENDIAN;
  if (sameOrder && bytes.byteOffset % size === 0) return new ctor(bytes.buffer, bytes.byteOffset, count);
  const copy = bytes.slice(0, count * size);
  if (!sameOrder) swapBytes(copy, size);
  return new ctor(copy.buffer, 0, count);
}
