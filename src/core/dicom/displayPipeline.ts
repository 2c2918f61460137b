import type { Palette } from '../imaging/colorConvert';
import type { ModalityTransform } from '../imaging/displayModality';
import type { LookupTable, OutputRange, VoiFunction } from '../imaging/voi';
import { colorSpaceOf } from './pixelFormat';
import { modalityLutOf, paletteOf, voiLutsOf } from './displayLuts';
import type { DicomFile } from './parseDicom';
import type { DecodedColorSpace, DicomWindow } from './types';

/** How the file asks to be shown (PS3.3 C.11): modality transform, VOI options, polarity. */
export interface DisplayPipeline {
  colorSpace: DecodedColorSpace;
  photometricInterpretation: string;
  /** Stored → modality values: Modality LUT Sequence item 1, else rescale, else identity. */
  modality: ModalityTransform;
  /** Window Center/Width pairs with explanations; the first is the file's default. */
  windows: DicomWindow[];
  /** VOI LUT Sequence items; when present the first one is the default (it takes precedence). */
  voiLuts: LookupTable[];
  voiFunction: VoiFunction;
  /**
   * The window function's nominal output range as pydicom derives it (BitsStored range, through
   * rescale; the Modality LUT's output depth). Only rounding depends on it: f = (y − min)/(max − min).
   */
  windowOutputRange: OutputRange;
  /** MONOCHROME1: low values are white, so the 8-bit result is inverted. */
  invert: boolean;
  palette: Palette | null;
}

/** The VOI a render applies: a window, a VOI LUT item, or the full range of the modality values. */
export type VoiSelection =
  | { kind: 'window'; center: number; width: number; fn?: VoiFunction }
  | { kind: 'lut'; index: number }
  | { kind: 'full-range' };

function windowOutputRange(file: DicomFile, modality: ModalityTransform): OutputRange {
  const i = file.info;
  if (modality.kind === 'lut') return { min: 0, max: 2 ** modality.lut.bits - 1 };
  const bits = i.bitsStored ?? i.bitsAllocated ?? 16;
  let min = i.pixelRepresentation === 1 ? -(2 ** (bits - 1)) : 0;
  let max = i.pixelRepresentation === 1 ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (modality.kind === 'rescale') {
    min = min * modality.slope + modality.intercept;
    max = max * modality.slope + modality.intercept;
  }
  return min < max ? { min, max } : { min: 0, max: 1 };
}

/** Reads the display-related attributes of a parsed file. */
export function displayPipelineOf(file: DicomFile): DisplayPipeline {
  const i = file.info;
  const photometric = i.photometricInterpretation ?? 'MONOCHROME2';
  const lut = modalityLutOf(file);
  let modality: ModalityTransform = { kind: 'identity' };
  if (lut) modality = { kind: 'lut', lut };
  else if (i.rescaleSlope !== null && i.rescaleIntercept !== null) modality = { kind: 'rescale', slope: i.rescaleSlope, intercept: i.rescaleIntercept };
  else if (i.rescaleSlope !== null || i.rescaleIntercept !== null) modality = { kind: 'rescale', slope: i.rescaleSlope ?? 1, intercept: i.rescaleIntercept ?? 0 };
  return {
    colorSpace: colorSpaceOf(photometric),
    photometricInterpretation: photometric,
    modality,
    windows: i.windows.filter((w) => Number.isFinite(w.center) && Number.isFinite(w.width)),
    voiLuts: voiLutsOf(file),
    voiFunction: i.voiLutFunction,
    windowOutputRange: windowOutputRange(file, modality),
    invert: photometric === 'MONOCHROME1',
    palette: photometric === 'PALETTE COLOR' ? paletteOf(file) : null,
  };
}

/** The file's own default VOI: VOI LUT Sequence item 1, else the first window, else the full range. */
export function defaultVoi(p: DisplayPipeline): VoiSelection {
  if (p.voiLuts.length > 0) return { kind: 'lut', index: 0 };
  const w = p.windows[0];
  if (w) return { kind: 'window', center: w.center, width: w.width, fn: p.voiFunction };
  return { kind: 'full-range' };
}
