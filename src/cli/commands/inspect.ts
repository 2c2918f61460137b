import { basename } from 'node:path';
import { inspectImage, type InspectDoc } from '../../core/files/inspectImage';
import { CliUsageError } from '../cliErrors';
import { describeError, jsonLine, type Io } from '../output';
import { nodeInflate } from '../nodeInflate';
import { expandInputs, readInputFile } from '../readInput';
import type { ParsedArgs } from '../args';

/** `voxel-lab inspect FILE... [--json] [--tags]`; a bad file is reported on its line and the others go on. */
export async function runInspect(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length === 0) throw new CliUsageError('inspect needs at least one FILE or folder.');
  const files = await expandInputs(args.positionals);
  const json = args.flags.json === true;
  let worst = 0;
  for (const file of files) {
    try {
      const doc = await inspectImage(await readInputFile(file), { name: basename(file), tags: args.flags.tags === true, ...nodeInflate });
      if (json) jsonLine(io, files.length > 1 ? { file, ...doc } : doc);
      else io.stdout(summarize(file, doc));
    } catch (e) {
      const { payload, exitCode } = describeError(e);
      worst = Math.max(worst, exitCode === 1 ? 3 : 2); // rank: internal beats bad input
      if (json) jsonLine(io, files.length > 1 ? { file, error: payload } : { error: payload });
      else io.stderr(`${file}: ${payload.message} [${payload.code}]\n`);
    }
  }
  return worst === 3 ? 1 : worst;
}

function summarize(file: string, doc: InspectDoc): string {
  const lines = [file];
  if (doc.format === 'dicom') {
    lines.push(
      `  DICOM ${doc.modality ?? '?'}  ${doc.columns}×${doc.rows}  ${doc.numberOfFrames} frame(s)  ${doc.photometricInterpretation}`,
      `  transfer syntax ${doc.transferSyntaxUID ?? '(no file meta)'}  bits ${doc.bitsStored}/${doc.bitsAllocated} ${doc.pixelRepresentation === 1 ? 'signed' : 'unsigned'}`,
      `  rescale ${doc.rescaleSlope ?? '-'} / ${doc.rescaleIntercept ?? '-'}  window ${doc.windowCenter ?? '-'} / ${doc.windowWidth ?? '-'}`,
    );
  } else {
    lines.push(`  NIfTI-${doc.niftiVersion}  dims ${doc.dims.join('×')}  ${doc.datatypeName}  pixdim ${doc.pixdim.join(' ')}`);
  }
  lines.push(`  pixels min ${doc.pixels.min} max ${doc.pixels.max} mean ${doc.pixels.mean}  sha256 ${doc.pixels.sha256}`);
  return lines.join('\n') + '\n';
}
