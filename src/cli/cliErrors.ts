import { VoxelError } from '../core/errors';

export type CliErrorCode = 'cli-usage' | 'cli-unknown-command' | 'cli-command-not-available' | 'file-not-found' | 'file-unreadable' | 'file-unwritable';

/** Bad invocation: exit code 2 like any other bad input. */
export class CliUsageError extends VoxelError<CliErrorCode> {
  override readonly name = 'CliUsageError';
  constructor(message: string, code: CliErrorCode = 'cli-usage') {
    super(code, message);
  }
}
