import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
// Straight from its module rather than the core's index, so that setting it up loads no other part of the core
// (test/unit/setup.ts runs before every test file, some of which change the environment before the core loads).
import { configureCodecs } from '../core/dicom/decoders/codecOptions';

/** Our own codec builds, by the file name the core asks for, under the package root. */
const OWN_BUILDS: Readonly<Record<string, string>> = {
  'openjpeg.wasm': join('codecs', 'openjpeg', 'openjpeg.wasm'),
  'libjpeg-turbo.wasm': join('codecs', 'libjpeg-turbo', 'libjpeg-turbo.wasm'),
};

/**
 * A file of the package, looked for in this module's folder and the folders above it: this module runs as its
 * TypeScript source (src/cli/, through tsx), inside the CLI bundle (dist/cli.js) and inside the benchmark's
 * bundles (bench/.work/ours/), and the package root is a different number of levels up from each.
 */
function packageFile(relative: string): string | undefined {
  let dir = __dirname;
  for (let up = 0; up < 5; up++, dir = dirname(dir)) {
    const path = join(dir, relative);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * The core's `loadWasm` in Node: the bytes of our own builds, read from the package. Undefined for the emscripten
 * builds of the npm codecs, which find their .wasm next to their JavaScript, and for a build that is missing
 * (the core then falls back to the npm codec).
 */
export async function loadNodeCodecWasm(fileName: string): Promise<ArrayBuffer | undefined> {
  const relative = OWN_BUILDS[fileName];
  const path = relative === undefined ? undefined : packageFile(relative);
  if (path === undefined) return undefined;
  return new Uint8Array(await readFile(path)).buffer;
}

/** Lets the core's codecs load in Node: the CLI does this at start-up, unit tests and benchmarks alike. */
export function configureNodeCodecs(): void {
  configureCodecs({ loadWasm: loadNodeCodecWasm });
}
