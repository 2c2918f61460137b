/** Typed arrays that hold stored sample values, as decoded from DICOM or NIfTI. */
export type PixelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

export type PixelDType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export function dtypeOf(a: PixelArray): PixelDType {
  if (a instanceof Uint8Array) return 'uint8';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Float32Array) return 'float32';
  return 'float64';
}

type PixelArrayCtor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): PixelArray;
  new (length: number): PixelArray;
  BYTES_PER_ELEMENT: number;
};

const CTORS: Record<PixelDType, PixelArrayCtor> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

export function bytesPerElement(dtype: PixelDType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** A new zeroed array of `length` samples. */
export function allocPixels(dtype: PixelDType, length: number): PixelArray {
  return new CTORS[dtype](length);
}

/** `length` samples of `dtype` over `buffer` from `byteOffset` (a view, no copy; the offset must be aligned). */
export function pixelsOn(dtype: PixelDType, buffer: ArrayBufferLike, byteOffset: number, length: number): PixelArray {
  return new CTORS[dtype](buffer, byteOffset, length);
}
