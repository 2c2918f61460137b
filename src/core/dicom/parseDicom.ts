import * as dicomParser from 'dicom-parser';
import type { ByteArray, ByteArrayParser, DataSet, Element } from 'dicom-parser';
import { inflateSync, unzlibSync } from 'fflate';
import { DicomError } from '../errors';
import { transferSyntaxOf, type TransferSyntax } from './decoders/registry';
import { pixelElementOf, readImageInfo } from './imageInfo';
import { parseExplicitTopLevel, parseImplicitTopLevel } from './parseExplicit';
import { checkElementBounds, checkOneElement, toDicomError } from './parseErrors';
import { hasDicmPrefix, isLongVr, sniffEncoding } from './sniff';
import type { DicomImageInfo } from './types';

/**
 * A parsed DICOM file: header read, pixel data located, nothing decoded. `bytes` is the data set's
 * byte array (the input, or a header+inflated copy for the deflated syntax); `dataSet` is
 * dicom-parser's, kept for the tag browser and the decoders.
 */
export interface DicomFile {
  readonly bytes: Uint8Array;
  readonly dataSet: DataSet;
  readonly info: DicomImageInfo;
  /** The syntax the data set and pixels are read with (from the file meta, or sniffed). */
  readonly syntax: TransferSyntax;
  /** Offset where the data set (after the file meta) starts in `bytes`. */
  readonly dataSetOffset: number;
  /**
   * Set by parseDicomHeader: `bytes` are the file's first bytes only and end before (or inside) the pixel
   * element, whose offset and length are those in the file. Decoding needs the whole file (parseDicom).
   * Elements after the pixel element (Data Set Trailing Padding, Digital Signatures) are not read.
   */
  readonly headerOnly?: true;
  /**
   * Set by parseDicomHeader: the top-level pixel element (its offset and declared length are those in the file),
   * kept apart from `dataSet`, which a header-only file may let go of (releaseParsedHeader).
   */
  readonly pixelElement?: Element;
}

/**
 * A parseDicomHeader result. Its parsed elements (~15 KB of small objects for a CT header) can be let go once
 * what a scan needs is read from them, and are parsed again from `bytes` when asked for (then kept): a series of
 * 500 files then holds ~1 KB of objects per file, not 15 KB that every young-generation collection of the scan
 * copies. Pass it by reference: a copy (object spread, structuredClone) has no `dataSet`.
 */
class HeaderOnlyFile implements DicomFile {
  readonly headerOnly = true;
  private parsed: DataSet | null;

  constructor(
    readonly bytes: Uint8Array,
    dataSet: DataSet,
    readonly info: DicomImageInfo,
    readonly syntax: TransferSyntax,
    readonly dataSetOffset: number,
    readonly pixelElement: Element,
    private readonly fileSize: number,
  ) {
    this.parsed = dataSet;
  }

  get dataSet(): DataSet {
    if (!this.parsed) {
      // The bytes are this file's own and parsed before, so they parse again the same way.
      const again = parseData(this.bytes, {}, this.fileSize);
      if (!again) throw new Error('A header that parsed before no longer parses: its bytes were changed.');
      this.parsed = again.dataSet;
    }
    return this.parsed;
  }

  release(): void {
    this.parsed = null;
  }

  get holdsElements(): boolean {
    return this.parsed !== null;
  }
}

/**
 * Lets a parseDicomHeader result drop its parsed elements until they are next asked for (see HeaderOnlyFile);
 * other files are left as they are.
 */
export function releaseParsedHeader(file: DicomFile): void {
  if (file instanceof HeaderOnlyFile) file.release();
}

/** Whether the file holds its parsed elements now: false only for a released header-only file (diagnostics). */
export function holdsParsedElements(file: DicomFile): boolean {
  return !(file instanceof HeaderOnlyFile) || file.holdsElements;
}

type DataSetCtor = new (parser: ByteArrayParser, bytes: ByteArray, elements: Record<string, Element>) => DataSet;
// dicom-parser exports the DataSet class at run time; its typings only declare the interface.
const DataSetClass = (dicomParser as unknown as { DataSet: DataSetCtor }).DataSet;

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';

