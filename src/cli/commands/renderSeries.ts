import { stat } from 'node:fs/promises';
import { seriesToVolume } from '../../core/dicom';
import { renderSeriesSlice } from '../../core/files/openSeries';
import { encodePng } from '../../core/imaging/png';
import type { ParsedArgs } from '../args';
import { CliUsageError } from '../cliErrors';
import { jsonLine, type Io } from '../output';
import { renderFlags, writeOutput } from '../renderFlags';
import { nodeInflate } from '../nodeInflate';
import { nodeSeriesFiles } from '../nodeSeriesFiles';
import { loadSeries, reportSkipped } from './series';

type Command = (args: ParsedArgs, io: Io) => Promise<number>;

/**
 * `voxel-lab render` for folders: one folder (or several files) is rendered as the volume of its first
 * series; a single file goes to `renderFile` unchanged.
 */
export function withSeriesFolders(renderFile: Command): Command {
  return async (args, io) => {
    const [first, ...rest] = args.positionals;
    const folder = first !== undefined && rest.length === 0 && (await stat(first).catch(() => null))?.isDirectory() === true;
    return folder || rest.length > 0 ? runRenderSeries(args, io) : renderFile(args, io);
  };
}

/** `voxel-lab render DIR|FILE... --out PNG [--slice N --plane P] [--window C,W | --preset NAME] [--invert]` */
export async function runRenderSeries(args: ParsedArgs, io: Io): Promise<number> {
  const out = args.flags.out;
  if (typeof out !== 'string' || out === '') throw new CliUsageError('render needs --out PNG.');
  const { frame, ...options } = renderFlags(args);
  if (frame !== undefined && frame !== 0) throw new CliUsageError('--frame picks a frame of one file; a series volume has --slice and --plane.');
  const json = args.flags.json === true;
  const scan = await loadSeries(args.positionals);
  const status = reportSkipped(scan.skipped, io, json);
  const series = scan.series[0];
  if (!series) return status;
  if (scan.series.length > 1) io.stderr(`${scan.series.length} series found; rendering the first, ${series.id} (see \`voxel-lab series\`)\n`);
  for (const w of series.warnings) io.stderr(`warning [${w.code}] ${w.message}\n`);
  const tty = process.stderr.isTTY === true && series.frames.length > 20;
  const volume = await seriesToVolume(series, { files: nodeSeriesFiles, parse: nodeInflate, onProgress: tty ? (done, total) => io.stderr(`\rdecoding ${done}/${total}${done === total ? '\n' : ''}`) : undefined });
  const r = await renderSeriesSlice(series, volume, options);
  await writeOutput(out, encodePng(r.image));
  if (json) jsonLine(io, { out, width: r.image.width, height: r.image.height, channels: r.image.channels, series: series.id, plane: r.plane, slice: r.slice, slices: r.count, window: r.window });
  else io.stderr(`wrote ${out} (${r.image.width}×${r.image.height}, ${r.plane} slice ${r.slice} of ${r.count}, series ${series.id})\n`);
  return status;
}
