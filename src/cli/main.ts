import { parseCommandLine, type ParsedArgs } from './args';
import { CliUsageError } from './cliErrors';
import { runInspect } from './commands/inspect';
import { runRender } from './commands/render';
import { withSeriesFolders } from './commands/renderSeries';
import { runSeries } from './commands/series';
import { configureNodeCodecs } from './nodeCodecs';
import { describeError, jsonLine, processIo, type Io } from './output';

declare const VOXEL_LAB_VERSION: string | undefined;

const USAGE = `voxel-lab — medical-imaging model development, headless (the same core as the VS Code extension)

Usage:
  voxel-lab inspect FILE|DIR... [--json] [--tags]
  voxel-lab render FILE --out PNG [--frame N] [--slice N --plane axial|coronal|sagittal]
                       [--window C,W | --preset NAME] [--invert]
  voxel-lab render DIR|FILE... --out PNG [--slice N --plane axial|coronal|sagittal] [--window C,W | --preset NAME] [--invert]
                       (a folder or several files: a slice of the volume of the first DICOM series)
  voxel-lab series DIR|FILE... [--json]   the DICOM series found: uid, modality, frames, dims, spacing, warnings

Exit codes: 0 success, 2 bad input (with --json an {"error": {code, message}} document), 1 internal error.
`;

/** Commands of CLI.md whose features come with later milestones: say so, never fake a result. */
const LATER: Record<string, string> = {
  models: 'model listing',
  analyze: 'image analysis',
  features: 'feature maps',
  train: 'training',
  conv: 'the convolution playground',
};

const COMMANDS: Record<string, (args: ParsedArgs, io: Io) => Promise<number>> = {
  inspect: runInspect,
  render: withSeriesFolders(runRender),
  series: runSeries,
};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let json = argv.includes('--json');
  configureNodeCodecs();
  try {
    // A command of a later version is named as such whatever options follow (they are not parsed yet).
    const named = argv.find((a) => !a.startsWith('-'));
    const later = named !== undefined ? LATER[named] : undefined;
    if (later) {
      throw new CliUsageError(`\`voxel-lab ${named}\` (${later}) is not in this version of Voxel Lab yet; this version has ${Object.keys(COMMANDS).join(', ')}.`, 'cli-command-not-available');
    }
    const args = parseCommandLine(argv);
    json = args.flags.json === true;
    if (args.flags.version) {
      io.stdout(`${typeof VOXEL_LAB_VERSION === 'string' ? VOXEL_LAB_VERSION : 'dev'}\n`);
      return 0;
    }
    if (!args.command || args.flags.help) {
      io.stdout(USAGE);
      return args.command || args.flags.help ? 0 : 2;
    }
    const run = COMMANDS[args.command];
    if (run) return await run(args, io);
    throw new CliUsageError(`Unknown command "${args.command}"; commands: ${Object.keys(COMMANDS).join(', ')}.`, 'cli-unknown-command');
  } catch (e) {
    const { payload, exitCode } = describeError(e);
    if (json) jsonLine(io, { error: payload });
    io.stderr(`voxel-lab: ${payload.message}\n`);
    if (exitCode === 1 && process.env.VOXEL_LAB_DEBUG) io.stderr(`${e instanceof Error ? e.stack : ''}\n`);
    return exitCode;
  }
}
