/** An 8-bit display image: what a viewer paints and `voxel-lab render` writes as PNG. */
export interface Image8 {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB (interleaved). */
  channels: 1 | 3;
  /** width × height × channels bytes, row-major. */
  data: Uint8Array;
}
