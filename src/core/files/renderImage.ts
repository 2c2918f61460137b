import type { Image8 } from '../imaging/image8';
import { openImage, type RenderOptions } from './openImage';

export type { RenderOptions } from './openImage';

/** What `voxel-lab render` writes: the displayed 8-bit image of one frame or slice. */
export async function renderImage(bytes: Uint8Array, options: RenderOptions & { name?: string }): Promise<Image8> {
  const opened = await openImage(bytes, options.name ?? '');
  return (await opened.render(options)).image;
}
