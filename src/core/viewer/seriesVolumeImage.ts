import { displayPipelineOf, transferSyntaxOf, type DicomSeries } from '../dicom';
import type { Volume } from '../imaging/volume';
import type { ImageSummary, ImageTags } from '../protocol/imageWorker';
import { openVolumeImage } from './volumeImage';
import type { ViewableImage } from './viewableImage';

/**
 * A series' volume with its three planes, displayed as its first file asks (PS3.3 C.11): that file's first
 * window and VOI LUT Function, else the full range of the volume (LINEAR_EXACT); MONOCHROME1 inverted.
 * VOI LUT Sequences do not apply to a volume. The viewer and `voxel-lab render DIR` both draw through it.
 */
export function seriesVolumeImage(
  series: DicomSeries,
  volume: Volume,
  o: { name: string; summary?: Omit<ImageSummary, 'views' | 'valueRange' | 'timepoints'>; tags?: (index: number) => Promise<ImageTags> },
): ViewableImage {
  const first = series.frames[0]?.file;
  const pipeline = first ? displayPipelineOf(first) : null;
  const w = series.windows.find((x) => Number.isFinite(x.center) && Number.isFinite(x.width));
  const info = first?.info;
  const summary = o.summary ?? {
    format: 'dicom' as const,
    name: o.name,
    modality: series.modality,
    description: series.description || null,
    encoding: info ? transferSyntaxOf(info.effectiveTransferSyntaxUID).name : null,
    pixelKind: info?.photometricInterpretation ?? null,
    grey: volume.samplesPerVoxel === 1,
    unit: series.modality === 'CT' ? 'HU' : '',
    parametric: false,
    windows: series.windows.map((x) => ({ center: x.center, width: x.width, label: x.explanation ?? `W ${x.width} L ${x.center}` })),
    voiLut: false,
    frameTimeMs: series.frameTimeMs,
    warnings: series.warnings.map((x) => x.message),
  };
  return openVolumeImage(volume, {
    summary,
    ...(w ? { defaultWindow: { center: w.center, width: w.width, fn: pipeline?.voiFunction ?? 'LINEAR' } } : {}),
    ...(pipeline ? { windowOutputRange: pipeline.windowOutputRange, monochrome1: pipeline.invert } : {}),
    stack: 'native',
    tags: o.tags ?? (async () => ({ kind: 'dicom', tags: [] })),
  });
}
