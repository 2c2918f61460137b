// Series from headers only (parseDicomHeader, scanSeriesFiles) with pixels read into the volume by a reader
// (seriesToVolume's `files`): the same series and the same voxels as parsing whole files, for every file of
// the corpus and for synthetic series, while native frames never make the reader load a whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFrame, holdsParsedElements, parseDicom, parseDicomHeader, releaseParsedHeader, seriesToVolume, type DicomFile, type SeriesFileReader,
} from '../../../../../src/core/dicom';
import { nativeFrameSpan } from '../../../../../src/core/dicom/nativeFrameSpan';
import { listTags } from '../../../../../src/core/dicom/tags/listTags';
import { pixelFormatOf } from '../../../../../src/core/dicom/pixelFormat';
import { scanSeries, scanSeriesFiles } from '../../../../../src/core/files/openSeries';
import { dicomEntries, readSample } from '../corpus';
import { assertSamePixels } from '../samePixels';
import { ctSliceBytes as smallSlice, shuffled, type SliceSpec } from './syntheticSeries';

/** 96 × 96 slices (18 KiB), longer than the first read of a header, so only headers are read at first. */
const ctSliceBytes = (s: SliceSpec): Uint8Array => smallSlice({ rows: 96, columns: 96, ...s });

const good = dicomEntries().filter((e) => !e.bad);
const skip = good.length === 0 ? 'no DICOM corpus' : false;

/** Bytes in memory as a SeriesFileReader, counting what it is asked for. */
function memoryFiles(files: Map<string, Uint8Array>): SeriesFileReader & { wholeReads: string[]; ranges: number } {
  const reader = {
    wholeReads: [] as string[],
    ranges: 0,
    readInto(key: string, offset: number, into: Uint8Array): number {
      const bytes = files.get(key);
      if (!bytes) throw new Error(`no file ${key}`);
      reader.ranges++;
      const part = bytes.subarray(offset, offset + into.length);
      into.set(part);
      return part.length;
    },
    readFile(key: string): Uint8Array {
      const bytes = files.get(key);
      if (!bytes) throw new Error(`no file ${key}`);
      reader.wholeReads.push(key);
      return bytes;
    },
  };
  return reader;
}

const entriesOf = (files: Map<string, Uint8Array>) => [...files].map(([name, bytes]) => ({ name, size: bytes.length }));

/** Offset of the top-level pixel element's value in a whole parse. */
function pixelValueOffset(file: DicomFile): number {
  const el = file.dataSet.elements[file.info.pixelDataTag === '(7FE0,0010)' ? 'x7fe00010' : file.info.pixelDataTag === '(7FE0,0008)' ? 'x7fe00008' : 'x7fe00009'];
  assert.ok(el);
  return el.dataOffset;
}

test('parseDicomHeader: from the bytes up to the pixel value, the same image description as the whole file', { skip }, () => {
  let headers = 0;
  for (const e of good) {
    const bytes = readSample(e.path);
    const whole = parseDicom(bytes);
    if (!whole.info.pixelDataTag) continue;
    if (whole.syntax.deflated) {
      assert.equal(parseDicomHeader(bytes.subarray(0, bytes.length - 1), bytes.length), null, `${e.path}: deflated has no header apart`);
      continue;
    }
    const at = pixelValueOffset(whole);
    const header = parseDicomHeader(bytes.subarray(0, Math.min(at + 1, bytes.length - 1)), bytes.length);
    assert.ok(header, `${e.path}: header read`);
    assert.equal(header.headerOnly, true);
    assert.deepEqual(header.info, whole.info, e.path);
    // Cut before the pixel element's header: not enough, so null (read the whole file), never a guess.
    assert.equal(parseDicomHeader(bytes.subarray(0, at - 16), bytes.length), null, `${e.path}: cut before the pixel element`);
    headers++;
  }
  assert.ok(headers >= 20, `headers read apart: ${headers}`);
});

/** The fields of each top-level element that locate and type it, by key. */
function elementSummary(file: DicomFile): Record<string, [string | undefined, number, number, number]> {
  const out: Record<string, [string | undefined, number, number, number]> = {};
  for (const [key, el] of Object.entries(file.dataSet.elements)) out[key] = [el.vr, el.length, el.dataOffset, el.items?.length ?? -1];
  return out;
}

