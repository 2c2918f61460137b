import type { PixelArray, PixelDType } from '../imaging/pixelArray';

/** One window from Window Center/Width (0028,1050/1051), PS3.3 C.11.2.1.2. */
export interface DicomWindow {
  center: number;
  width: number;
  /** Window Center & Width Explanation (0028,1055) for this window, when present. */
  explanation: string | null;
}

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3; LINEAR when absent. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** Which element holds the pixels: Pixel Data, Float Pixel Data or Double Float Pixel Data. */
export type PixelDataTag = '(7FE0,0010)' | '(7FE0,0008)' | '(7FE0,0009)';

/**
 * What a header parse tells about an image. Numbers are the first value of multi-valued attributes;
 * `null` means the element is absent (or empty). Lengths in mm, times in ms.
 */
export interface DicomImageInfo {
  /** (0002,0010) as written in the file meta; null when the file has no meta. */
  transferSyntaxUID: string | null;
  /** The syntax actually used to read the data set (sniffed when there is no file meta). */
  effectiveTransferSyntaxUID: string;
  hasPreamble: boolean;
  hasFileMeta: boolean;
  sopClassUID: string | null;
  sopInstanceUID: string | null;
  studyInstanceUID: string | null;
  seriesInstanceUID: string | null;
  modality: string | null;
  instanceNumber: number | null;
  patientName: string | null;
  patientId: string | null;
  studyDescription: string | null;
  seriesDescription: string | null;

  rows: number | null;
  columns: number | null;
  /** 1 when Number of Frames (0028,0008) is absent; `numberOfFramesPresent` tells. */
  numberOfFrames: number;
  numberOfFramesPresent: boolean;
  samplesPerPixel: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  highBit: number | null;
  pixelRepresentation: number | null;
  photometricInterpretation: string | null;
  planarConfiguration: number | null;

  rescaleSlope: number | null;
  rescaleIntercept: number | null;
  rescaleType: string | null;
  windowCenter: number | null;
  windowWidth: number | null;
  /** Every window of the file, in order; the first is the default (PS3.3 C.11.2.1.2). */
  windows: DicomWindow[];
  voiLutFunction: VoiLutFunction;
  hasModalityLutSequence: boolean;
  hasVoiLutSequence: boolean;

  /** Pixel Spacing (0028,0030) as [row spacing, column spacing] in mm. */
  pixelSpacing: [number, number] | null;
  /** Imager Pixel Spacing (0018,1164) as [row, column] in mm (projection radiography). */
  imagerPixelSpacing: [number, number] | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  sliceThickness: number | null;
  /** Frame Time (0018,1063) in ms. */
  frameTimeMs: number | null;
  /** Frame Time Vector (0018,1065) in ms, one per frame (the first is 0). */
  frameTimeVector: number[] | null;

  pixelDataTag: PixelDataTag | null;
  /** True when the pixels sit in fragments (PS3.5 A.4), i.e. a compressed syntax. */
  encapsulated: boolean;
  /** The transfer syntax is lossy, so another decoder may differ by a few units. */
  isLossy: boolean;
  /** Lossy Image Compression (0028,2110) is "01": the pixels went through a lossy step at some point. */
  lossyImageCompression: boolean;
}

/** The colour space of DecodedFrame samples; no colour conversion is ever applied by decoding. */
export type DecodedColorSpace = 'MONOCHROME' | 'RGB' | 'YBR_FULL' | 'PALETTE';

/**
 * Stored sample values of one frame, laid out as the hashing convention of
 * shared/data/imaging/README.md says: rows × columns × samples, samples interleaved, little-endian
 * in memory, before any rescale/LUT. `pixels` may be a view into the file's bytes (native, aligned
 * data): treat it as read-only, copy before mutating or transferring it.
 */
export interface DecodedFrame {
  pixels: PixelArray;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  colorSpace: DecodedColorSpace;
}

/** One encoded frame as handed to a codec, with what the header says about it. */
export interface EncodedFrame {
  bytes: Uint8Array;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  planarConfiguration: number;
  photometricInterpretation: string;
  transferSyntaxUID: string;
}

/** A codec: turns one encoded frame into stored values (interleaved samples). */
export type Decoder = (frame: EncodedFrame) => Promise<DecodedFrame>;

/** One row of the tag browser / `inspect --tags`. */
export interface TagNode {
  /** '(GGGG,EEEE)', upper-case hex. */
  tag: string;
  vr: string;
  keyword: string;
  name: string;
  /** Display text; binary values are shown as their length. */
  value: string;
  private: boolean;
  /** Sequence items, each a list of elements. */
  items?: TagNode[][];
}

/** `pixels` of the inspect document: over all frames, as the hashing convention defines. */
export interface PixelSummary {
  min: number;
  max: number;
  mean: number;
  sha256: string;
  dtype: PixelDType;
  /** [frames, rows, columns, samples]. */
  shape: [number, number, number, number];
}

/** The header fields the inspect document copies from DicomImageInfo unchanged. */
type InspectedInfo = Pick<DicomImageInfo,
  | 'transferSyntaxUID' | 'sopClassUID' | 'modality' | 'rows' | 'columns' | 'numberOfFrames' | 'samplesPerPixel'
  | 'bitsAllocated' | 'bitsStored' | 'highBit' | 'pixelRepresentation' | 'photometricInterpretation' | 'planarConfiguration'
  | 'rescaleSlope' | 'rescaleIntercept' | 'windowCenter' | 'windowWidth' | 'seriesInstanceUID' | 'instanceNumber' | 'pixelSpacing'>;

/** The `voxel-lab inspect --json` document for a DICOM file (docs/CLI.md). */
export interface DicomInspectDoc extends InspectedInfo {
  format: 'dicom';
  lossy: boolean;
  pixels: PixelSummary;
  tags?: TagNode[];
}
