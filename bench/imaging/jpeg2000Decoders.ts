// Our OpenJPEG build (codecs/openjpeg/openjpeg.wasm) against @cornerstonejs/codec-openjpeg, the npm build it
// replaced, on the same frames in one process:
//
//   node --import tsx bench/imaging/jpeg2000Decoders.ts [ROUNDS] [FILE...]
//
// Default files: the corpus' JPEG 2000 files and bench/.work/imaging/ct512/ct512_j2k_*.dcm (made by
// `npm run bench -- imaging`). Per file: the outputs are compared once (they must be identical), both decoders are
// warmed up, then each round times one decode of every frame with each, alternating which goes first, so drift
// and cache effects fall on both alike. Timed: the Decoder call (codestream into WASM, decode, samples out as the
// DecodedFrame), the part that differs; parsing the file is the same for both and left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureNodeCodecs } from '../../src/cli/nodeCodecs';
import { parseDicom } from '../../src/core/dicom';
import { encodedFrame } from '../../src/core/dicom/decodeFrame';
import { decodeJpeg2000, jpeg2000DecoderUse } from '../../src/core/dicom/decoders/decodeJpeg2000';
import { toDecodedFrame } from '../../src/core/dicom/decoders/frameResult';
import { decodeWithCornerstoneOpenJpeg } from '../../src/core/dicom/decoders/openjpegCornerstone';
import { pixelFormatOf } from '../../src/core/dicom/pixelFormat';
import type { DecodedFrame, EncodedFrame } from '../../src/core/dicom/types';
import { repoRoot } from './paths';

const WARMUP = 5;

function defaultFiles(): string[] {
  const corpus = join(repoRoot, 'samples', 'dicom');
  const ct512 = join(repoRoot, 'bench', '.work', 'imaging', 'ct512');
  const pick = (dir: string, re: RegExp): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f)) : []);
  return [...pick(ct512, /^ct512_j2k_.*\.dcm$/), ...pick(corpus, /_j2k_.*\.dcm$/)];
}

const cornerstone = async (frame: EncodedFrame): Promise<DecodedFrame> => toDecodedFrame(await decodeWithCornerstoneOpenJpeg(frame), frame, false, 'npm');

function bytesOf(d: DecodedFrame): Buffer {
  return Buffer.from(d.pixels.buffer, d.pixels.byteOffset, d.pixels.byteLength);
}

async function timeOnce(decode: (f: EncodedFrame) => Promise<DecodedFrame>, frames: EncodedFrame[]): Promise<number> {
  const t0 = performance.now();
  for (const f of frames) await decode(f);
  return performance.now() - t0;
}

function quartiles(xs: number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] as number;
  return [at(0.25), at(0.5), at(0.75)];
}

async function main(): Promise<void> {
  configureNodeCodecs();
  const args = process.argv.slice(2);
  const rounds = args[0] && /^\d+$/.test(args[0]) ? Number(args.shift()) : 30;
  const files = args.length ? args : defaultFiles();
  const ms = (x: number): string => x.toFixed(2);
  console.log(`${rounds} rounds per file, Node ${process.version}; ms per file (median, q1–q3)`);
  console.log('| file | frames | npm codec-openjpeg 1.3.6 | codecs/openjpeg | after/before |');
  console.log('|---|---|---|---|---|');
  for (const path of files) {
    const file = parseDicom(new Uint8Array(readFileSync(path)));
    const format = pixelFormatOf(file.info);
    const frames = Array.from({ length: format.frames }, (_, i) => encodedFrame(file, format, i));
    for (const f of frames) {
      if (!bytesOf(await decodeJpeg2000(f)).equals(bytesOf(await cornerstone(f)))) throw new Error(`${path}: the decoders disagree`);
    }
    for (let i = 0; i < WARMUP; i++) {
      await timeOnce(decodeJpeg2000, frames);
      await timeOnce(cornerstone, frames);
    }
    const before: number[] = [];
    const after: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        before.push(await timeOnce(cornerstone, frames));
        after.push(await timeOnce(decodeJpeg2000, frames));
      } else {
        after.push(await timeOnce(decodeJpeg2000, frames));
        before.push(await timeOnce(cornerstone, frames));
      }
    }
    const [b1, b, b3] = quartiles(before);
    const [a1, a, a3] = quartiles(after);
    const name = path.startsWith(repoRoot) ? path.slice(repoRoot.length + 1) : path;
    console.log(`| ${name} | ${frames.length} | ${ms(b)} (${ms(b1)}–${ms(b3)}) | ${ms(a)} (${ms(a1)}–${ms(a3)}) | ${(a / b).toFixed(3)} |`);
  }
  const use = jpeg2000DecoderUse();
  if (use.unavailable || use.cornerstone > 0) throw new Error(`our build did not decode every frame: ${JSON.stringify(use)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