test('releaseParsedHeader: a header-only file parses its elements again when asked; its pixel element and frame spans stay', { skip }, () => {
  let released = 0;
  for (const e of good) {
    const bytes = readSample(e.path);
    const whole = parseDicom(bytes);
    if (!whole.info.pixelDataTag || whole.syntax.deflated) continue;
    // A copy: one header's bytes are wiped below.
    const prefix = (): Uint8Array => bytes.slice(0, Math.min(pixelValueOffset(whole) + 1, bytes.length - 1));
    const header = parseDicomHeader(prefix(), bytes.length);
    assert.ok(header?.headerOnly && header.pixelElement, e.path);
    const fmt = pixelFormatOf(header.info);
    const before = header.dataSet;
    const elements = elementSummary(header);
    const spans = Array.from({ length: fmt.frames }, (_, f) => nativeFrameSpan(header, fmt, f));
    releaseParsedHeader(header);
    // Spans come from the pixel element kept apart, the same as a whole parse gives.
    assert.deepEqual(Array.from({ length: fmt.frames }, (_, f) => nativeFrameSpan(header, fmt, f)), spans, `${e.path}: spans`);
    assert.deepEqual(spans, Array.from({ length: fmt.frames }, (_, f) => nativeFrameSpan(whole, fmt, f)), `${e.path}: spans of the whole file`);
    assert.notEqual(header.dataSet, before, `${e.path}: parsed again`);
    assert.equal(header.dataSet, header.dataSet, `${e.path}: and kept once parsed`);
    assert.deepEqual(elementSummary(header), elements, `${e.path}: the same elements`);
    // Spans need no second parse: with its bytes wiped, a released header still names them, and has no elements.
    const wiped = parseDicomHeader(prefix(), bytes.length) as DicomFile;
    releaseParsedHeader(wiped);
    assert.equal(holdsParsedElements(wiped), false);
    wiped.bytes.fill(0);
    assert.deepEqual(Array.from({ length: fmt.frames }, (_, f) => nativeFrameSpan(wiped, fmt, f)), spans, `${e.path}: spans of a wiped header`);
    assert.throws(() => wiped.dataSet, `${e.path}: a wiped header does not parse`);
    // A whole parse has nothing to let go of.
    const wholeSet = whole.dataSet;
    releaseParsedHeader(whole);
    assert.equal(whole.dataSet, wholeSet);
    released++;
  }
  assert.ok(released >= 20, `headers released: ${released}`);
});

test('parseDicomHeader: a whole file is parsed as parseDicom; a pixel length past the file is an error of the file', () => {
  const bytes = ctSliceBytes({ tag: 1, position: [0, 0, 0] });
  const whole = parseDicomHeader(bytes, bytes.length);
  assert.ok(whole && !whole.headerOnly);
  assert.ok(parseDicomHeader(bytes.subarray(0, bytes.length - 10), bytes.length)?.headerOnly);
  // The file is shorter than its Pixel Data declares: no header-only file (the whole parse reports the fault).
  assert.equal(parseDicomHeader(bytes.subarray(0, bytes.length - 10), bytes.length - 2), null);
  assert.throws(() => parseDicom(bytes.subarray(0, bytes.length - 2)), /truncated/);
});

test('decodeFrame refuses a header-only file instead of decoding bytes it does not have', async () => {
  const bytes = ctSliceBytes({ tag: 1, position: [0, 0, 0] });
  const header = parseDicomHeader(bytes.subarray(0, bytes.length - 8), bytes.length);
  assert.ok(header?.headerOnly);
  await assert.rejects(decodeFrame(header, 0), (e: Error & { code?: string }) => e.code === 'dicom-missing-pixel-data');
});

test('nativeFrameSpan: the bytes it names are the decoded frame, for every native little-endian file', { skip }, async () => {
  let spans = 0;
  for (const e of good) {
    const bytes = readSample(e.path);
    const file = parseDicom(bytes);
    if (!file.info.pixelDataTag) continue;
    const fmt = pixelFormatOf(file.info);
    for (let f = 0; f < fmt.frames; f++) {
      const span = nativeFrameSpan(file, fmt, f);
      if (!span) continue;
      const { pixels } = await decodeFrame(file, f);
      const decoded = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
      assert.ok(decoded.equals(bytes.subarray(span.offset, span.offset + span.length)), `${e.path} frame ${f}`);
      spans++;
    }
  }
  assert.ok(spans >= 10, `frames with a span: ${spans}`);
});

