import type { PixelArray } from '../../imaging/pixelArray';
import { copyOut, cString, instantiateStandalone, WasmInputBuffer, type StandaloneExports } from './standaloneWasm';

/**
 * The binding to our own OpenJPEG build, codecs/openjpeg/openjpeg.wasm (see its README.md): a standalone
 * WebAssembly module with five C functions and no emscripten JavaScript, so the same code instantiates it in
 * Node and in a Web Worker from bytes the host supplies (standaloneWasm.ts).
 */

/** The file name hosts are asked for through `configureCodecs({ loadWasm })`. */
export const OPENJPEG_WASM_FILE = 'openjpeg.wasm';

/** codecs/openjpeg/j2k_wrapper.c's exports. */
interface WrapperExports extends StandaloneExports {
  j2k_malloc(bytes: number): number;
  j2k_free(ptr: number): void;
  j2k_decode(ptr: number, bytes: number, width: number, height: number, components: number): number;
  /** Points at 8 int32: width, height, components, precision, signed, bytes per sample, samples' pointer, bytes. */
  j2k_result(): number;
  /** Points at OpenJPEG's error messages of the last decode (NUL-terminated). */
  j2k_error(): number;
}

/** j2k_decode()'s statuses (j2k_wrapper.c). */
const J2K_OK = 0;
const J2K_NO_MEMORY = 2;
const J2K_UNSUPPORTED = 6;
const J2K_GEOMETRY = 7;
const STATUS_TEXT: Record<number, string> = {
  1: 'too short to be a JPEG 2000 codestream',
  [J2K_NO_MEMORY]: 'out of memory',
  3: 'OpenJPEG refused its decoding parameters',
  4: 'not a JPEG 2000 codestream, or its main header is damaged',
  5: 'its tile data could not be decoded',
};

/** The size a frame must have: the DICOM header's Columns, Rows and Samples per Pixel. */
export interface OpenJpegGeometry {
  width: number;
  height: number;
  components: number;
}

export interface OpenJpegImage extends OpenJpegGeometry {
  /** Interleaved samples in memory of their own: Uint8/Int8 up to 8 bits of precision, Uint16/Int16 above. */
  samples: PixelArray;
}

/**
 * What `decode` gives: the image, or `unsupported` for a valid codestream whose layout the wrapper does not write
 * (components of different sizes, i.e. subsampled chroma, or of different precisions, or deeper than 16 bits).
 */
export type OpenJpegOutcome = OpenJpegImage | 'unsupported';

/** A codestream OpenJPEG could not decode; the message names the reason and OpenJPEG's own messages. */
export class OpenJpegDecodeError extends Error {
  override readonly name = 'OpenJpegDecodeError';
}

/**
 * One instance of the module. A WebAssembly trap (a RuntimeError) may leave its heap inconsistent: the owner then
 * drops the instance and makes a new one from the compiled module.
 */
export class OpenJpegWasm {
  /** The codestream's buffer in WASM memory, kept across frames. */
  private readonly input: WasmInputBuffer;

  private constructor(private readonly x: WrapperExports) {
    this.input = new WasmInputBuffer(x.memory, x.j2k_malloc, x.j2k_free);
  }

  static async instantiate(module: WebAssembly.Module): Promise<OpenJpegWasm> {
    return new OpenJpegWasm(await instantiateStandalone<WrapperExports>(module));
  }

  /**
   * Decodes one JPEG 2000 codestream (or JP2 file) at full resolution if it has the expected geometry, which is
   * checked before the tile data is decoded; throws OpenJpegDecodeError on failure.
   */
  decode(codestream: Uint8Array, expected: OpenJpegGeometry): OpenJpegOutcome {
    const x = this.x;
    const ptr = this.input.place(codestream);
    if (!ptr) throw new OpenJpegDecodeError(`out of memory for the ${codestream.length}-byte codestream`);
    const status = x.j2k_decode(ptr, codestream.length, expected.width, expected.height, expected.components);
    if (status === J2K_UNSUPPORTED) return 'unsupported';
    if (status === J2K_GEOMETRY) {
      const [width, height, components] = new Int32Array(x.memory.buffer, x.j2k_result(), 3);
      throw new OpenJpegDecodeError(
        `the codestream is ${width} × ${height} with ${components} component(s), not ${expected.width} × ${expected.height} with ${expected.components}`,
      );
    }
    if (status !== J2K_OK) {
      const detail = cString(x.memory, x.j2k_error());
      const reason = STATUS_TEXT[status] ?? `status ${status}`;
      throw new OpenJpegDecodeError(detail ? `${reason}: ${detail}` : reason);
    }
    // Views are made only now: decoding may have grown (and so replaced) the memory's buffer.
    const [width, height, components, , signed, bytesPerSample, samplesPtr, bytes] = new Int32Array(x.memory.buffer, x.j2k_result(), 8);
    const own = copyOut(x.memory, samplesPtr, bytes);
    let samples: PixelArray;
    if (bytesPerSample === 1) samples = signed ? new Int8Array(own) : new Uint8Array(own);
    else samples = signed ? new Int16Array(own) : new Uint16Array(own);
    return { width, height, components, samples };
  }
}
