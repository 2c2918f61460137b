import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeFrame, displayPipelineOf, parseDicom, renderDicomFrame } from '../../../../src/core/dicom';
import { paletteOf } from '../../../../src/core/dicom/displayLuts';
import { applyPalette } from '../../../../src/core/imaging/colorConvert';
import { dicomEntries, readSample } from './corpus';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * An independent, deliberately plain evaluation of README "Display reference" (no LUTs, no shared
 * code with src/core/imaging): used only if our render's hash ever differs from the reference,
 * to show that the difference is a rounding of at most 1 grey level.
 */
async function plainDisplay(bytes: Uint8Array): Promise<Uint8Array> {
  const file = parseDicom(bytes);
  const { pixels } = await decodeFrame(file, 0);
  const p = displayPipelineOf(file);
  const out = new Uint8Array(pixels.length);
  const lutAt = (lut: { firstMapped: number; data: ArrayLike<number> }, x: number): number =>
    lut.data[Math.min(Math.max(Math.trunc(x - lut.firstMapped), 0), lut.data.length - 1)] as number;
  for (let i = 0; i < pixels.length; i++) {
    const s = pixels[i] as number;
    const m = p.modality.kind === 'lut' ? lutAt(p.modality.lut, s) : p.modality.kind === 'rescale' ? s * p.modality.slope + p.modality.intercept : s;
    let f: number;
    const voiLut = p.voiLuts[0];
    const w = p.windows[0];
    if (voiLut) f = lutAt(voiLut, m) / (2 ** voiLut.bits - 1);
    else if (w && p.voiFunction === 'SIGMOID') f = 1 / (1 + Math.exp((-4 * (m - w.center)) / w.width));
    else if (w && p.voiFunction === 'LINEAR_EXACT') f = m <= w.center - w.width / 2 ? 0 : m > w.center + w.width / 2 ? 1 : (m - w.center) / w.width + 0.5;
    else if (w) f = m <= w.center - 0.5 - (w.width - 1) / 2 ? 0 : m > w.center - 0.5 + (w.width - 1) / 2 ? 1 : (m - (w.center - 0.5)) / (w.width - 1) + 0.5;
    else throw new Error('no VOI in a display entry');
    const v = Math.min(255, Math.max(0, Math.floor(255 * f + 0.5)));
    out[i] = p.invert ? 255 - v : v;
  }
  return out;
}

for (const e of dicomEntries()) {
  const display = e.display;
  if (e.bad || !display) continue;
  test(`display pipeline: ${e.path} (${display.pipeline})`, async () => {
    const bytes = readSample(e.path);
    const img = await renderDicomFrame(parseDicom(bytes));
    assert.equal(img.channels, 1);
    assert.deepEqual([img.height, img.width], display.shape);
    if (sha(img.data) === display.sha256) return;
    // Allowed by the README: another implementation may round differently by 1 grey level.
    const plain = await plainDisplay(bytes);
    let worst = 0;
    for (let i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs((plain[i] as number) - (img.data[i] as number)));
    assert.ok(worst <= 1, `differs from the plain evaluation by ${worst} grey levels`);
    let sum = 0;
    for (const v of img.data) sum += v;
    assert.ok(Math.abs(sum / img.data.length - display.mean) <= 1, 'mean within 1 grey level');
  });
}

for (const e of dicomEntries()) {
  const palette = e.paletteLookup;
  if (e.bad || !palette) continue;
  test(`palette lookup equals pydicom apply_color_lut: ${e.path}`, async () => {
    const file = parseDicom(readSample(e.path));
    const p = paletteOf(file);
    assert.ok(p, 'palette read');
    assert.deepEqual([p.red.data.length, p.red.firstMapped, p.red.bits], palette.descriptor);
    const { pixels } = await decodeFrame(file, 0);
    const rgb = applyPalette(pixels, p);
    assert.equal(sha(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength)), palette.rgbSha256);
  });
}

test('colour files render to 3 channels; presets and explicit windows apply to grey', async () => {
  for (const e of dicomEntries()) {
    if (e.bad || !e.photometricInterpretation) continue;
    const file = parseDicom(readSample(e.path));
    const img = await renderDicomFrame(file);
    const grey = e.photometricInterpretation.startsWith('MONOCHROME');
    assert.equal(img.channels, grey ? 1 : 3, e.path);
    assert.equal(img.data.length, img.width * img.height * img.channels);
  }
  const ct = parseDicom(readSample('dicom/ct_explicit_le.dcm'));
  const lung = await renderDicomFrame(ct, { preset: 'lung' });
  const same = await renderDicomFrame(ct, { window: { center: -600, width: 1500 } });
  assert.deepEqual(lung.data, same.data);
  const inverted = await renderDicomFrame(ct, { preset: 'lung', invert: true });
  assert.equal(inverted.data[0], 255 - (lung.data[0] as number));
  await assert.rejects(renderDicomFrame(ct, { preset: 'no-such' }), /preset/);
});
