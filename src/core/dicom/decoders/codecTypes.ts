/** The parts of the cornerstonejs emscripten codec builds (embind classes) that we call. */

export interface EmscriptenArgs {
  locateFile?: (fileName: string, scriptDirectory: string) => string;
  /** The module's .wasm bytes, so it does not fetch them. */
  wasmBinary?: ArrayBuffer;
  /** stdout/stderr of the C code (OpenJPEG logs every header it reads). */
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface EmbindObject {
  delete(): void;
}

/** Shared shape of the JPEG-LS, libjpeg-turbo, OpenJPEG and OpenJPH decoders. */
export interface WasmFrameDecoder extends EmbindObject {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): CodecFrameInfo;
  decode(): void;
}

export interface JpegLsDecoder extends WasmFrameDecoder {
  /** 0 = none (planes one after another), 1 = line, 2 = sample. */
  getInterleaveMode(): number;
  getNearLossless(): number;
}

export interface CharLsModule {
  JpegLSDecoder: new () => JpegLsDecoder;
  getExceptionMessage?: (e: unknown) => string;
}

export interface LibJpegTurboModule {
  JPEGDecoder: new () => WasmFrameDecoder;
}

export interface OpenJpegModule {
  J2KDecoder: new () => WasmFrameDecoder;
}

export interface OpenJphModule {
  HTJ2KDecoder: new () => WasmFrameDecoder;
}

export type EmscriptenFactory<M> = (args?: EmscriptenArgs) => Promise<M>;
