import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { nodeInflate } from '../nodeInflate';
import { ImageError, toPayload } from '../../core/errors';
import { describeSeries, type SeriesDoc } from '../../core/dicom';
import { scanSeriesFiles, type SeriesFileEntry, type SeriesScan, type SkippedSource } from '../../core/files/openSeries';
import type { ParsedArgs } from '../args';
import { CliUsageError } from '../cliErrors';
import { jsonLine, type Io } from '../output';
import { nodeSeriesFiles } from '../nodeSeriesFiles';
import { expandInputs, MAX_FILE_BYTES } from '../readInput';

/**
 * Reads the headers of the files (folders walked recursively) and assembles their series; unreadable files are
 * skipped as invalid. The series hold headers only: build volumes with seriesToVolume and `nodeSeriesFiles`.
 */
export async function loadSeries(paths: readonly string[]): Promise<SeriesScan> {
  const files = await expandInputs(paths);
  const entries: SeriesFileEntry[] = [];
  const unreadable: SkippedSource[] = [];
  for (const name of files) {
    let size: number;
    try {
      size = statSync(name).size;
    } catch (e) {
      unreadable.push({ name, reason: 'invalid', error: toPayload(new CliUsageError(`${name} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'file-unreadable')) });
      continue;
    }
    if (size > MAX_FILE_BYTES) {
      unreadable.push({ name, reason: 'invalid', error: toPayload(new ImageError('image-too-large', `${basename(name)} is ${(size / 2 ** 30).toFixed(1)} GiB; files over 2 GiB are not read whole.`)) });
      continue;
    }
    entries.push({ name, size });
  }
  const scan = await scanSeriesFiles(entries, nodeSeriesFiles, nodeInflate);
  if (scan.series.length === 0 && unreadable.length === 0 && !scan.skipped.some((s) => s.reason === 'invalid')) {
    throw new ImageError('image-no-files', `No DICOM image in ${paths.join(', ')} (${files.length} file(s) looked at).`);
  }
  return { series: scan.series, skipped: [...unreadable, ...scan.skipped] };
}

/** Reports skipped files on stderr (and broken ones as JSON lines); 2 when a file was broken, else 0. */
export function reportSkipped(skipped: readonly SkippedSource[], io: Io, json: boolean): 0 | 2 {
  let status: 0 | 2 = 0;
  const foreign = skipped.filter((s) => s.reason !== 'invalid').length;
  for (const s of skipped) {
    if (s.reason !== 'invalid') continue;
    status = 2;
    if (json) jsonLine(io, { file: s.name, error: s.error });
    io.stderr(`${s.name}: ${s.error.message} [${s.error.code}]\n`);
  }
  if (foreign > 0) io.stderr(`skipped ${foreign} file(s) that are not DICOM images\n`);
  return status;
}

/** `voxel-lab series DIR|FILE... [--json]`: the series found, one JSON line each with --json. */
export async function runSeries(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length === 0) throw new CliUsageError('series needs at least one folder or FILE.');
  const json = args.flags.json === true;
  const scan = await loadSeries(args.positionals);
  for (const s of scan.series) {
    const doc = describeSeries(s);
    if (json) jsonLine(io, doc);
    else io.stdout(summarize(doc));
  }
  return reportSkipped(scan.skipped, io, json);
}

const fmt = (v: readonly number[], sep: string) => v.map((x) => Number(x.toFixed(4))).join(sep);

function summarize(d: SeriesDoc): string {
  const lines = [
    `${d.seriesInstanceUID || '(no Series Instance UID)'}${d.id !== d.seriesInstanceUID ? `  [${d.id}]` : ''}`,
    `  ${d.modality ?? '?'}  #${d.seriesNumber ?? '-'}  "${d.description}"  ${d.frames} frame(s) from ${d.files} file(s)${d.enhanced ? ', enhanced multi-frame' : ''}`,
    `  dims ${d.dims.join('×')}  spacing ${fmt(d.spacing, ' × ')} mm${d.regular ? '' : ' (approximate)'}  origin ${fmt(d.origin, ', ')}${d.frameTimeMs !== null ? `  frame time ${d.frameTimeMs} ms` : ''}`,
    ...d.warnings.map((w) => `  warning [${w.code}] ${w.message}`),
  ];
  return lines.join('\n') + '\n';
}
