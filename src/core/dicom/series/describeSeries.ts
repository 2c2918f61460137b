import type { Vec3 } from '../../imaging/volume';
import type { DicomSeries, SeriesWarning } from './seriesTypes';
import { seriesVolumeGeometry } from './seriesVolumeGeometry';

/** One line of `voxel-lab series --json`: what a series is, without its pixels. */
export interface SeriesDoc {
  id: string;
  seriesInstanceUID: string;
  seriesNumber: number | null;
  modality: string | null;
  description: string;
  frames: number;
  /** Distinct files the frames come from. */
  files: number;
  /** Volume dims: [columns, rows, frames]. */
  dims: Vec3;
  /** Volume spacing along i, j, k in mm (approximate when `regular` is false; see warnings). */
  spacing: Vec3;
  origin: Vec3;
  direction: [Vec3, Vec3, Vec3];
  /** True when the frames form a regular grid (DicomSeries.geometry is set). */
  regular: boolean;
  enhanced: boolean;
  frameTimeMs: number | null;
  warnings: SeriesWarning[];
}

const round = (x: number): number => Number(x.toPrecision(12));
const round3 = (v: Vec3): Vec3 => [round(v[0]), round(v[1]), round(v[2])];

/** The description of a series as the CLI prints it; numbers rounded to 12 significant digits. */
export function describeSeries(s: DicomSeries): SeriesDoc {
  const g = seriesVolumeGeometry(s);
  return {
    id: s.id,
    seriesInstanceUID: s.seriesInstanceUID,
    seriesNumber: s.seriesNumber,
    modality: s.modality,
    description: s.description,
    frames: s.frames.length,
    files: new Set(s.frames.map((f) => f.key)).size,
    dims: [s.columns, s.rows, s.frames.length],
    spacing: round3(g.spacing),
    origin: round3(g.origin),
    direction: [round3(g.direction[0]), round3(g.direction[1]), round3(g.direction[2])],
    regular: s.geometry !== null,
    enhanced: s.enhanced,
    frameTimeMs: s.frameTimeMs,
    warnings: s.warnings,
  };
}
