import { DicomError } from '../errors';
import { applyPalette8, ybrFullToRgb } from '../imaging/colorConvert';
import { invertBytes } from '../imaging/displayLut';
import type { Image8 } from '../imaging/image8';
import type { PixelArray } from '../imaging/pixelArray';
import { windowPresetByName, windowPresets } from '../imaging/windowPresets';
import { decodeFrame } from './decodeFrame';
import { defaultVoi, displayPipelineOf, type VoiSelection } from './displayPipeline';
import { createGreyRenderer } from './greyRenderer';
import type { DicomFile } from './parseDicom';

export interface RenderOptions {
  /** 0-based frame; 0 by default. */
  frame?: number;
  /** A window in modality units (HU for CT), LINEAR. */
  window?: { center: number; width: number };
  /** A CT preset name from windowPresets (e.g. "lung"). */
  preset?: string;
  invert?: boolean;
}

/** Colour samples to 8 bits: 8-bit data as is, wider data scaled from its BitsStored range. */
function toBytes(a: PixelArray, bitsStored: number): Uint8Array {
  if (a instanceof Uint8Array) return a;
  const out = new Uint8Array(a.length);
  const scale = 255 / (2 ** bitsStored - 1);
  for (let i = 0; i < a.length; i++) {
    const v = Math.round((a[i] as number) * scale);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

function selectionOf(options: RenderOptions, fallback: VoiSelection): VoiSelection {
  if (options.window) return { kind: 'window', center: options.window.center, width: options.window.width, fn: 'LINEAR' };
  if (options.preset !== undefined) {
    const p = windowPresetByName(options.preset);
    if (!p) {
      throw new DicomError('dicom-invalid-attribute', `Unknown window preset "${options.preset}"; presets: ${windowPresets.map((x) => x.name).join(', ')}.`);
    }
    return { kind: 'window', center: p.center, width: p.width, fn: 'LINEAR' };
  }
  return fallback;
}

/**
 * The displayed image of one frame, as `voxel-lab render` writes it: grey → 1 channel (modality
 * transform, VOI, MONOCHROME1 inversion); RGB, YBR (converted per PS3.3 C.7.6.3.1.2) and
 * PALETTE COLOR (looked up) → 3 channels. Without window/preset the file's own VOI is used.
 */
export async function renderDicomFrame(file: DicomFile, options: RenderOptions = {}): Promise<Image8> {
  const frame = await decodeFrame(file, options.frame ?? 0);
  const pipeline = displayPipelineOf(file);
  const width = frame.columns, height = frame.rows;
  if (frame.colorSpace === 'MONOCHROME' || (frame.colorSpace === 'PALETTE' && !pipeline.palette)) {
    const voi = selectionOf(options, defaultVoi(pipeline));
    const data = createGreyRenderer(pipeline).render(frame.pixels, voi, { invert: options.invert ?? false });
    return { width, height, channels: 1, data };
  }
  let data: Uint8Array;
  if (frame.colorSpace === 'PALETTE' && pipeline.palette) data = applyPalette8(frame.pixels, pipeline.palette);
  else if (frame.colorSpace === 'YBR_FULL') data = ybrFullToRgb(frame.pixels);
  else data = toBytes(frame.pixels, file.info.bitsStored ?? 8);
  if (options.invert) {
    data = data === frame.pixels ? data.slice() : data;
    invertBytes(data);
  }
  return { width, height, channels: 3, data };
}
