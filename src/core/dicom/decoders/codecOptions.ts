import type { EmscriptenArgs, EmscriptenFactory } from './codecTypes';

export interface CodecOptions {
  /**
   * Where a codec's .wasm file is served from (a Web Worker bundled by webpack passes its asset URL).
   * Left unset, each emscripten build finds the .wasm next to its JS (Node).
   */
  locateFile?: (fileName: string) => string;
}

let current: CodecOptions = {};

/** Sets how WASM codecs find their binaries; affects codecs initialised after the call. */
export function configureCodecs(options: CodecOptions): void {
  current = { ...options };
}

const quiet = (): void => {};

function emscriptenArgs(): EmscriptenArgs {
  const locate = current.locateFile;
  // Codec chatter would corrupt `--json` stdout; failures surface as DicomErrors instead.
  const args: EmscriptenArgs = { print: quiet, printErr: quiet };
  if (locate) args.locateFile = (fileName: string) => locate(fileName);
  return args;
}

/**
 * Instantiates an emscripten codec from its dynamically imported module. CommonJS builds arrive as
 * `{ default: factory }` (bundlers, Node's import()) or as the factory itself.
 */
export function instantiate<M>(imported: { default: EmscriptenFactory<M> } | EmscriptenFactory<M>): Promise<M> {
  const factory = typeof imported === 'function' ? imported : imported.default;
  return factory(emscriptenArgs());
}
