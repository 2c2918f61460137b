// The one WebAssembly assembler of the core: small kernels (byte swaps, RLE, the 12-bit JPEG scan) are written in
// code with the instructions of ./instructions.ts and laid out here as a module in the binary format (WebAssembly
// core spec 5; the fixed-width SIMD opcodes). A few hundred bytes to a few KiB built at first use need no .wasm
// asset, so they load wherever the core runs (Node, the webview's worker) and fall back to JavaScript where
// WebAssembly is refused.

/** Unsigned LEB128 of a count, size, index or offset (0 .. 2^32 - 1). */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`uleb: ${n} is not a u32`);
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
}

/**
 * Signed LEB128 of a constant: a number in int32 range (or up to 2^32 - 1, read as its int32 bits, as i32.const
 * takes it), or a bigint in int64 range for i64.const.
 */
export function sleb(n: number | bigint): number[] {
  if (typeof n === 'bigint') return slebBig(n);
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0xffffffff) throw new RangeError(`sleb: ${n} is not an i32`);
  n |= 0;
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

function slebBig(n: bigint): number[] {
  if (n < -(2n ** 63n) || n >= 2n ** 64n) throw new RangeError(`sleb: ${n} is not an i64`);
  n = BigInt.asIntN(64, n);
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

/**
 * A function of a module: i32 parameters (locals 0 .. params - 1), then its i32, i64 and v128 locals, in that
 * order; it returns one i32 or nothing.
 */
export interface WasmFunction {
  name: string;
  params: number;
  returnsI32: boolean;
  i32Locals?: number;
  i64Locals?: number;
  v128Locals?: number;
  code: number[];
}

const I32 = 0x7f;
const I64 = 0x7e;
const V128 = 0x7b;

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

function functionBody(f: WasmFunction): number[] {
  const groups = ([[f.i32Locals ?? 0, I32], [f.i64Locals ?? 0, I64], [f.v128Locals ?? 0, V128]] as const).filter(([n]) => n);
  const body = [...vector(groups.map(([n, t]) => [...uleb(n), t])), ...f.code, 0x0b];
  return [...uleb(body.length), ...body];
}

/**
 * A module of `functions` (called by index, in order, each with a type of its own) that exports them by name and
 * its memory as "m", of one 64 KiB page to start.
 */
export function assembleModule(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(new Array<number[]>(f.params).fill([I32])), ...(f.returnsI32 ? [1, I32] : [0])]);
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(5, [1, 0, 1]),
    ...section(7, vector([[...name('m'), 0x02, 0], ...exports])),
    ...section(10, vector(functions.map(functionBody))),
  ]);
}

/**
 * The module's exports; null where WebAssembly is missing or forbidden (a CSP without 'wasm-unsafe-eval') or the
 * engine rejects the module (one without SIMD), for a JS fallback.
 */
export function instantiate(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  try {
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } catch {
    return null;
  }
}
