import type { NiftiImage } from '../nifti';
import type { HeaderField } from '../protocol/imageWorker';
import { percentileRange } from '../imaging/windowRange';
import { openVolumeImage } from './volumeImage';
import type { ViewableImage } from './viewableImage';

/** A NIfTI volume for the viewer: three planes, the stack = axial, the header as its "tags". */
export function niftiViewable(img: NiftiImage, name: string): ViewableImage {
  const { header: h, volume } = img;
  // One display range for the whole volume, so scrolling keeps the window: cal_min/cal_max when set, else
  // the 0.5–99.5 % range of the voxels (a percentile of stored values maps through the linear scaling).
  const calibrated = Number.isFinite(h.calMin) && Number.isFinite(h.calMax) && h.calMax > h.calMin;
  const { slope, intercept } = volume.rescale;
  const stored = percentileRange(volume.voxels, 0.5, 99.5);
  const [a, b] = [stored.min * slope + intercept, stored.max * slope + intercept].sort((x, y) => x - y) as [number, number];
  const display = calibrated ? { min: h.calMin, max: h.calMax } : a < b ? { min: a, max: b } : { min: a - 0.5, max: a + 0.5 };
  const width = display.max - display.min;
  return openVolumeImage(volume, {
    summary: {
      format: 'nifti',
      name,
      modality: null,
      description: h.description || null,
      encoding: `NIfTI-${h.version}`,
      pixelKind: h.datatypeName,
      grey: volume.samplesPerVoxel === 1,
      unit: '',
      parametric: h.datatypeName.startsWith('float'),
      windows: calibrated ? [{ center: (display.min + display.max) / 2, width, label: 'cal_min – cal_max' }] : [],
      voiLut: false,
      frameTimeMs: volume.frameTimeMs ?? null,
      warnings: h.headerOnly ? ['The voxels are in a separate .img file.'] : [],
    },
    defaultWindow: { center: (display.min + display.max) / 2, width, fn: 'LINEAR_EXACT' },
    stack: 'axial',
    tags: async () => ({ kind: 'nifti', fields: headerFields(img) }),
  });
}

function headerFields({ header: h, volume: v }: NiftiImage): HeaderField[] {
  const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, ''));
  const rows: [string, string][] = [
    ['version', `NIfTI-${h.version} (sizeof_hdr ${h.sizeofHdr})`],
    ['byte order', h.endianness],
    ['dim', h.dims.join(' × ')],
    ['pixdim', h.pixdim.map(num).join(' ')],
    ['units', `${h.units.spatial}, ${h.units.temporal}`],
    ['datatype', `${h.datatype} (${h.datatypeName}, ${h.bitpix} bits)`],
    ['vox_offset', String(h.voxOffset)],
    ['scl_slope / scl_inter', `${h.sclSlope ?? 'unset'} / ${h.sclInter ?? 'unset'}`],
    ['cal_min / cal_max', `${num(h.calMin)} / ${num(h.calMax)}`],
    ['qform_code', String(h.qformCode)],
    ['sform_code', String(h.sformCode)],
    ['qfac', String(h.qfac)],
    ['affine (RAS, from ' + h.affineSource + ')', h.affine.slice(0, 3).map((r) => r.map(num).join(' ')).join('  |  ')],
    ['voxel size (mm)', v.spacing.map(num).join(' × ')],
    ['origin (LPS mm)', v.origin.map(num).join(', ')],
    ['intent_code', String(h.intentCode)],
    ['descrip', h.description],
  ];
  return rows.map(([name, value]) => ({ name, value }));
}
