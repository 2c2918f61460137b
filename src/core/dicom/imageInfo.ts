import type { DataSet } from 'dicom-parser';
import type { TransferSyntax } from './decoders/registry';
import {
  readDecimal, readDecimals, readString, readStrings, readText, readUint16, readVector, textDecoderFor,
} from './dataSetValues';
import type { DicomImageInfo, DicomWindow, PixelDataTag, VoiLutFunction } from './types';

export interface InfoContext {
  transferSyntaxUID: string | null;
  syntax: TransferSyntax;
  hasPreamble: boolean;
  hasFileMeta: boolean;
}

const PIXEL_TAGS: readonly [string, PixelDataTag][] = [
  ['x7fe00010', '(7FE0,0010)'],
  ['x7fe00008', '(7FE0,0008)'],
  ['x7fe00009', '(7FE0,0009)'],
];

/** The pixel element present (dicom-parser key and display tag), Pixel Data first. */
export function pixelElementOf(ds: DataSet): { key: string; tag: PixelDataTag } | null {
  for (const [key, tag] of PIXEL_TAGS) if (ds.elements[key]) return { key, tag };
  return null;
}

function windowsOf(ds: DataSet): DicomWindow[] {
  const centers = readDecimals(ds, 'x00281050');
  const widths = readDecimals(ds, 'x00281051');
  const explanations = readStrings(ds, 'x00281055', textDecoderFor(ds));
  const n = Math.min(centers.length, widths.length);
  const out: DicomWindow[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ center: centers[i] as number, width: widths[i] as number, explanation: explanations[i] || null });
  }
  return out;
}

function voiFunctionOf(ds: DataSet): VoiLutFunction {
  const f = readString(ds, 'x00281056')?.toUpperCase();
  return f === 'LINEAR_EXACT' || f === 'SIGMOID' ? f : 'LINEAR';
}

function pair(v: number[] | null): [number, number] | null {
  return v ? [v[0] as number, v[1] as number] : null;
}

/** Reads what a viewer and `inspect` need from a parsed data set (no pixel access). */
export function readImageInfo(ds: DataSet, ctx: InfoContext): DicomImageInfo {
  const text = textDecoderFor(ds);
  const framesText = readDecimal(ds, 'x00280008');
  const pixel = pixelElementOf(ds);
  const pos = readVector(ds, 'x00200032', 3);
  const ori = readVector(ds, 'x00200037', 6);
  const ftv = readDecimals(ds, 'x00181065');
  const windows = windowsOf(ds);
  const lossyAttr = readString(ds, 'x00282110');
  return {
    transferSyntaxUID: ctx.transferSyntaxUID,
    effectiveTransferSyntaxUID: ctx.syntax.uid,
    hasPreamble: ctx.hasPreamble,
    hasFileMeta: ctx.hasFileMeta,
    sopClassUID: readString(ds, 'x00080016'),
    sopInstanceUID: readString(ds, 'x00080018'),
    studyInstanceUID: readString(ds, 'x0020000d'),
    seriesInstanceUID: readString(ds, 'x0020000e'),
    modality: readString(ds, 'x00080060'),
    instanceNumber: readDecimal(ds, 'x00200013'),
    patientName: readText(ds, 'x00100010', text),
    patientId: readText(ds, 'x00100020', text),
    studyDescription: readText(ds, 'x00081030', text),
    seriesDescription: readText(ds, 'x0008103e', text),
    rows: readUint16(ds, 'x00280010'),
    columns: readUint16(ds, 'x00280011'),
    numberOfFrames: framesText !== null && framesText >= 1 ? Math.floor(framesText) : 1,
    numberOfFramesPresent: framesText !== null,
    samplesPerPixel: readUint16(ds, 'x00280002'),
    bitsAllocated: readUint16(ds, 'x00280100'),
    bitsStored: readUint16(ds, 'x00280101'),
    highBit: readUint16(ds, 'x00280102'),
    pixelRepresentation: readUint16(ds, 'x00280103'),
    photometricInterpretation: readString(ds, 'x00280004'),
    planarConfiguration: readUint16(ds, 'x00280006'),
    rescaleSlope: readDecimal(ds, 'x00281053'),
    rescaleIntercept: readDecimal(ds, 'x00281052'),
    rescaleType: readString(ds, 'x00281054'),
    windowCenter: readDecimal(ds, 'x00281050'),
    windowWidth: readDecimal(ds, 'x00281051'),
    windows,
    voiLutFunction: voiFunctionOf(ds),
    hasModalityLutSequence: (ds.elements['x00283000']?.items?.length ?? 0) > 0,
    hasVoiLutSequence: (ds.elements['x00283010']?.items?.length ?? 0) > 0,
    pixelSpacing: pair(readVector(ds, 'x00280030', 2)),
    imagerPixelSpacing: pair(readVector(ds, 'x00181164', 2)),
    imagePositionPatient: pos ? [pos[0] as number, pos[1] as number, pos[2] as number] : null,
    imageOrientationPatient: ori
      ? [ori[0] as number, ori[1] as number, ori[2] as number, ori[3] as number, ori[4] as number, ori[5] as number]
      : null,
    sliceThickness: readDecimal(ds, 'x00180050'),
    frameTimeMs: readDecimal(ds, 'x00181063'),
    frameTimeVector: ftv.length > 0 ? ftv : null,
    pixelDataTag: pixel?.tag ?? null,
    encapsulated: ctx.syntax.encapsulated && pixel?.key === 'x7fe00010',
    isLossy: ctx.syntax.lossy,
    lossyImageCompression: lossyAttr === '01',
  };
}
