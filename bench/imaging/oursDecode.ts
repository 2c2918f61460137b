// Our side of `npm run bench -- imaging`, run as a child process (`node --import tsx`) with the same
// arguments and JSON output as the peers in bench/peers/:
//
//   oursDecode.ts files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...
//
// Per file: the bytes are read into memory first; each timed iteration is parseDicom (whole header, image
// attributes read) + decodeAllFrames (every frame into one typed array), the work `inspect` does before hashing.
// Deflated data sets are inflated with Node's zlib.inflateRawSync, which a Node caller passes to the core. The
// codecs are set up as the CLI sets them up (configureNodeCodecs: our OpenJPEG build for JPEG 2000).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';
import { decodeAllFrames, parseDicom } from '../../src/core/dicom';
import type { PixelArray } from '../../src/core/imaging/pixelArray';

configureNodeCodecs();

const inflate = (d: Uint8Array): Uint8Array => inflateRawSync(d);

async function decode(bytes: Uint8Array): Promise<{ pixels: PixelArray; shape: number[] }> {
  const file = parseDicom(bytes, { inflate });
  const { pixels, format } = await decodeAllFrames(file);
  return { pixels, shape: [format.frames, format.rows, format.columns, format.samplesPerPixel] };
}

function checksum(pixels: PixelArray): number {
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += pixels[i] as number;
  return sum;
}

async function files(warmup: number, minIters: number, minMs: number, maxIters: number, paths: string[]): Promise<void> {
  // Untimed: every file decoded once first, as every implementation does (see bench/peers/dcmtk_decode.cc for why).
  for (const path of paths) await decode(new Uint8Array(readFileSync(path))).catch(() => undefined);
  const results: object[] = [];
  for (const path of paths) {
    const bytes = new Uint8Array(readFileSync(path));
    let first;
    try {
      first = await decode(bytes);
    } catch (e) {
      results.push({ file: path, ok: false, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    for (let i = 0; i < warmup; i++) await decode(bytes);
    const samples: number[] = [];
    let total = 0;
    while ((samples.length < minIters || total < minMs * 1000) && samples.length < maxIters) {
      const t0 = process.hrtime.bigint();
      await decode(bytes);
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      samples.push(us);
      total += us;
    }
    results.push({ file: path, ok: true, shape: first.shape, checksum: checksum(first.pixels), samplesUs: samples });
  }
  process.stdout.write(`${JSON.stringify({ results, node: process.version })}\n`);
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'files' && rest.length >= 4) {
    const [w, n, ms, max, ...paths] = rest;
    await files(Number(w), Number(n), Number(ms), Number(max), paths);
  } else {
    throw new Error('usage: oursDecode.ts files WARMUP MIN_ITERS MIN_MS MAX_ITERS FILE...');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
