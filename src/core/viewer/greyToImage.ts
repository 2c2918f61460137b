import { ImageError } from '../errors';
import { applyColormap, type Colormap } from '../imaging/colormaps';
import type { Image8 } from '../imaging/image8';

/** An 8-bit grey rendering as the canvas gets it: grey, or RGB through a colormap. */
export function greyToImage(grey: Uint8Array, width: number, height: number, colormap: Colormap): Image8 {
  if (colormap === 'grey') return { width, height, channels: 1, data: grey };
  return { width, height, channels: 3, data: applyColormap(grey, colormap) };
}

/** The view index, checked: a clear error for a frame or slice that does not exist. */
export function checkedIndex(index: number, count: number, what: string): number {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ImageError('image-invalid-option', `The ${what} ${index} does not exist; there are ${count}, numbered from 0.`);
  }
  return index;
}
