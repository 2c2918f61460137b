export { looksLikeDicom } from './sniff';
export { parseDicom, parseDicomHeader, releaseParsedHeader, holdsParsedElements, type DicomFile, type ParseOptions } from './parseDicom';
export { decodeFrame, decodeAllFrames } from './decodeFrame';
export { inspectDicom, pixelSummaryOf } from './inspectDicom';
export { listTags } from './tags/listTags';
export { lookupTag, type DictionaryEntry } from './tags/dictionary';
export { configureCodecs, type CodecOptions } from './decoders/codecOptions';
export { supportedTransferSyntaxes, transferSyntaxOf, isSupportedTransferSyntax, decoderFor, type TransferSyntax } from './decoders/registry';
export type {
  DicomImageInfo, DicomWindow, VoiLutFunction, PixelDataTag, DecodedFrame, DecodedColorSpace, EncodedFrame, Decoder,
  TagNode, PixelSummary, DicomInspectDoc,
} from './types';
export { displayPipelineOf, defaultVoi, type DisplayPipeline, type VoiSelection } from './displayPipeline';
export { createGreyRenderer, type GreyRenderer, type GreyRenderOptions } from './greyRenderer';
export { renderDicomFrame, type RenderOptions } from './renderDicomFrame';
export { assembleSeries } from './series/assembleSeries';
export { createSeriesBuilder, type SeriesBuilder } from './series/createSeriesBuilder';
export { seriesToVolume, type SeriesVolumeOptions, type SeriesFileReader } from './series/seriesToVolume';
export { seriesVolumeGeometry } from './series/seriesVolumeGeometry';
export type { DicomSeries, SeriesFrame, SeriesGeometry, SeriesWarning, SeriesWarningCode, Orientation } from './series/seriesTypes';
export { encodeDataSet, formatDecimalString, type WriteElement, type TextVr, type NumberVr } from './write/encodeDataSet';
export { writePart10, randomUid, EXPLICIT_VR_LITTLE_ENDIAN, type Part10Options } from './write/writePart10';
export { writeCtSlice, CT_IMAGE_STORAGE, type CtSliceSpec } from './write/writeCtSlice';
export { describeSeries, type SeriesDoc } from './series/describeSeries';