test('every corpus file as a series: headers + reader give the voxels of the whole-file path', { skip }, async () => {
  for (const e of good) {
    const bytes = readSample(e.path);
    const files = new Map([[e.path, bytes]]);
    const full = scanSeries([{ name: e.path, bytes }]);
    const reader = memoryFiles(files);
    const lazy = await scanSeriesFiles(entriesOf(files), reader);
    assert.deepEqual(lazy.skipped, full.skipped, e.path);
    assert.equal(lazy.series.length, full.series.length, e.path);
    for (let s = 0; s < full.series.length; s++) {
      const a = full.series[s];
      const b = lazy.series[s];
      assert.ok(a && b);
      assert.deepEqual(b.warnings, a.warnings, e.path);
      assert.deepEqual(b.geometry, a.geometry, e.path);
      const expected = await seriesToVolume(a);
      const got = await seriesToVolume(b, { files: reader });
      assertSamePixels(got.voxels, expected.voxels, e.path);
      assert.deepEqual({ ...got, voxels: null }, { ...expected, voxels: null }, e.path);
    }
  }
});

test('a native series is read without loading any whole file: one header read and one pixel read per file', async () => {
  const specs = Array.from({ length: 12 }, (_, k) => ({ tag: k + 1, position: [0, 0, 2.5 * k] as [number, number, number] }));
  const files = new Map(shuffled(specs).map((s) => [`slice-${s.tag}`, ctSliceBytes(s)]));
  const reader = memoryFiles(files);
  const scan = await scanSeriesFiles(entriesOf(files), reader);
  const [series] = scan.series;
  assert.ok(series && series.frames.every((f) => f.file.headerOnly));
  const volume = await seriesToVolume(series, { files: reader });
  assert.deepEqual(reader.wholeReads, []);
  assert.equal(reader.ranges, 2 * files.size);
  const whole = await seriesToVolume(scanSeries([...files].map(([name, bytes]) => ({ name, bytes }))).series[0]!);
  assertSamePixels(volume.voxels, whole.voxels, 'synthetic CT');
  // The scan let go of each header's parsed elements; asked for, they come back from the header's bytes.
  assert.ok(series.frames.every((f) => !holdsParsedElements(f.file)), 'released by the scan');
  const first = series.frames[0]!;
  const wholeFirst = parseDicom(files.get(first.key)!);
  assert.deepEqual(listTags(first.file).map((n) => n.tag), listTags(wholeFirst).map((n) => n.tag));
});

test('frames that need decoding or converting are read whole, once per file: differing rescale gives float32', async () => {
  const specs = [0, 1, 2].map((k) => ({ tag: k + 1, position: [0, 0, k] as [number, number, number], rescale: { slope: 1 + k, intercept: -1024 } }));
  const files = new Map(specs.map((s) => [`slice-${s.tag}`, ctSliceBytes(s)]));
  const reader = memoryFiles(files);
  const [series] = (await scanSeriesFiles(entriesOf(files), reader)).series;
  assert.ok(series);
  const volume = await seriesToVolume(series, { files: reader });
  assert.ok(volume.voxels instanceof Float32Array);
  assert.deepEqual([...reader.wholeReads].sort(), [...files.keys()].sort());
  const whole = await seriesToVolume(scanSeries([...files].map(([name, bytes]) => ({ name, bytes }))).series[0]!);
  assertSamePixels(volume.voxels, whole.voxels, 'mixed rescale');
});

