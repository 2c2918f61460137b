import type { EmscriptenArgs, EmscriptenFactory } from './codecTypes';

export interface CodecOptions {
  /**
   * Where a codec's .wasm file is served from (a Web Worker bundled by webpack passes its asset URL).
   * Left unset, each emscripten build finds the .wasm next to its JS (Node).
   */
  locateFile?: (fileName: string) => string;
  /**
   * Supplies a codec's .wasm bytes (emscripten's `wasmBinary`) instead of letting it fetch them: a webview's
   * blob-started worker cannot fetch extension resources itself, its page fetches them and passes them on.
   * Undefined for a file leaves an emscripten build to find its binary itself (next to its JS, in Node).
   * Our own builds have no such default: codecs/openjpeg/openjpeg.wasm and codecs/libjpeg-turbo/libjpeg-turbo.wasm
   * (asked for as 'openjpeg.wasm' and 'libjpeg-turbo.wasm') are used only when this supplies them, else JPEG 2000
   * and 8-bit JPEG fall back to the npm codecs (src/cli/nodeCodecs.ts supplies them in Node, the webview's page
   * in its worker).
   */
  loadWasm?: (fileName: string) => Promise<ArrayBuffer | undefined>;
}

let current: CodecOptions = {};

/** Sets how WASM codecs find their binaries; affects codecs initialised after the call. */
export function configureCodecs(options: CodecOptions): void {
  current = { ...options };
}

const quiet = (): void => {};

async function emscriptenArgs(wasmFile: string): Promise<EmscriptenArgs> {
  const { locateFile: locate, loadWasm } = current;
  // Codec chatter would corrupt `--json` stdout; failures surface as DicomErrors instead.
  const args: EmscriptenArgs = { print: quiet, printErr: quiet };
  if (locate) args.locateFile = (fileName: string) => locate(fileName);
  const wasmBinary = await loadWasm?.(wasmFile);
  if (wasmBinary) args.wasmBinary = wasmBinary;
  return args;
}

/** The bytes of one of our own WASM builds (no emscripten glue, so nothing else can find them), if the host supplies them. */
export function codecWasm(fileName: string): Promise<ArrayBuffer | undefined> {
  return current.loadWasm?.(fileName) ?? Promise.resolve(undefined);
}

/**
 * Instantiates an emscripten codec from its dynamically imported module. CommonJS builds arrive as
 * `{ default: factory }` (bundlers, Node's import()) or as the factory itself. `wasmFile` names the
 * binary the build loads (under the package's dist/).
 */
export async function instantiate<M>(imported: { default: EmscriptenFactory<M> } | EmscriptenFactory<M>, wasmFile: string): Promise<M> {
  const factory = typeof imported === 'function' ? imported : imported.default;
  return factory(await emscriptenArgs(wasmFile));
}