/** End offset of the file meta group (0002) that starts at `start`, PS3.10 §7.1: always explicit VR LE. */
function metaEndOf(bytes: Uint8Array, start: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const vr = String.fromCharCode(bytes[pos + 4] as number, bytes[pos + 5] as number);
    let length: number;
    let header = 8;
    if (isLongVr(vr)) {
      if (pos + 12 > bytes.length) break;
      length = view.getUint32(pos + 8, true);
      header = 12;
    } else {
      length = view.getUint16(pos + 6, true);
    }
    if (length === 0xffffffff || pos + header + length > bytes.length) {
      const tag = `(0002,${view.getUint16(pos + 2, true).toString(16).padStart(4, '0').toUpperCase()})`;
      throw new DicomError('dicom-truncated', `The file meta element ${tag} declares ${length} bytes but the file ends after ${bytes.length - pos - header}.`);
    }
    pos += header + length;
  }
  return pos;
}

function metaTransferSyntax(meta: DataSet): string | null {
  const el = meta.elements['x00020010'];
  if (!el || el.length === 0) return null;
  let s = '';
  for (let i = 0; i < el.length; i++) {
    const c = meta.byteArray[el.dataOffset + i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s.trim();
}

export interface ParseOptions {
  /**
   * Raw-deflate (RFC 1951) decompressor for the deflated syntax. fflate by default; a Node
   * caller may pass zlib.inflateRawSync, about twice as fast on large data sets.
   */
  inflate?: (deflated: Uint8Array) => Uint8Array;
}

function inflateDataSet(bytes: Uint8Array, offset: number, inflate: (d: Uint8Array) => Uint8Array): Uint8Array {
  const deflated = bytes.subarray(offset);
  let inflated: Uint8Array;
  try {
    inflated = inflate(deflated);
  } catch (raw) {
    // Some writers wrap the stream in zlib although PS3.5 A.5 asks for raw RFC 1951 data.
    try {
      inflated = unzlibSync(deflated);
    } catch {
      throw new DicomError('dicom-codec-failed', 'The deflated data set (transfer syntax 1.2.840.10008.1.2.1.99) could not be inflated; the file is corrupt or truncated.', { cause: raw });
    }
  }
  const out = new Uint8Array(offset + inflated.length);
  out.set(bytes.subarray(0, offset));
  out.set(inflated, offset);
  return out;
}

function uidForEncoding(explicitVr: boolean, littleEndian: boolean): string {
  if (!littleEndian) return EXPLICIT_BE;
  return explicitVr ? EXPLICIT_LE : IMPLICIT_LE;
}

/**
 * Parses the header of a DICOM file (Part 10, or a bare data set with its encoding sniffed) and
 * locates its pixels without decoding them. Throws DicomError for empty, non-DICOM, truncated or
 * inconsistent files and unknown transfer syntaxes.
 */
export function parseDicom(bytes: Uint8Array, options: ParseOptions = {}): DicomFile {
  return parseData(bytes, options, null) as DicomFile;
}

/**
 * Parses a DICOM header from the first bytes of a file of `fileSize` bytes, up to the top-level pixel
 * element, so a reader can fetch a file's pixels later straight into their place (series into a volume)
 * instead of holding whole files. Null when `prefix` does not reach the pixel element, the file has none, or
 * the data set is deflated; then parse the whole file with parseDicom, which also reports any fault.
 * The result has `headerOnly`; its pixel element's declared length is checked against `fileSize`.
 */
export function parseDicomHeader(prefix: Uint8Array, fileSize: number, options: ParseOptions = {}): DicomFile | null {
  if (prefix.length >= fileSize) return parseDicom(prefix, options);
  try {
    return parseData(prefix, options, fileSize);
  } catch {
    // The prefix may end inside any element; the whole file decides whether it is really broken.
    return null;
  }
}

function parseData(bytes: Uint8Array, options: ParseOptions, fileSize: number | null): DicomFile | null {
  const headerOnly = fileSize !== null;
  if (bytes.length === 0) throw new DicomError('dicom-empty-file', 'The file is empty (0 bytes); a DICOM file starts with a 128-byte preamble and "DICM".');
  const hasPreamble = hasDicmPrefix(bytes);
  const start = hasPreamble ? 132 : 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasFileMeta = bytes.length >= start + 8 && view.getUint16(start, true) === 0x0002;

  let meta: DataSet | null = null;
  let metaEnd = start;
  let transferSyntaxUID: string | null = null;
  let effectiveUid: string;
  if (hasFileMeta) {
    metaEnd = metaEndOf(bytes, start);
    meta = new DataSetClass(dicomParser.littleEndianByteArrayParser, bytes, {});
    meta.warnings = [];
    try {
      parseExplicitTopLevel(meta, new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, start), metaEnd, true);
    } catch (e) {
      throw toDicomError(e, bytes.length, 'the file meta information');
    }
    transferSyntaxUID = metaTransferSyntax(meta);
    if (transferSyntaxUID === null) {
      const enc = metaEnd < bytes.length ? sniffEncoding(bytes, metaEnd) : null;
      if (!enc) throw new DicomError('dicom-missing-attribute', 'The file meta has no Transfer Syntax UID (0002,0010) and the data set encoding cannot be recognised.');
      effectiveUid = uidForEncoding(enc.explicitVr, enc.littleEndian);
    } else {
      effectiveUid = transferSyntaxUID;
    }
  } else {
    const enc = sniffEncoding(bytes, start);
    if (!enc) {
      throw new DicomError('dicom-not-dicom', hasPreamble
        ? 'The file has the "DICM" prefix but neither file meta (group 0002) nor a recognisable data set follows it.'
        : 'Not a DICOM file: no "DICM" prefix at byte 128 and the first bytes are not a DICOM data set in any encoding.');
    }
    effectiveUid = uidForEncoding(enc.explicitVr, enc.littleEndian);
  }

  const syntax = transferSyntaxOf(effectiveUid);
  // A deflated data set has no byte offsets in the file: its header cannot be read apart.
  if (headerOnly && syntax.deflated) return null;
  const data = syntax.deflated ? inflateDataSet(bytes, metaEnd, options.inflate ?? inflateSync) : bytes;
  const parser = syntax.littleEndian ? dicomParser.littleEndianByteArrayParser : dicomParser.bigEndianByteArrayParser;
  const dataSet = new DataSetClass(parser, data, {});
  dataSet.warnings = [];
  if (metaEnd >= data.length) {
    throw new DicomError('dicom-truncated', `The file ends right after its ${hasFileMeta ? 'file meta information' : 'preamble'} (${bytes.length} bytes): the data set is missing.`);
  }
  let stopped: boolean;
  try {
    const stream = new dicomParser.ByteStream(parser, data, metaEnd);
    stopped = syntax.explicitVr
      ? parseExplicitTopLevel(dataSet, stream, data.length, syntax.littleEndian, headerOnly)
      : parseImplicitTopLevel(dataSet, stream, data.length, headerOnly);
  } catch (e) {
    throw toDicomError(e, data.length, 'the data set', dataSet);
  }
  let pixel: Element | null = null;
  if (fileSize !== null) {
    if (!stopped) return null;
    pixel = checkHeaderBounds(dataSet, data.length, fileSize);
  } else {
    checkElementBounds(dataSet, data.length);
  }
  if (meta) {
    // Meta elements are always little endian (PS3.10 §7.1), whatever the data set uses.
    for (const [key, el] of Object.entries(meta.elements)) {
      el.parser = dicomParser.littleEndianByteArrayParser;
      dataSet.elements[key] = el;
    }
  }
  const info = readImageInfo(dataSet, { transferSyntaxUID, syntax, hasPreamble, hasFileMeta });
  if (pixel && fileSize !== null) return new HeaderOnlyFile(data, dataSet, info, syntax, metaEnd, pixel, fileSize);
  return { bytes: data, dataSet, info, syntax, dataSetOffset: metaEnd };
}

/** The header's elements within the prefix; the pixel element (the last one read, returned) within the file. */
function checkHeaderBounds(dataSet: DataSet, prefixLength: number, fileSize: number): Element {
  const pixel = pixelElementOf(dataSet);
  if (!pixel) throw new DicomError('dicom-missing-pixel-data', 'No pixel element was found in the header.');
  checkElementBounds(dataSet, prefixLength, pixel.key);
  const el = dataSet.elements[pixel.key] as Element;
  // Encapsulated pixels (undefined length) are located when the whole file is read.
  if (el.length !== 0xffffffff) checkOneElement(pixel.key, el, fileSize);
  return el;
}
