// The cornerstonejs codec packages ship no typings; these describe the emscripten factories we load.
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: import('./codecTypes').EmscriptenFactory<import('./codecTypes').CharLsModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: import('./codecTypes').EmscriptenFactory<import('./codecTypes').LibJpegTurboModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: import('./codecTypes').EmscriptenFactory<import('./codecTypes').OpenJpegModule>;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: import('./codecTypes').EmscriptenFactory<import('./codecTypes').OpenJphModule>;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
    frame: { dimX: number; dimY: number; numComp: number; precision: number };
  }
}
