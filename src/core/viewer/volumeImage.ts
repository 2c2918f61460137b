import { ImageError } from '../errors';
import type { Image8 } from '../imaging/image8';
import { extractSlice, planeAxes, planeIndexForPatientPoint, planePixelForPatientPoint, voxelForPlanePixel } from '../imaging/reformat';
import { windowToByte, type OutputRange, type VoiFunction, type Window } from '../imaging/voi';
import { voxelIndex, voxelToPatient, type Vec3, type Volume } from '../imaging/volume';
import { valueRange } from '../imaging/windowRange';
import { PLANES, type Plane } from '../imaging/volumeSlice';
import type { ImageSummary, ImageTags, ProbeResult, RenderRequest, ViewGeometry, ViewKind, VoiChoice } from '../protocol/imageWorker';
import { checkedIndex, greyToImage } from './greyToImage';
import type { ViewableImage } from './viewableImage';

export interface VolumeImageOptions {
  /** Facts for the summary; `views`, `valueRange` and `timepoints` are derived from the volume. */
  summary: Omit<ImageSummary, 'views' | 'valueRange' | 'timepoints'>;
  /** The window 'file' VOI means, with its function; by default the full value range. */
  defaultWindow?: Window & { fn: VoiFunction };
  /**
   * 'native': the stack pages through the acquired slices (k) as stored, as for a DICOM series;
   * 'axial': the stack is the axial plane (NIfTI, whose voxel order says nothing about acquisition).
   */
  stack: 'native' | 'axial';
  /** MONOCHROME1: low values are white, so the grey result is inverted (PS3.3 C.7.6.3.1.2). */
  monochrome1?: boolean;
  /** The window function's nominal output range (DICOM: from Bits Stored through rescale); only rounding depends on it. */
  windowOutputRange?: OutputRange;
  tags(stackIndex: number): Promise<ImageTags>;
}

/** A volume (NIfTI, or a sorted DICOM series) with its stack and its three planes. */
export function openVolumeImage(volume: Volume, o: VolumeImageOptions): ViewableImage {
  const range = volumeRange(volume);
  const views: Partial<Record<ViewKind, ViewGeometry>> = {};
  for (const plane of PLANES) {
    const ax = planeAxes(volume, plane);
    views[plane] = { width: ax.width, height: ax.height, count: ax.count, pixelSpacing: [volume.spacing[ax.rowAxis], volume.spacing[ax.colAxis]] };
  }
  views.stack = o.stack === 'native'
    ? { width: volume.dims[0], height: volume.dims[1], count: volume.dims[2], pixelSpacing: [volume.spacing[1], volume.spacing[0]] }
    : views.axial;
  const summary: ImageSummary = { ...o.summary, views, valueRange: range, timepoints: volume.timepoints };
  const fullRange: Window & { fn: VoiFunction } = { center: (range.min + range.max) / 2, width: Math.max(range.max - range.min, 1e-6), fn: 'LINEAR_EXACT' };

  const windowOf = (voi: VoiChoice): Window & { fn: VoiFunction } => {
    if (voi.kind === 'window') return { center: voi.center, width: voi.width, fn: 'LINEAR' };
    if (voi.kind === 'fullRange') return fullRange;
    return o.defaultWindow ?? fullRange;
  };

  const nativeSlice = (k: number, t: number): { width: number; height: number; values: Float32Array; spp: number } => {
    const [nx, ny] = volume.dims;
    const spp = volume.samplesPerVoxel;
    const start = voxelIndex(volume, 0, 0, k, t);
    const n = nx * ny * spp;
    const values = new Float32Array(n);
    const { slope, intercept } = volume.rescale;
    for (let i = 0; i < n; i++) values[i] = (volume.voxels[start + i] as number) * slope + intercept;
    return { width: nx, height: ny, values, spp };
  };

  /** The plane a view shows, and how stack indices map onto it. */
  const planeOf = (view: ViewKind): Plane | null => (view === 'stack' ? (o.stack === 'native' ? null : 'axial') : view);

  return {
    summary,
    async render(r: RenderRequest) {
      const geometry = views[r.view];
      if (!geometry) throw new ImageError('image-invalid-option', `This image has no ${r.view} view.`);
      const index = checkedIndex(r.index, geometry.count, r.view === 'stack' ? 'slice' : `${r.view} slice`);
      const t = checkedIndex(r.timepoint ?? 0, volume.timepoints, 'timepoint');
      const plane = planeOf(r.view);
      const s = plane ? extractSlice(volume, plane, index, t) : null;
      const { width, height, values, spp } = s ? { width: s.width, height: s.height, values: s.values, spp: s.samplesPerPixel } : nativeSlice(index, t);
      if (spp === 3) {
        const data = new Uint8Array(values.length);
        for (let i = 0; i < values.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(values[i] as number)));
        if (r.invert) for (let i = 0; i < data.length; i++) data[i] = 255 - (data[i] as number);
        const image: Image8 = { width, height, channels: 3, data };
        return { view: r.view, index, image, window: null };
      }
      const w = windowOf(r.voi);
      const grey = new Uint8Array(width * height);
      const range = o.windowOutputRange;
      for (let i = 0; i < grey.length; i++) grey[i] = windowToByte(values[i] as number, w, w.fn, range);
      if (r.invert !== (o.monochrome1 ?? false)) for (let i = 0; i < grey.length; i++) grey[i] = 255 - (grey[i] as number);
      return { view: r.view, index, image: greyToImage(grey, width, height, r.colormap), window: { center: w.center, width: w.width } };
    },
    async probe(p): Promise<ProbeResult> {
      const geometry = views[p.view];
      if (!geometry) throw new ImageError('image-invalid-option', `This image has no ${p.view} view.`);
      const index = checkedIndex(p.index, geometry.count, 'slice');
      const t = p.timepoint ?? 0;
      const x = Math.floor(p.x);
      const y = Math.floor(p.y);
      const plane = planeOf(p.view);
      const inside = x >= 0 && y >= 0 && x < geometry.width && y < geometry.height;
      const ijk: Vec3 = plane ? (voxelForPlanePixel(volume, plane, index, x, y).map(Math.round) as Vec3) : [x, y, index];
      const base = { unit: summary.unit, ijk };
      if (!inside) return { ...base, inside, stored: [], modality: [], lps: null, planes: null };
      const at = voxelIndex(volume, ijk[0], ijk[1], ijk[2], t);
      const spp = volume.samplesPerVoxel;
      const stored: number[] = [];
      for (let s = 0; s < spp; s++) stored.push(volume.voxels[at + s] as number);
      const modality = stored.map((v) => v * volume.rescale.slope + volume.rescale.intercept);
      const lps = voxelToPatient(volume, ijk);
      const planes: ProbeResult['planes'] = {};
      for (const q of PLANES) {
        const at2 = planePixelForPatientPoint(volume, q, lps);
        planes[q] = { index: planeIndexForPatientPoint(volume, q, lps), x: at2.x, y: at2.y };
      }
      return { ...base, inside, stored, modality, lps, planes };
    },
    tags: (index) => o.tags(index),
  };
}

/** Min and max modality value of the volume (finite voxels), through its linear rescale. */
function volumeRange(v: Volume): { min: number; max: number } {
  const stored = valueRange(v.voxels);
  const { slope, intercept } = v.rescale;
  const lo = stored.min * slope + intercept;
  const hi = stored.max * slope + intercept;
  return lo <= hi ? { min: lo, max: hi } : { min: hi, max: lo };
}
