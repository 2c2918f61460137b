import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { renderImage, type RenderOptions } from '../../core/files/renderImage';
import { encodePng } from '../../core/imaging/png';
import { intFlag, type ParsedArgs } from '../args';
import { CliUsageError } from '../cliErrors';
import { jsonLine, type Io } from '../output';
import { readInputFile } from '../readInput';

const PLANES = ['axial', 'coronal', 'sagittal'] as const;

/** `voxel-lab render FILE --out PNG [--frame N] [--slice N --plane P] [--window C,W | --preset NAME] [--invert]` */
export async function runRender(args: ParsedArgs, io: Io): Promise<number> {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new CliUsageError('render takes exactly one FILE.');
  const out = args.flags.out;
  if (typeof out !== 'string' || out === '') throw new CliUsageError('render needs --out PNG.');
  const options = renderOptions(args);
  const image = await renderImage(await readInputFile(file), { ...options, name: basename(file) });
  await writeFile(out, encodePng(image));
  if (args.flags.json === true) jsonLine(io, { out, width: image.width, height: image.height, channels: image.channels });
  else io.stderr(`wrote ${out} (${image.width}×${image.height}, ${image.channels === 1 ? 'grey' : 'RGB'})\n`);
  return 0;
}

function renderOptions(args: ParsedArgs): RenderOptions {
  const { flags } = args;
  if (flags.window !== undefined && flags.preset !== undefined) throw new CliUsageError('Give --window or --preset, not both.');
  const options: RenderOptions = { invert: flags.invert === true };
  if (flags.frame !== undefined) options.frame = intFlag(flags, 'frame', 0);
  if (flags.slice !== undefined) options.slice = intFlag(flags, 'slice', 0);
  if (flags.plane !== undefined) {
    const plane = String(flags.plane);
    if (!(PLANES as readonly string[]).includes(plane)) throw new CliUsageError(`--plane is one of ${PLANES.join(', ')}, not "${plane}".`);
    options.plane = plane as (typeof PLANES)[number];
  }
  if (typeof flags.window === 'string') {
    const parts = flags.window.split(',').map(Number);
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || (parts[1] ?? 0) <= 0) {
      throw new CliUsageError(`--window takes CENTER,WIDTH with a positive width, e.g. 40,400, not "${flags.window}".`);
    }
    options.window = { center: parts[0] ?? 0, width: parts[1] ?? 1 };
  }
  if (typeof flags.preset === 'string') options.preset = flags.preset;
  return options;
}
