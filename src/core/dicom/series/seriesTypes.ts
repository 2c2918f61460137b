import type { Vec3 } from '../../imaging/volume';
import type { DicomFile } from '../parseDicom';
import type { DicomWindow } from '../types';

/** Image Orientation (Patient) (0020,0037): row direction cosines, then column direction cosines (LPS). */
export type Orientation = [number, number, number, number, number, number];

/** One 2D frame of a series: a single-frame file, or one frame of a multi-frame object. */
export interface SeriesFrame {
  /** The caller's key for the file (a path or URI), as given to assembleSeries / the builder. */
  key: string;
  file: DicomFile;
  /** 0-based frame within `file` (what decodeFrame takes). */
  frameIndex: number;
  /** LPS mm of the centre of the frame's first pixel (PS3.3 C.7.6.2.1.1), or null when unknown. */
  position: Vec3 | null;
  /** Distance in mm along the series' slice normal (position · normal), or null without geometry. */
  location: number | null;
  /** Instance Number (0020,0013) of the file. */
  instanceNumber: number | null;
  /** Stored → modality values for this frame (Rescale Slope/Intercept, or Pixel Value Transformation). */
  rescale: { slope: number; intercept: number };
}

/** The grid a regular stack of frames spans; Volume's origin/spacing/direction take it unchanged. */
export interface SeriesGeometry {
  /** mm along i (between columns), j (between rows), k (between slices, from the positions). */
  spacing: Vec3;
  /** LPS position of the first frame's first pixel. */
  origin: Vec3;
  /**
   * Unit LPS vectors of i (the row direction), j (the column direction) and k. k is the slice normal,
   * row × column, except for a sheared stack (gantry tilt), where it points from slice to slice.
   */
  direction: [Vec3, Vec3, Vec3];
}

/** Stable codes of the warnings assembly attaches to a series; the text may improve. */
export type SeriesWarningCode =
  /** A step between slices is a multiple of the usual spacing: slices are missing. */
  | 'series-slice-gap'
  /** Steps between slices differ beyond the tolerance and are not whole multiples. */
  | 'series-uneven-spacing'
  /** Two frames at the same position (repeats, several phases or echoes in one series). */
  | 'series-duplicate-position'
  /** The same SOP Instance UID came twice (a copied file); one copy is kept. */
  | 'series-duplicate-instance'
  /** One Series Instance UID held images of several orientations; split into one series per orientation. */
  | 'series-mixed-orientation'
  /** One Series Instance UID held images of several sizes; split into one series per size. */
  | 'series-mixed-size'
  /** Frames without Image Position (Patient): ordered by Instance Number and frame instead. */
  | 'series-missing-position'
  /** Frames without Image Orientation (Patient): ordered by Instance Number and frame instead. */
  | 'series-missing-orientation'
  /** Pixel Spacing is absent: the volume assumes 1 mm pixels. */
  | 'series-missing-pixel-spacing'
  /** Positions do not lie on one line (in-plane offsets vary from slice to slice). */
  | 'series-inconsistent-positions'
  /** Slices shift in-plane by the same step each time (gantry tilt): the volume's k axis is sheared. */
  | 'series-sheared'
  /** Rescale slope/intercept differ between frames: the volume holds float32 modality values. */
  | 'series-mixed-rescale'
  /** Bits allocated, signedness or float-ness differ between frames: the volume holds float32 modality values. */
  | 'series-mixed-pixel-format'
  /** Files without Series Instance UID (0020,000E), grouped together. */
  | 'series-missing-uid';

export interface SeriesWarning {
  code: SeriesWarningCode;
  /** One sentence saying what was found, with numbers. */
  message: string;
}

/**
 * Frames grouped by Series Instance UID (split by image size and orientation), ordered along the
 * slice normal (or by Instance Number and frame without positions), with the grid they span.
 */
export interface DicomSeries {
  /**
   * Unique among the series of one assembly and stable as files arrive: the Series Instance UID, with
   * `:COLUMNSxROWS:plane` added when the UID was split (plane: axial, coronal, sagittal, oblique-N).
   */
  id: string;
  /** '' when the files have none. */
  seriesInstanceUID: string;
  /** Series Number (0020,0011). */
  seriesNumber: number | null;
  modality: string | null;
  /** Series Description (0008,103E), or '' when absent. */
  description: string;
  /** In volume order: k = 0 first. */
  frames: SeriesFrame[];
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** Image Orientation (Patient) shared by the frames, or null when absent. */
  orientation: Orientation | null;
  /** Pixel Spacing as [between rows, between columns] in mm, or null when absent. */
  pixelSpacing: [number, number] | null;
  /** Slice Thickness (0018,0050) of the first frame in mm: the nominal thickness, not the spacing. */
  sliceThickness: number | null;
  /** The regular grid of the frames; null when they do not form one (missing positions, gaps, uneven spacing, duplicates). */
  geometry: SeriesGeometry | null;
  warnings: SeriesWarning[];
  /** Time between frames in ms, from Frame Time (0018,1063) or the mean step of Frame Time Vector (0018,1065). */
  frameTimeMs: number | null;
  /** True when the frames come from enhanced multi-frame objects (functional groups, PS3.3 C.7.6.16). */
  enhanced: boolean;
  /** Window Center/Width of the first frame: the series' default windows, first = default. */
  windows: DicomWindow[];
}
