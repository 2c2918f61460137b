/** The three display planes, named for the patient axis they are perpendicular to (S, A/P, L/R). */
export type Plane = 'axial' | 'coronal' | 'sagittal';

export const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];

/**
 * One plane of a Volume as the viewer paints it: row 0 is the top of the screen, column 0 the left.
 * Orientation (radiological, as DICOM viewers show it):
 * - axial: patient left on screen right, anterior at the top (viewed from the feet);
 * - coronal: patient left on screen right, superior at the top (viewed from the front);
 * - sagittal: anterior on screen left, superior at the top (viewed from the patient's left).
 */
export interface VolumeSlice {
  plane: Plane;
  /** Voxel index along the volume axis perpendicular to the plane, 0 ≤ index < count. */
  index: number;
  /** Number of slices along that axis. */
  count: number;
  timepoint: number;
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB, interleaved per pixel). */
  samplesPerPixel: number;
  /** Modality values (stored × slope + intercept), width × height × samplesPerPixel, row-major, a new array. */
  values: Float32Array;
  /** [rowMm, colMm] as in DICOM PixelSpacing: distance between rows (vertical), then between columns. */
  pixelSpacing: [number, number];
}

/**
 * How a plane maps onto the volume's voxel axes (0 = i, 1 = j, 2 = k). Screen column x reads voxel
 * index `colFlipped ? width - 1 - x : x` along `colAxis`, and likewise for rows.
 */
export interface PlaneAxes {
  plane: Plane;
  sliceAxis: 0 | 1 | 2;
  colAxis: 0 | 1 | 2;
  rowAxis: 0 | 1 | 2;
  colFlipped: boolean;
  rowFlipped: boolean;
  width: number;
  height: number;
  count: number;
}
