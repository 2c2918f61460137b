import { ImageError } from '../errors';
import type { Image8 } from '../imaging/image8';
import type { Window } from '../imaging/voi';
import type { Plane } from '../imaging/volumeSlice';
import { windowPresetByName, windowPresets } from '../imaging/windowPresets';
import type { VoiChoice } from '../protocol/imageWorker';
import { openViewable } from '../viewer/openViewable';

export interface RenderOptions {
  /** DICOM: the frame (0-based). NIfTI: the timepoint of a 4D volume. */
  frame?: number;
  /** Volumes: the slice along `plane` (the middle slice by default). */
  slice?: number;
  plane?: Plane;
  window?: Window;
  preset?: string;
  invert?: boolean;
  name?: string;
  /** Raw inflate for deflated DICOM (the CLI passes Node's zlib). */
  inflate?: (deflated: Uint8Array) => Uint8Array;
}

/** What `voxel-lab render` writes: the displayed 8-bit image of one frame or slice, as the viewer shows it. */
export async function renderImage(bytes: Uint8Array, o: RenderOptions): Promise<Image8> {
  const name = o.name ?? '';
  const image = await openViewable(bytes, name, o.inflate ? { inflate: o.inflate } : {});
  const voi = voiOf(o);
  if (image.summary.format === 'dicom') {
    if (o.plane !== undefined || o.slice !== undefined) {
      throw new ImageError('image-invalid-option', `${name} is a single DICOM object: --plane and --slice apply to volumes (NIfTI, series folders); use --frame.`);
    }
    return (await image.render({ view: 'stack', index: o.frame ?? 0, voi, invert: o.invert ?? false, colormap: 'grey' })).image;
  }
  const plane = o.plane ?? 'axial';
  const count = image.summary.views[plane]?.count ?? 1;
  const index = o.slice ?? Math.floor(count / 2);
  return (await image.render({ view: plane, index, timepoint: o.frame ?? 0, voi, invert: o.invert ?? false, colormap: 'grey' })).image;
}

export function voiOf(o: { window?: Window; preset?: string }): VoiChoice {
  if (o.window) return { kind: 'window', ...o.window };
  if (o.preset !== undefined) {
    const p = windowPresetByName(o.preset);
    if (!p) throw new ImageError('image-invalid-option', `Unknown window preset "${o.preset}"; presets: ${windowPresets.map((x) => x.name).join(', ')}.`);
    return { kind: 'window', center: p.center, width: p.width };
  }
  return { kind: 'file' };
}
