// Times two decoders of one transfer syntax family against each other on the same frames in one process: the
// driver of jpeg2000Decoders.ts and jpegBaselineDecoders.ts.
//
// Per file: the outputs are compared once (they must be identical), both decoders are warmed up, then each round
// times one decode of every frame with each, alternating which goes first, so drift and cache effects fall on
// both alike. Timed: the decoder call (encoded frame into WASM, decode, samples out as the DecodedFrame), the part
// that differs; parsing the file is the same for both and left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom } from '../../src/core/dicom';
import { encodedFrame } from '../../src/core/dicom/decodeFrame';
import { pixelFormatOf } from '../../src/core/dicom/pixelFormat';
import type { DecodedFrame, EncodedFrame } from '../../src/core/dicom/types';
import { quantile } from './stats';
import { rel, repoRoot } from './paths';

const WARMUP = 5;

export type FrameDecoder = (frame: EncodedFrame) => Promise<DecodedFrame>;

export interface DecoderPair {
  /** Column titles: the decoder used before, ours. */
  beforeName: string;
  afterName: string;
  before: FrameDecoder;
  after: FrameDecoder;
}

/** Files of the corpus (samples/dicom) and of the benchmark's CT series (bench/.work/imaging/ct512) matching `re`. */
export function benchFiles(ct512: RegExp, corpus: RegExp): string[] {
  const pick = (dir: string, re: RegExp): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f)) : []);
  return [...pick(join(repoRoot, 'bench', '.work', 'imaging', 'ct512'), ct512), ...pick(join(repoRoot, 'samples', 'dicom'), corpus)];
}

function bytesOf(d: DecodedFrame): Buffer {
  return Buffer.from(d.pixels.buffer, d.pixels.byteOffset, d.pixels.byteLength);
}

async function timeOnce(decode: FrameDecoder, frames: readonly EncodedFrame[]): Promise<number> {
  const t0 = performance.now();
  for (const f of frames) await decode(f);
  return performance.now() - t0;
}

/** Prints a Markdown table: per file, the median (q1–q3) ms of each decoder and their ratio. */
export async function compareDecoders(pair: DecoderPair, files: readonly string[], rounds: number): Promise<void> {
  const ms = (x: number): string => x.toFixed(x < 1 ? 3 : 2);
  const spread = (xs: number[]): string => `${ms(quantile(xs, 0.5))} (${ms(quantile(xs, 0.25))}–${ms(quantile(xs, 0.75))})`;
  console.log(`${rounds} rounds per file, Node ${process.version}; ms per file (median, q1–q3)`);
  console.log(`| file | frames | ${pair.beforeName} | ${pair.afterName} | after/before |`);
  console.log('|---|---|---|---|---|');
  for (const path of files) {
    const file = parseDicom(new Uint8Array(readFileSync(path)));
    const format = pixelFormatOf(file.info);
    const frames = Array.from({ length: format.frames }, (_, i) => encodedFrame(file, format, i));
    for (const f of frames) {
      if (!bytesOf(await pair.after(f)).equals(bytesOf(await pair.before(f)))) throw new Error(`${path}: the decoders disagree`);
    }
    for (let i = 0; i < WARMUP; i++) {
      await timeOnce(pair.after, frames);
      await timeOnce(pair.before, frames);
    }
    const before: number[] = [];
    const after: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        before.push(await timeOnce(pair.before, frames));
        after.push(await timeOnce(pair.after, frames));
      } else {
        after.push(await timeOnce(pair.after, frames));
        before.push(await timeOnce(pair.before, frames));
      }
    }
    const ratio = quantile(after, 0.5) / quantile(before, 0.5);
    console.log(`| ${rel(path)} | ${frames.length} | ${spread(before)} | ${spread(after)} | ${ratio.toFixed(3)} |`);
  }
}

/** `[ROUNDS] [FILE...]` from the command line. */
export function roundsAndFiles(defaultFiles: () => string[]): { rounds: number; files: string[] } {
  const args = process.argv.slice(2);
  const rounds = args[0] && /^\d+$/.test(args[0]) ? Number(args.shift()) : 30;
  return { rounds, files: args.length ? args : defaultFiles() };
}
