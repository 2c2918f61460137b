/**
 * Typed errors with stable kebab-case codes. The CLI prints the code, webviews show the message,
 * tests branch on the code; the message text may improve, a released code never changes meaning.
 */
export abstract class VoxelError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type DicomErrorCode =
  | 'dicom-not-dicom'
  | 'dicom-empty-file'
  | 'dicom-truncated'
  | 'dicom-invalid-element'
  | 'dicom-unsupported-transfer-syntax'
  | 'dicom-missing-pixel-data'
  | 'dicom-missing-attribute'
  | 'dicom-invalid-attribute'
  | 'dicom-pixel-data-length'
  | 'dicom-codec-failed'
  | 'dicom-frame-out-of-range'
  | 'dicom-invalid-encapsulation'
  | 'dicom-unsupported-pixel-format';

export class DicomError extends VoxelError<DicomErrorCode> {
  override readonly name = 'DicomError';
}

export type NiftiErrorCode =
  | 'nifti-not-nifti'
  | 'nifti-bad-gzip'
  | 'nifti-invalid-header'
  | 'nifti-truncated'
  | 'nifti-unsupported-datatype'
  | 'nifti-too-large'
  | 'nifti-header-only';

export class NiftiError extends VoxelError<NiftiErrorCode> {
  override readonly name = 'NiftiError';
}

export type ImageErrorCode =
  | 'image-unknown-format'
  | 'image-unsupported-format'
  | 'image-empty-file'
  | 'image-too-large'
  | 'image-invalid-option'
  | 'image-read-failed'
  | 'image-no-files';

export class ImageError extends VoxelError<ImageErrorCode> {
  override readonly name = 'ImageError';
}

export type JobErrorCode = 'job-cancelled';

/** A long operation stopped because its AbortSignal fired (STYLE.md §5): cancelled is just this code. */
export class JobError extends VoxelError<JobErrorCode> {
  override readonly name = 'JobError';
}

/** Crosses worker, process and webview boundaries, where class identity is lost. */
export interface ErrorPayload {
  code: string;
  message: string;
}

export function toPayload(e: unknown): ErrorPayload {
  if (e instanceof VoxelError) return { code: e.code, message: e.message };
  return { code: 'internal', message: 'Unexpected failure; see the log.' };
}

/** True for errors caused by the input (exit code 2), false for our own bugs (exit code 1). */
export function isInputError(e: unknown): e is VoxelError {
  return e instanceof VoxelError;
}
