import { encode } from 'fast-png';
import type { Image8 } from './image8';

/** PNG bytes (8-bit grey or RGB) of a display image. */
export function encodePng(image: Image8): Uint8Array {
  return encode({ width: image.width, height: image.height, data: image.data, channels: image.channels, depth: 8 });
}
