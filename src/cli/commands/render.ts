import { basename } from 'node:path';
import { renderImage } from '../../core/files/renderImage';
import { encodePng } from '../../core/imaging/png';
import type { ParsedArgs } from '../args';
import { CliUsageError } from '../cliErrors';
import { jsonLine, type Io } from '../output';
import { nodeInflate } from '../nodeInflate';
import { readInputFile } from '../readInput';
import { renderFlags, writeOutput } from '../renderFlags';

/** `voxel-lab render FILE --out PNG [--frame N] [--slice N --plane P] [--window C,W | --preset NAME] [--invert]` */
export async function runRender(args: ParsedArgs, io: Io): Promise<number> {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new CliUsageError('render takes exactly one FILE.');
  const out = args.flags.out;
  if (typeof out !== 'string' || out === '') throw new CliUsageError('render needs --out PNG.');
  const image = await renderImage(await readInputFile(file), { ...renderFlags(args), name: basename(file), ...nodeInflate });
  await writeOutput(out, encodePng(image));
  if (args.flags.json === true) jsonLine(io, { out, width: image.width, height: image.height, channels: image.channels });
  else io.stderr(`wrote ${out} (${image.width}×${image.height}, ${image.channels === 1 ? 'grey' : 'RGB'})\n`);
  return 0;
}
