import type { Window } from './voi';

export interface WindowPreset extends Window {
  /** kebab-case, as `voxel-lab render --preset NAME` takes it. */
  name: string;
  label: string;
}

/** Common CT windows in HU (centre/width), as radiology viewers ship them. */
export const windowPresets: readonly WindowPreset[] = [
  { name: 'brain', label: 'Brain', center: 40, width: 80 },
  { name: 'soft-tissue', label: 'Soft tissue', center: 40, width: 400 },
  { name: 'lung', label: 'Lung', center: -600, width: 1500 },
  { name: 'liver', label: 'Liver', center: 90, width: 150 },
  { name: 'bone', label: 'Bone', center: 480, width: 2500 },
];

export function windowPresetByName(name: string): WindowPreset | undefined {
  return windowPresets.find((p) => p.name === name.toLowerCase());
}
