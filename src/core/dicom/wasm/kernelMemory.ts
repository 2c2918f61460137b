// The memory rules the core's kernels share: a kernel's module memory only grows, so a frame that needed a lot
// of it would keep it for the life of the worker or process unless its instance is dropped.

/** Memory a kernel keeps between frames; after a frame that grew it past this, its instance is dropped. */
const KEEP_BYTES = 16 * 2 ** 20;
/** Memory a kernel may take; a frame needing more is left to the JavaScript path. */
const MAX_BYTES = 2 ** 30;

/** Grows `memory` to hold `bytes`; false when it cannot or may not (the caller's JavaScript path decodes). */
export function reserveKernelMemory(memory: WebAssembly.Memory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  if (bytes > MAX_BYTES) return false;
  try {
    memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false;
  }
}

/** True when `memory` grew past what a kernel keeps: drop its instance (after the frame, failed or not). */
export function isKernelMemoryLarge(memory: WebAssembly.Memory): boolean {
  return memory.buffer.byteLength > KEEP_BYTES;
}
