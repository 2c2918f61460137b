import type { DicomFile } from '../parseDicom';
import { createSeriesBuilder } from './createSeriesBuilder';
import type { DicomSeries } from './seriesTypes';

/**
 * Groups parsed files into series (a folder, or a selection of files): by Series Instance UID, split by
 * image size and orientation, each ordered along its slice normal with its grid and warnings. Files
 * without an image are left out; a later duplicate key replaces an earlier one. Ordered by Series
 * Number, then UID; the result does not depend on the order of `instances`.
 */
export function assembleSeries(instances: readonly { key: string; file: DicomFile }[]): DicomSeries[] {
  const builder = createSeriesBuilder();
  for (const { key, file } of instances) builder.add(key, file);
  return builder.series();
}
