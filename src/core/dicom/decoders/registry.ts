import { DicomError } from '../../errors';
import type { Decoder } from '../types';

/** One supported transfer syntax (PS3.5 §10 and Annex A). The single truth for the CLI, errors and docs. */
export interface TransferSyntax {
  uid: string;
  name: string;
  /** Another decoder may legitimately differ by a few units. */
  lossy: boolean;
  /** Pixels in fragments (PS3.5 A.4) rather than one native value. */
  encapsulated: boolean;
  explicitVr: boolean;
  littleEndian: boolean;
  /** The data set after the file meta is deflated (PS3.5 A.5). */
  deflated: boolean;
}

interface Entry extends TransferSyntax {
  /** Loads the codec for encapsulated syntaxes; native ones are decoded in place. */
  load?: () => Promise<Decoder>;
}

const native = (uid: string, name: string, explicitVr: boolean, littleEndian: boolean, deflated = false): Entry => ({
  uid, name, lossy: false, encapsulated: false, explicitVr, littleEndian, deflated,
});
const codec = (uid: string, name: string, lossy: boolean, load: () => Promise<Decoder>): Entry => ({
  uid, name, lossy, encapsulated: true, explicitVr: true, littleEndian: true, deflated: false, load,
});

const loadRle = () => import('./decodeRle').then((m) => m.decodeRle);
const loadJpegBaseline = () => import('./decodeJpegBaseline').then((m) => m.decodeJpegBaseline);
const loadJpegExtended = () => import('./decodeJpegExtended').then((m) => m.decodeJpegExtended);
const loadJpegLossless = () => import('./decodeJpegLossless').then((m) => m.decodeJpegLossless);
const loadJpegLs = () => import('./decodeJpegLs').then((m) => m.decodeJpegLs);
const loadJpeg2000 = () => import('./decodeJpeg2000').then((m) => m.decodeJpeg2000);
const loadHtj2k = () => import('./decodeHtj2k').then((m) => m.decodeHtj2k);

const entries: readonly Entry[] = [
  native('1.2.840.10008.1.2', 'Implicit VR Little Endian', false, true),
  native('1.2.840.10008.1.2.1', 'Explicit VR Little Endian', true, true),
  native('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', true, true, true),
  native('1.2.840.10008.1.2.2', 'Explicit VR Big Endian', true, false),
  codec('1.2.840.10008.1.2.5', 'RLE Lossless', false, loadRle),
  codec('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', true, loadJpegBaseline),
  codec('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', true, loadJpegExtended),
  codec('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', false, loadJpegLossless),
  codec('1.2.840.10008.1.2.4.70', 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])', false, loadJpegLossless),
  codec('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', false, loadJpegLs),
  codec('1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless)', true, loadJpegLs),
  codec('1.2.840.10008.1.2.4.90', 'JPEG 2000 Image Compression (Lossless Only)', false, loadJpeg2000),
  codec('1.2.840.10008.1.2.4.91', 'JPEG 2000 Image Compression', true, loadJpeg2000),
  codec('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', false, loadHtj2k),
  codec('1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)', false, loadHtj2k),
  codec('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression', true, loadHtj2k),
];

const byUid = new Map(entries.map((e) => [e.uid, e]));

/** Every transfer syntax we read, in a stable order. */
export const supportedTransferSyntaxes: readonly TransferSyntax[] = entries.map(
  ({ uid, name, lossy, encapsulated, explicitVr, littleEndian, deflated }) => ({ uid, name, lossy, encapsulated, explicitVr, littleEndian, deflated }),
);

function unsupported(uid: string): DicomError {
  const list = entries.map((e) => `${e.uid} (${e.name})`).join(', ');
  return new DicomError(
    'dicom-unsupported-transfer-syntax',
    `Transfer syntax ${uid || '(empty)'} is not supported; supported: ${list}.`,
  );
}

/** The registry entry for `uid`; throws `dicom-unsupported-transfer-syntax` naming the supported ones. */
export function transferSyntaxOf(uid: string): TransferSyntax {
  const e = byUid.get(uid);
  if (!e) throw unsupported(uid);
  return e;
}

export function isSupportedTransferSyntax(uid: string): boolean {
  return byUid.has(uid);
}

// The promise, so concurrent first calls share one load; a failed load may be retried.
const loading = new Map<string, Promise<Decoder>>();

/** The codec of an encapsulated syntax, loaded with a dynamic import on first use and cached. */
export function decoderFor(uid: string): Promise<Decoder> {
  const e = byUid.get(uid);
  if (!e) return Promise.reject(unsupported(uid));
  const load = e.load;
  if (!load) {
    return Promise.reject(new DicomError('dicom-unsupported-transfer-syntax', `Transfer syntax ${uid} (${e.name}) is native and has no codec.`));
  }
  let p = loading.get(uid);
  if (!p) {
    p = load();
    loading.set(uid, p);
    p.catch(() => loading.delete(uid));
  }
  return p;
}
