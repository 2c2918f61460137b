import { pixelStats } from '../imaging/pixelStats';
import { dtypeOf } from '../imaging/pixelArray';
import { littleEndianBytes, sha256Hex } from '../imaging/sha256';
import { decodeAllFrames } from './decodeFrame';
import { listTags } from './tags/listTags';
import { parseDicom, type DicomFile, type ParseOptions } from './parseDicom';
import type { DicomInspectDoc, PixelSummary } from './types';

/** Stats and hash of every frame's stored values, exactly as the hashing convention defines them. */
export async function pixelSummaryOf(file: DicomFile): Promise<PixelSummary> {
  const { pixels, format } = await decodeAllFrames(file);
  const stats = pixelStats(pixels);
  return {
    min: stats.min,
    max: stats.max,
    mean: stats.mean,
    sha256: await sha256Hex(littleEndianBytes(pixels)),
    dtype: dtypeOf(pixels),
    shape: [format.frames, format.rows, format.columns, format.samplesPerPixel],
  };
}

/** The `voxel-lab inspect --json` document of a DICOM file (CLI.md); `tags` adds the element list. */
export async function inspectDicom(bytes: Uint8Array, options: { tags?: boolean } & ParseOptions = {}): Promise<DicomInspectDoc> {
  const file = parseDicom(bytes, options);
  const i = file.info;
  const doc: DicomInspectDoc = {
    format: 'dicom',
    transferSyntaxUID: i.transferSyntaxUID,
    sopClassUID: i.sopClassUID,
    modality: i.modality,
    rows: i.rows,
    columns: i.columns,
    numberOfFrames: i.numberOfFrames,
    samplesPerPixel: i.samplesPerPixel,
    bitsAllocated: i.bitsAllocated,
    bitsStored: i.bitsStored,
    highBit: i.highBit,
    pixelRepresentation: i.pixelRepresentation,
    photometricInterpretation: i.photometricInterpretation,
    planarConfiguration: i.planarConfiguration,
    rescaleSlope: i.rescaleSlope,
    rescaleIntercept: i.rescaleIntercept,
    windowCenter: i.windowCenter,
    windowWidth: i.windowWidth,
    seriesInstanceUID: i.seriesInstanceUID,
    instanceNumber: i.instanceNumber,
    pixelSpacing: i.pixelSpacing,
    lossy: i.isLossy,
    pixels: await pixelSummaryOf(file),
  };
  if (options.tags) doc.tags = listTags(file);
  return doc;
}
