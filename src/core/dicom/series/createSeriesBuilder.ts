import type { DicomFile } from '../parseDicom';
import { seriesOfUid, type InstanceRecord } from './groupSeries';
import { readInstance } from './readInstance';
import type { DicomSeries } from './seriesTypes';

/**
 * Series assembled as files arrive (the viewer gets them one by one from the host): show the first
 * slice at once, refine the order and geometry as the rest comes in.
 */
export interface SeriesBuilder {
  /**
   * Adds a parsed file under `key` (a path or URI), replacing any file added before under the same key.
   * Returns false, and keeps nothing, when the file holds no image (no Pixel Data, Rows or Columns:
   * DICOMDIR, structured reports, RT structure sets…).
   */
  add(key: string, file: DicomFile): boolean;
  /** Forgets the file added under `key`; false when there was none. */
  remove(key: string): boolean;
  /**
   * The series so far, ordered by Series Number, then UID. Cheap to call repeatedly: only series that
   * received files since the last call are re-assembled, and with no change the same array comes back.
   * Treat it and its series as read-only.
   */
  series(): DicomSeries[];
}

function compareSeries(a: DicomSeries, b: DicomSeries): number {
  const na = a.seriesNumber ?? Infinity;
  const nb = b.seriesNumber ?? Infinity;
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.seriesInstanceUID !== b.seriesInstanceUID) return a.seriesInstanceUID < b.seriesInstanceUID ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function createSeriesBuilder(): SeriesBuilder {
  const records = new Map<string, InstanceRecord & { uid: string }>();
  const keysByUid = new Map<string, Set<string>>();
  const assembled = new Map<string, DicomSeries[]>();
  const dirty = new Set<string>();
  let all: DicomSeries[] | null = [];

  const forget = (key: string): boolean => {
    const old = records.get(key);
    if (!old) return false;
    records.delete(key);
    keysByUid.get(old.uid)?.delete(key);
    dirty.add(old.uid);
    all = null;
    return true;
  };

  return {
    add(key, file) {
      forget(key);
      const attrs = readInstance(file);
      if (!attrs) return false;
      const uid = attrs.seriesInstanceUID ?? '';
      records.set(key, { key, file, attrs, uid });
      let keys = keysByUid.get(uid);
      if (!keys) keysByUid.set(uid, (keys = new Set()));
      keys.add(key);
      dirty.add(uid);
      all = null;
      return true;
    },
    remove: forget,
    series() {
      if (all) return all;
      for (const uid of dirty) {
        const keys = keysByUid.get(uid);
        if (!keys || keys.size === 0) {
          keysByUid.delete(uid);
          assembled.delete(uid);
          continue;
        }
        assembled.set(uid, seriesOfUid(uid, [...keys].map((k) => records.get(k) as InstanceRecord)));
      }
      dirty.clear();
      all = [...assembled.values()].flat().sort(compareSeries);
      return all;
    },
  };
}
