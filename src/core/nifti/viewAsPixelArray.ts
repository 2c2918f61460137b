import type { PixelArray, PixelDType } from '../imaging/pixelArray';

/**
 * A typed-array view of little-endian bytes, no copy. The bytes must start at a multiple of the element
 * size (loadNiftiVoxels guarantees it); every platform we run on is little endian, so the view reads
 * the values as written.
 */
export function viewAsPixelArray(bytes: Uint8Array, dtype: PixelDType): PixelArray {
  const { buffer, byteOffset, byteLength } = bytes;
  switch (dtype) {
    case 'uint8':
      return bytes;
    case 'int8':
      return new Int8Array(buffer, byteOffset, byteLength);
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, byteLength / 2);
    case 'int16':
      return new Int16Array(buffer, byteOffset, byteLength / 2);
    case 'uint32':
      return new Uint32Array(buffer, byteOffset, byteLength / 4);
    case 'int32':
      return new Int32Array(buffer, byteOffset, byteLength / 4);
    case 'float32':
      return new Float32Array(buffer, byteOffset, byteLength / 4);
    case 'float64':
      return new Float64Array(buffer, byteOffset, byteLength / 8);
  }
}
