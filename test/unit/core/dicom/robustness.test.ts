import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomError } from '../../../../src/core/errors';
import { inspectDicom, listTags, parseDicom } from '../../../../src/core/dicom';
import { dicomEntries, readSample } from './corpus';
import { rng } from '../../seededRandom';

/** Everything a viewer does with an untrusted file; only DicomError may escape. */
async function exercise(bytes: Uint8Array): Promise<'ok' | DicomError> {
  try {
    await inspectDicom(bytes);
    listTags(parseDicom(bytes));
    return 'ok';
  } catch (e) {
    if (e instanceof DicomError) return e;
    throw new Error(`not a DicomError: ${String(e)}`, { cause: e });
  }
}

const good = () => dicomEntries().filter((e) => !e.bad);

test('truncated copies of every good sample throw a DicomError (a hang fails by the runner timeout)', async () => {
  for (const e of good()) {
    const bytes = readSample(e.path);
    // Inside the preamble, inside the meta, mid header, and a few cuts in the last part (pixels).
    const cuts = [1, 100, 140, 200, Math.floor(bytes.length / 2), bytes.length - 1000, bytes.length - 17, bytes.length - 2, bytes.length - 1];
    for (const cut of cuts) {
      if (cut <= 0 || cut >= bytes.length) continue;
      const cutCopy = bytes.slice(0, cut);
      const r = await exercise(cutCopy);
      if (r === 'ok') {
        // Only a deflated data set may lose a few tail bytes unharmed: fflate, like zlib, stops where
        // the data ends. Then the pixels must be exactly the original's.
        assert.equal(e.transferSyntaxUID, '1.2.840.10008.1.2.1.99', `${e.path} cut at ${cut} of ${bytes.length} was accepted`);
        assert.equal((await inspectDicom(cutCopy)).pixels.sha256, (await inspectDicom(bytes)).pixels.sha256);
      }
    }
  }
});

test('random byte flips never escape as another error type and never hang (seeded)', async () => {
  const next = rng(20240611);
  for (const e of good()) {
    const original = readSample(e.path);
    for (let round = 0; round < 6; round++) {
      const bytes = original.slice();
      const flips = 1 + Math.floor(next() * 8);
      for (let k = 0; k < flips; k++) {
        const at = Math.floor(next() * bytes.length);
        bytes[at] = (bytes[at] as number) ^ (1 + Math.floor(next() * 255));
      }
      await exercise(bytes); // a flip in pixel values legitimately still decodes
    }
  }
});

test('a huge element length inside the header is bounded by the file size', async () => {
  const bytes = readSample('dicom/ct_explicit_le.dcm').slice();
  const view = new DataView(bytes.buffer);
  // Find Rows (0028,0010) US and turn its neighbour, a 2-byte-length element, into a 4 GiB claim.
  for (let i = 132; i + 8 < bytes.length; i += 2) {
    if (view.getUint16(i, true) === 0x0008 && view.getUint16(i + 2, true) === 0x0016) {
      bytes.set([0x55, 0x4e, 0, 0], i + 4); // VR UN: 32-bit length follows
      view.setUint32(i + 8, 0xfffffff0, true);
      break;
    }
  }
  const r = await exercise(bytes);
  assert.ok(r instanceof DicomError);
});
