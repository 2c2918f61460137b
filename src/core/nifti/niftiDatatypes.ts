import type { PixelDType } from '../imaging/pixelArray';

/** One NIfTI datatype we can read: how many bytes a voxel takes on disk and how it lands in memory. */
export interface NiftiDatatype {
  code: number;
  /** nibabel's label for the code (what reference.json calls `datatypeName`). */
  name: string;
  /** Typed-array element type of one sample. */
  dtype: PixelDType;
  /** Bytes per sample; the byte-swap unit for big-endian files. */
  sampleBytes: number;
  /** Samples per voxel: 3 for RGB24 (stored R, G, B per voxel). */
  samples: 1 | 3;
}

const supported: readonly NiftiDatatype[] = [
  { code: 2, name: 'uint8', dtype: 'uint8', sampleBytes: 1, samples: 1 },
  { code: 4, name: 'int16', dtype: 'int16', sampleBytes: 2, samples: 1 },
  { code: 8, name: 'int32', dtype: 'int32', sampleBytes: 4, samples: 1 },
  { code: 16, name: 'float32', dtype: 'float32', sampleBytes: 4, samples: 1 },
  { code: 64, name: 'float64', dtype: 'float64', sampleBytes: 8, samples: 1 },
  { code: 128, name: 'RGB', dtype: 'uint8', sampleBytes: 1, samples: 3 },
  { code: 256, name: 'int8', dtype: 'int8', sampleBytes: 1, samples: 1 },
  { code: 512, name: 'uint16', dtype: 'uint16', sampleBytes: 2, samples: 1 },
  { code: 768, name: 'uint32', dtype: 'uint32', sampleBytes: 4, samples: 1 },
];

// Valid NIfTI codes we decline, so the message can say "known but unsupported" rather than "garbage".
const knownUnsupported: Readonly<Record<number, string>> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

const byCode = new Map(supported.map((d) => [d.code, d]));

export function niftiDatatype(code: number): NiftiDatatype | undefined {
  return byCode.get(code);
}

/** A name for any code, supported or not, for error messages. */
export function niftiDatatypeLabel(code: number): string | undefined {
  return byCode.get(code)?.name ?? knownUnsupported[code];
}

export const supportedNiftiDatatypeNames: readonly string[] = supported.map((d) => d.name);
