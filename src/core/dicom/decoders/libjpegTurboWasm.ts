import { copyOut, cString, instantiateStandalone, WasmInputBuffer, type StandaloneExports } from './standaloneWasm';

/**
 * The binding to our own libjpeg-turbo build, codecs/libjpeg-turbo/libjpeg-turbo.wasm (see its README.md): a
 * standalone WebAssembly module with five C functions (jw_wrapper.c) and no emscripten JavaScript, instantiated
 * in Node and in a Web Worker alike from bytes the host supplies (standaloneWasm.ts).
 */

/** The file name hosts are asked for through `configureCodecs({ loadWasm })`. */
export const LIBJPEG_TURBO_WASM_FILE = 'libjpeg-turbo.wasm';

/** codecs/libjpeg-turbo/jw_wrapper.c's exports. */
interface WrapperExports extends StandaloneExports {
  jw_malloc(bytes: number): number;
  jw_free(ptr: number): void;
  jw_decode(ptr: number, bytes: number, width: number, height: number, components: number, flags: number): number;
  /** Points at 5 int32: width, height, components, samples' pointer, bytes. */
  jw_result(): number;
  /** Points at libjpeg's message about the last decode (NUL-terminated); the same address every time. */
  jw_error(): number;
}

/** jw_decode()'s statuses and flags (jw_wrapper.c). */
const JW_OK = 0;
const JW_CORRUPT = 1;
const JW_UNSUPPORTED = 2;
const JW_NO_MEMORY = 3;
const JW_GEOMETRY = 4;
const JW_KEEP_COLOR = 1;

/** The size a frame must have: the DICOM header's Columns, Rows and Samples per Pixel. */
export interface JpegGeometry {
  width: number;
  height: number;
  components: number;
}

/**
 * What `decode` gives: interleaved 8-bit samples (grey, or three components) in memory of their own, or
 * `unsupported` for a JPEG stream with neither 1 nor 3 components, which the wrapper does not write.
 */
export type LibJpegTurboOutcome = Uint8Array | 'unsupported';

/** A JPEG stream libjpeg could not decode; the message is libjpeg's own. */
export class LibJpegTurboDecodeError extends Error {
  override readonly name = 'LibJpegTurboDecodeError';

  /**
   * @param trapped libjpeg's fatal error ended in a WebAssembly trap (jw_wrapper.c explains why): the instance
   *   is unusable from then on, and its owner must make a new one.
   */
  constructor(
    message: string,
    readonly trapped: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One instance of the module; after a trap (see `trapped`) it refuses to decode. */
export class LibJpegTurboWasm {
  /** The JPEG stream's buffer in WASM memory, kept across frames. */
  private readonly input: WasmInputBuffer;
  /** jw_error()'s static buffer, read without calling into the instance again after a trap. */
  private readonly errorPtr: number;
  private broken = false;

  private constructor(private readonly x: WrapperExports) {
    this.input = new WasmInputBuffer(x.memory, x.jw_malloc, x.jw_free);
    this.errorPtr = x.jw_error();
  }

  static async instantiate(module: WebAssembly.Module): Promise<LibJpegTurboWasm> {
    return new LibJpegTurboWasm(await instantiateStandalone<WrapperExports>(module));
  }

  /**
   * Decodes one 8-bit JPEG stream (any DCT process libjpeg reads) if it has the expected geometry, which is
   * checked before any entropy-coded data is read; throws LibJpegTurboDecodeError on failure, libjpeg's warnings
   * (corrupt data) included. `keepColor`: three components come out as coded (Y, Cb, Cr for DICOM's YBR_*
   * photometrics), not converted to R, G, B.
   */
  decode(stream: Uint8Array, expected: JpegGeometry, keepColor: boolean): LibJpegTurboOutcome {
    if (this.broken) throw new LibJpegTurboDecodeError('the decoder trapped on an earlier frame', true);
    const x = this.x;
    let status: number;
    try {
      const ptr = this.input.place(stream);
      if (!ptr) throw new LibJpegTurboDecodeError(`out of memory for the ${stream.length}-byte JPEG stream`, false);
      status = x.jw_decode(ptr, stream.length, expected.width, expected.height, expected.components, keepColor ? JW_KEEP_COLOR : 0);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      this.broken = true;
      // jw_wrapper.c's on_error() wrote libjpeg's message before trapping; any other trap is a bug's.
      const message = cString(x.memory, this.errorPtr) || `WebAssembly trap: ${e.message}`;
      throw new LibJpegTurboDecodeError(message, true, { cause: e });
    }
    if (status === JW_UNSUPPORTED) return 'unsupported';
    // Views are made only now: decoding may have grown (and so replaced) the memory's buffer.
    const [width, height, components, samplesPtr, bytes] = new Int32Array(x.memory.buffer, x.jw_result(), 5);
    if (status === JW_GEOMETRY) {
      throw new LibJpegTurboDecodeError(
        `the JPEG stream is ${width} × ${height} with ${components} component(s), not ${expected.width} × ${expected.height} with ${expected.components}`,
        false,
      );
    }
    if (status !== JW_OK) {
      const detail = cString(x.memory, this.errorPtr);
      const reason =
        status === JW_CORRUPT ? `corrupt data, which libjpeg warned of: ${detail}` : status === JW_NO_MEMORY ? `out of memory: ${detail}` : `status ${status}: ${detail}`;
      throw new LibJpegTurboDecodeError(reason, false);
    }
    return new Uint8Array(copyOut(x.memory, samplesPtr, bytes));
  }
}
