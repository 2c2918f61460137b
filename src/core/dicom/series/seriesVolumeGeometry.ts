import type { Vec3 } from '../../imaging/volume';
import { DUPLICATE_TOLERANCE_MM, lowerMedian } from './orderStack';
import type { DicomSeries, SeriesGeometry } from './seriesTypes';
import { axesOf } from './vec3';

/**
 * The grid a volume of the series uses: `series.geometry` when the frames form a regular stack, else an
 * approximation good enough to look at, not to measure: the usual step between positions (or Slice
 * Thickness, or 1 mm), the first frame's position (or the origin), the orientation (or LPS axes), and
 * 1 mm pixels when Pixel Spacing is absent. `series.warnings` say why it is approximate.
 */
export function seriesVolumeGeometry(series: DicomSeries): SeriesGeometry {
  if (series.geometry) return series.geometry;
  const [rowSpacing, colSpacing] = series.pixelSpacing ?? [1, 1];
  const direction: [Vec3, Vec3, Vec3] = series.orientation ? axesOf(series.orientation) : [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const locations = series.frames.map((f) => f.location).filter((l): l is number => l !== null);
  const steps = locations.slice(1).map((l, i) => l - (locations[i] as number)).filter((s) => s > DUPLICATE_TOLERANCE_MM);
  const thickness = series.sliceThickness !== null && series.sliceThickness > 0 ? series.sliceThickness : null;
  const first = series.frames[0]?.position;
  return {
    spacing: [colSpacing, rowSpacing, lowerMedian(steps) ?? thickness ?? 1],
    origin: first ? [...first] : [0, 0, 0],
    direction,
  };
}
