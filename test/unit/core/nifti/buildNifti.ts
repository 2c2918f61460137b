// Writes small NIfTI-1/2 files for tests, from fields given by hand (independent of the reader's code).
export interface NiftiSpec {
  version?: 1 | 2;
  littleEndian?: boolean;
  dims: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[0..]; default qfac 1 and 1 mm voxels. */
  pixdim?: number[];
  voxOffset?: number;
  sclSlope?: number;
  sclInter?: number;
  calMin?: number;
  calMax?: number;
  xyztUnits?: number;
  qformCode?: number;
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  srow?: [number[], number[], number[]];
  magic?: string;
  description?: string;
  /** Voxel bytes, little endian; byte-swapped here per `sampleBytes` for big-endian files. */
  data: Uint8Array;
  sampleBytes?: number;
}

export function buildNifti(spec: NiftiSpec): Uint8Array {
  const v2 = spec.version === 2;
  const le = spec.littleEndian ?? true;
  const hdrSize = v2 ? 540 : 348;
  const voxOffset = spec.voxOffset ?? (v2 ? 544 : 352);
  // A vox_offset inside the header (a broken file) still gets its data after the header.
  const dataAt = Math.max(voxOffset, v2 ? 544 : 352);
  const out = new Uint8Array(dataAt + spec.data.length);
  const d = new DataView(out.buffer);
  const pixdim = [...(spec.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1])];
  while (pixdim.length < 8) pixdim.push(1);
  const dim = [spec.dims.length, ...spec.dims];
  while (dim.length < 8) dim.push(1);
  const srow = spec.srow ?? [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  const magic = spec.magic ?? (v2 ? 'n+2\0\r\n\x1a\n' : 'n+1\0');
  const text = (at: number, s: string) => [...s].forEach((c, i) => d.setUint8(at + i, c.charCodeAt(0)));
  d.setInt32(0, hdrSize, le);
  if (v2) {
    text(4, magic);
    d.setInt16(12, spec.datatype, le);
    d.setInt16(14, spec.bitpix, le);
    dim.forEach((n, i) => d.setBigInt64(16 + 8 * i, BigInt(n), le));
    pixdim.forEach((p, i) => d.setFloat64(104 + 8 * i, p, le));
    d.setBigInt64(168, BigInt(voxOffset), le);
    d.setFloat64(176, spec.sclSlope ?? 1, le);
    d.setFloat64(184, spec.sclInter ?? 0, le);
    d.setFloat64(192, spec.calMax ?? 0, le);
    d.setFloat64(200, spec.calMin ?? 0, le);
    text(240, spec.description ?? '');
    d.setInt32(344, spec.qformCode ?? 0, le);
    d.setInt32(348, spec.sformCode ?? 0, le);
    (spec.quatern ?? [0, 0, 0]).forEach((q, i) => d.setFloat64(352 + 8 * i, q, le));
    (spec.qoffset ?? [0, 0, 0]).forEach((q, i) => d.setFloat64(376 + 8 * i, q, le));
    srow.forEach((row, r) => row.forEach((x, c) => d.setFloat64(400 + 32 * r + 8 * c, x, le)));
    d.setInt32(500, spec.xyztUnits ?? 0, le);
  } else {
    dim.forEach((n, i) => d.setInt16(40 + 2 * i, n, le));
    d.setInt16(70, spec.datatype, le);
    d.setInt16(72, spec.bitpix, le);
    pixdim.forEach((p, i) => d.setFloat32(76 + 4 * i, p, le));
    d.setFloat32(108, voxOffset, le);
    d.setFloat32(112, spec.sclSlope ?? 1, le);
    d.setFloat32(116, spec.sclInter ?? 0, le);
    d.setUint8(123, spec.xyztUnits ?? 0);
    d.setFloat32(124, spec.calMax ?? 0, le);
    d.setFloat32(128, spec.calMin ?? 0, le);
    text(148, spec.description ?? '');
    d.setInt16(252, spec.qformCode ?? 0, le);
    d.setInt16(254, spec.sformCode ?? 0, le);
    (spec.quatern ?? [0, 0, 0]).forEach((q, i) => d.setFloat32(256 + 4 * i, q, le));
    (spec.qoffset ?? [0, 0, 0]).forEach((q, i) => d.setFloat32(268 + 4 * i, q, le));
    srow.forEach((row, r) => row.forEach((x, c) => d.setFloat32(280 + 16 * r + 4 * c, x, le)));
    text(344, magic);
  }
  const data = out.subarray(dataAt);
  data.set(spec.data);
  const unit = spec.sampleBytes ?? Math.max(1, spec.bitpix / 8);
  if (!le && unit > 1) {
    for (let i = 0; i < data.length; i += unit) data.subarray(i, i + unit).reverse();
  }
  return out;
}

/** Little-endian bytes of a typed array (the platforms we test on are little endian). */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}