test('with an asynchronous reader: reads in flight are bounded; total progress only once every read is in; a cancel leaves no read running', async () => {
  // More frames than seriesToVolume keeps reads in flight (32), so its wait for a free place runs too.
  const frames = 48;
  const specs = Array.from({ length: frames }, (_, k) => ({ tag: k + 1, position: [0, 0, k] as [number, number, number] }));
  const files = new Map(specs.map((s) => [`slice-${s.tag}`, ctSliceBytes(s)]));
  const sync = memoryFiles(files);
  let running = 0;
  let most = 0;
  let finished = 0;
  const slow: SeriesFileReader = {
    readInto: async (key, offset, into) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      finished++;
      return sync.readInto(key, offset, into);
    },
    readFile: (key) => sync.readFile(key),
  };
  const [series] = (await scanSeriesFiles(entriesOf(files), sync)).series;
  assert.ok(series);
  const seen: [number, number, number][] = [];
  await seriesToVolume(series, { files: slow, onProgress: (done, total) => seen.push([done, total, running]) });
  assert.deepEqual(seen.at(-1), [frames, frames, 0], 'the last report comes with no read running');
  assert.equal(seen.filter(([d]) => d === frames).length, 1);
  assert.ok(most > 1 && most < frames, `reads in flight at most: ${most}`);
  const controller = new AbortController();
  finished = 0;
  const cancelled = seriesToVolume(series, { files: slow, signal: controller.signal, yieldIntervalMs: 0, onProgress: (done) => done === 3 && controller.abort() });
  await assert.rejects(cancelled, (e: Error & { code?: string }) => e.code === 'job-cancelled');
  assert.equal(running, 0, 'no read still running once the promise settled');
  assert.ok(finished < frames, `reads done: ${finished}`);
});

test('a file that shrank after its header was read: a truncation error naming it; no reader: a clear error', async () => {
  const specs = [0, 1].map((k) => ({ tag: k + 1, position: [0, 0, k] as [number, number, number] }));
  const files = new Map(specs.map((s) => [`slice-${s.tag}`, ctSliceBytes(s)]));
  const reader = memoryFiles(files);
  const [series] = (await scanSeriesFiles(entriesOf(files), reader)).series;
  assert.ok(series);
  await assert.rejects(seriesToVolume(series), /Only the header of slice-1 was read/);
  files.set('slice-2', files.get('slice-2')!.subarray(0, 9000));
  await assert.rejects(seriesToVolume(series, { files: reader }), (e: Error & { code?: string }) => e.code === 'dicom-truncated' && /slice-2/.test(e.message));
});

test('a header longer than the first read is read again, longer: still only headers, still the same voxels', async () => {
  // A 20 KB private element (7FDF,1000) OB right before Pixel Data, as big private groups or ICC profiles do.
  const withPrivate = (bytes: Uint8Array): Uint8Array => {
    const at = bytes.length - 256 * 256 * 2 - 12;
    const extra = new Uint8Array(12 + 20000);
    const view = new DataView(extra.buffer);
    view.setUint16(0, 0x7fdf, true);
    view.setUint16(2, 0x1000, true);
    extra.set([0x4f, 0x42], 4); // OB
    view.setUint32(8, 20000, true);
    return new Uint8Array([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
  };
  const specs = [0, 1, 2].map((k) => ({ tag: k + 1, position: [0, 0, k] as [number, number, number] }));
  const files = new Map(specs.map((s) => [`slice-${s.tag}`, withPrivate(smallSlice({ ...s, rows: 256, columns: 256 }))]));
  assert.equal(parseDicom(files.get('slice-1')!).dataSet.elements.x7fdf1000?.length, 20000, 'the private element is where it should be');
  const reader = memoryFiles(files);
  const [series] = (await scanSeriesFiles(entriesOf(files), reader)).series;
  assert.ok(series && series.frames.every((f) => f.file.headerOnly && f.file.bytes.length < 64 * 1024 + 1));
  const volume = await seriesToVolume(series, { files: reader });
  assert.deepEqual(reader.wholeReads, []);
  const whole = await seriesToVolume(scanSeries([...files].map(([name, bytes]) => ({ name, bytes }))).series[0]!);
  assertSamePixels(volume.voxels, whole.voxels, 'long headers');
});

test('scanSeriesFiles: foreign and broken files are skipped with the reason; the others go on', async () => {
  const files = new Map<string, Uint8Array>([
    ['a', ctSliceBytes({ tag: 1, position: [0, 0, 0] })],
    ['notes.txt', new TextEncoder().encode('not an image at all, just some notes that go on for a while')],
    ['broken.dcm', ctSliceBytes({ tag: 3, position: [0, 0, 2] }).subarray(0, 300)],
  ]);
  const scan = await scanSeriesFiles(entriesOf(files), memoryFiles(files));
  assert.deepEqual(scan.series.map((s) => s.frames.length), [1]);
  assert.deepEqual(scan.skipped.map((s) => [s.name, s.reason]), [['notes.txt', 'not-dicom'], ['broken.dcm', 'invalid']]);
});
