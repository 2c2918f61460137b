/**
 * What our own codec builds (codecs/, see their README.md files) have in common: each is a standalone WebAssembly
 * module made by emscripten (STANDALONE_WASM, no emscripten JavaScript glue), a C wrapper's few functions over a
 * C library, so the same small TypeScript runs it in Node and in a Web Worker from bytes the host supplies. This
 * module instantiates one and moves bytes in and out of its memory; the bindings (openjpegWasm.ts,
 * libjpegTurboWasm.ts) know their wrapper's functions.
 */

/** What every such module exports besides its wrapper's functions. */
export interface StandaloneExports {
  memory: WebAssembly.Memory;
  /** Runs the C library's constructors (a reactor module's start). */
  _initialize(): void;
}

/** WASI's "function not implemented". */
const ENOSYS = 52;

/**
 * The host functions these modules may import, all trivial. The C libraries read the environment (OpenJPEG
 * OPJ_NUM_THREADS, libjpeg JPEGMEM): an empty one is reported. Memory growth needs no action, as every view of
 * memory is made after the call that may grow it. libjpeg's default message and exit handlers bring in stdio and
 * exit(); the wrapper replaces those handlers, so these are never called, and would fail if they were.
 */
function hostImports(memory: () => WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: { emscripten_notify_memory_growth: () => {} },
    wasi_snapshot_preview1: {
      environ_sizes_get: (countPtr: number, sizePtr: number): number => {
        const view = new DataView(memory().buffer);
        view.setUint32(countPtr, 0, true);
        view.setUint32(sizePtr, 0, true);
        return 0;
      },
      environ_get: (): number => 0,
      fd_write: (): number => ENOSYS,
      fd_seek: (): number => ENOSYS,
      fd_close: (): number => ENOSYS,
      proc_exit: (code: number): never => {
        throw new Error(`the codec called exit(${code})`);
      },
    },
  };
}

/** A new instance of a compiled module, its C library initialised; `E` describes its wrapper's exports. */
export async function instantiateStandalone<E extends StandaloneExports>(module: WebAssembly.Module): Promise<E> {
  // The imports need the memory, which exists only once the module is instantiated.
  const host: { memory?: WebAssembly.Memory } = {};
  const instance = await WebAssembly.instantiate(module, hostImports(() => host.memory as WebAssembly.Memory));
  const exports = instance.exports as unknown as E;
  host.memory = exports.memory;
  exports._initialize();
  return exports;
}

/** The NUL-terminated UTF-8 string at `ptr` (a C wrapper's error text). */
export function cString(memory: WebAssembly.Memory, ptr: number): string {
  const bytes = new Uint8Array(memory.buffer);
  let end = ptr;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(ptr, end));
}

/** `bytes` bytes at `ptr` copied out of the module's memory into a buffer of their own. */
export function copyOut(memory: WebAssembly.Memory, ptr: number, bytes: number): ArrayBuffer {
  // A copy, as the memory's buffer is replaced when it grows and the wrapper reuses its output buffer.
  return memory.buffer.slice(ptr, ptr + bytes);
}

/**
 * The encoded frame's buffer in the module's memory, kept and grown across frames to spare a malloc and free per
 * frame.
 */
export class WasmInputBuffer {
  private ptr = 0;
  private capacity = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly malloc: (bytes: number) => number,
    private readonly free: (ptr: number) => void,
  ) {}

  /** Copies `data` in and returns where it is, or 0 when the module is out of memory. */
  place(data: Uint8Array): number {
    if (data.length > this.capacity || this.ptr === 0) {
      if (this.ptr) this.free(this.ptr);
      this.capacity = 0;
      // At least one byte, so that even an empty frame is handed to the C code as a real pointer.
      this.ptr = this.malloc(Math.max(1, data.length));
      if (!this.ptr) return 0;
      this.capacity = Math.max(1, data.length);
    }
    // The view is made after malloc, which may have grown (and so replaced) the memory's buffer.
    new Uint8Array(this.memory.buffer, this.ptr, data.length).set(data);
    return this.ptr;
  }
}
