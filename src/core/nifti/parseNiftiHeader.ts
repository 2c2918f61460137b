import { NiftiError } from '../errors';
import type { Vec3 } from '../imaging/volume';
import { bestAffine, type NiftiOrientationFields } from './niftiAffine';
import { niftiDatatype, niftiDatatypeLabel, supportedNiftiDatatypeNames, type NiftiDatatype } from './niftiDatatypes';
import type { NiftiHeaderInfo, NiftiUnits } from './niftiHeaderTypes';
import { niftiSignature } from './niftiSignature';

/** The most voxel bytes we will hold in one typed array (browsers cap ArrayBuffers near 2–4 GiB). */
export const MAX_NIFTI_VOXEL_BYTES = 2 ** 31;

export interface ParsedNiftiHeader {
  info: NiftiHeaderInfo;
  datatype: NiftiDatatype;
  /** Bytes of voxel data after voxOffset: prod(dims) × bytes per voxel. */
  dataBytes: number;
  orientation: NiftiOrientationFields;
}

/**
 * Parses and validates a NIfTI-1 or NIfTI-2 header from the start of a decompressed file. Throws
 * NiftiError for anything that would make the voxels unreadable; the voxel bytes themselves are not
 * checked here (the caller knows whether it has the whole file).
 */
export function parseNiftiHeader(bytes: Uint8Array): ParsedNiftiHeader {
  const sig = niftiSignature(bytes);
  switch (sig.kind) {
    case 'none':
      throw new NiftiError('nifti-not-nifti', 'Neither sizeof_hdr (348 or 540) nor a NIfTI magic string (n+1, ni1, n+2) is present; this is not a NIfTI file.');
    case 'bad-sizeof-hdr':
      throw new NiftiError(
        'nifti-invalid-header',
        `sizeof_hdr is ${sig.sizeofHdr}; a NIfTI-1 header has 348 and NIfTI-2 has 540.`,
      );
    case 'bad-magic':
      throw new NiftiError(
        'nifti-not-nifti',
        `sizeof_hdr is ${sig.version === 1 ? 348 : 540} but the magic is "${sig.magic}", not "n+${sig.version}" or "ni${sig.version}" (an ANALYZE 7.5 header looks like this; it is not NIfTI).`,
      );
    case 'short':
      throw new NiftiError('nifti-truncated', `The file has ${bytes.length} bytes but a NIfTI-${sig.version} header needs ${sig.needed}.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields = sig.version === 1 ? readNifti1(view, sig.littleEndian) : readNifti2(view, sig.littleEndian);
  const sizeofHdr = sig.version === 1 ? 348 : 540;

  const ndim = fields.dim[0] ?? 0;
  if (!(ndim >= 1 && ndim <= 7)) {
    throw new NiftiError('nifti-invalid-header', `dim[0] is ${ndim}; it must give the number of dimensions, 1 to 7.`);
  }
  const dims = fields.dim.slice(1, ndim + 1);
  dims.forEach((n, i) => {
    if (!(Number.isSafeInteger(n) && n >= 1)) {
      throw new NiftiError('nifti-invalid-header', `dim[${i + 1}] is ${n}; every dimension up to dim[0] = ${ndim} must be at least 1.`);
    }
  });

  const datatype = niftiDatatype(fields.datatype);
  if (!datatype) {
    const label = niftiDatatypeLabel(fields.datatype);
    throw new NiftiError(
      'nifti-unsupported-datatype',
      label
        ? `Datatype ${fields.datatype} (${label}) is not supported; supported: ${supportedNiftiDatatypeNames.join(', ')}.`
        : `Datatype ${fields.datatype} is not a NIfTI datatype code; supported: ${supportedNiftiDatatypeNames.join(', ')}.`,
    );
  }

  const voxelCount = dims.reduce((a, b) => a * b, 1);
  const dataBytes = voxelCount * datatype.sampleBytes * datatype.samples;
  if (!(dataBytes <= MAX_NIFTI_VOXEL_BYTES)) {
    throw new NiftiError(
      'nifti-too-large',
      `The header declares ${dims.join('×')} voxels (${formatBytes(dataBytes)}); Voxel Lab reads at most ${formatBytes(MAX_NIFTI_VOXEL_BYTES)} of voxel data.`,
    );
  }

  const voxOffset = fields.voxOffset;
  // 'ni1'/'ni2' headers may say 0: their voxels start the separate .img file.
  if (!sig.headerOnly && !(Number.isSafeInteger(voxOffset) && voxOffset >= sizeofHdr)) {
    throw new NiftiError('nifti-invalid-header', `vox_offset is ${voxOffset}; in a single-file NIfTI-${sig.version} it must be a whole number of at least ${sizeofHdr}.`);
  }

  const qfac: 1 | -1 = (fields.pixdim[0] ?? 1) < 0 ? -1 : 1;
  const orientation: NiftiOrientationFields = {
    qformCode: fields.qformCode,
    sformCode: fields.sformCode,
    quatern: fields.quatern,
    qoffset: fields.qoffset,
    srow: fields.srow,
    dims,
    pixdim: fields.pixdim,
    qfac,
  };
  const { affine, source } = bestAffine(orientation);
  const info: NiftiHeaderInfo = {
    version: sig.version,
    sizeofHdr,
    voxOffset,
    endianness: sig.littleEndian ? 'little' : 'big',
    dims,
    pixdim: fields.pixdim.slice(1, ndim + 1),
    qfac,
    datatype: fields.datatype,
    datatypeName: datatype.name,
    bitpix: fields.bitpix,
    sclSlope: finiteOrNull(fields.sclSlope),
    sclInter: finiteOrNull(fields.sclInter),
    qformCode: fields.qformCode,
    sformCode: fields.sformCode,
    affine,
    affineSource: source,
    calMin: finiteOr0(fields.calMin),
    calMax: finiteOr0(fields.calMax),
    description: fields.description,
    units: decodeUnits(fields.xyztUnits),
    intentCode: fields.intentCode,
    headerOnly: sig.headerOnly,
  };
  return { info, datatype, dataBytes, orientation };
}

interface RawFields {
  dim: number[];
  pixdim: number[];
  datatype: number;
  bitpix: number;
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  calMin: number;
  calMax: number;
  xyztUnits: number;
  intentCode: number;
  description: string;
  qformCode: number;
  sformCode: number;
  quatern: Vec3;
  qoffset: Vec3;
  srow: [number[], number[], number[]];
}

// Offsets from nifti1.h (348-byte header).
function readNifti1(v: DataView, le: boolean): RawFields {
  const i16 = (o: number) => v.getInt16(o, le);
  const f32 = (o: number) => v.getFloat32(o, le);
  const f32s = (o: number, n: number) => Array.from({ length: n }, (_, i) => f32(o + 4 * i));
  return {
    dim: Array.from({ length: 8 }, (_, i) => i16(40 + 2 * i)),
    intentCode: i16(68),
    datatype: i16(70),
    bitpix: i16(72),
    pixdim: f32s(76, 8),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    xyztUnits: v.getUint8(123),
    calMax: f32(124),
    calMin: f32(128),
    description: latin1(v, 148, 80),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: f32s(256, 3) as Vec3,
    qoffset: f32s(268, 3) as Vec3,
    srow: [f32s(280, 4), f32s(296, 4), f32s(312, 4)],
  };
}

// Offsets from nifti2.h (540-byte header): same fields, 64-bit, reordered.
function readNifti2(v: DataView, le: boolean): RawFields {
  const i32 = (o: number) => v.getInt32(o, le);
  const i64 = (o: number) => Number(v.getBigInt64(o, le));
  const f64 = (o: number) => v.getFloat64(o, le);
  const f64s = (o: number, n: number) => Array.from({ length: n }, (_, i) => f64(o + 8 * i));
  return {
    datatype: v.getInt16(12, le),
    bitpix: v.getInt16(14, le),
    dim: Array.from({ length: 8 }, (_, i) => i64(16 + 8 * i)),
    pixdim: f64s(104, 8),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    calMax: f64(192),
    calMin: f64(200),
    description: latin1(v, 240, 80),
    qformCode: i32(344),
    sformCode: i32(348),
    quatern: f64s(352, 3) as Vec3,
    qoffset: f64s(376, 3) as Vec3,
    srow: [f64s(400, 4), f64s(432, 4), f64s(464, 4)],
    xyztUnits: i32(500),
    intentCode: i32(504),
  };
}

function latin1(v: DataView, offset: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const c = v.getUint8(offset + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

const spatialUnits: Readonly<Record<number, NiftiUnits['spatial']>> = { 1: 'm', 2: 'mm', 3: 'um' };
const temporalUnits: Readonly<Record<number, NiftiUnits['temporal']>> = { 8: 's', 16: 'ms', 24: 'us', 32: 'Hz', 40: 'ppm', 48: 'rad/s' };

function decodeUnits(xyzt: number): NiftiUnits {
  return { spatial: spatialUnits[xyzt & 0x07] ?? 'unknown', temporal: temporalUnits[xyzt & 0x38] ?? 'unknown' };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'an unbounded number of bytes';
  const gib = n / 2 ** 30;
  return gib >= 1 ? `${gib.toFixed(gib >= 10 ? 0 : 1)} GiB` : `${(n / 2 ** 20).toFixed(1)} MiB`;
}
