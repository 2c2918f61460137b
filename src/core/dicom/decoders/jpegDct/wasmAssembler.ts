// Expression helpers over WebAssembly's binary format (core spec 5.4), to write kernels as nested calls that read
// like the code they stand for: `set(x, add(get(a), i32(1)))` is `x = a + 1`. Each helper returns the bytes of its
// instruction after those of its operands (the stack machine's order). Only what the DCT kernel uses is here; the
// module layout follows src/core/dicom/pixels/wasmKernel.ts, with i64 locals added (the bit buffer needs them).

export type Code = number[];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

export const i32 = (n: number): Code => [0x41, ...sleb(n)];
export const get = (local: number): Code => [0x20, local];
export const set = (local: number, value: Code): Code => [...value, 0x21, local];

const binary = (opcode: number) => (a: Code, b: Code): Code => [...a, ...b, opcode];
export const add = binary(0x6a);
export const sub = binary(0x6b);
export const mul = binary(0x6c);
export const divU = binary(0x6e);
export const remU = binary(0x70);
export const and = binary(0x71);
export const or = binary(0x72);
export const xor = binary(0x73);
export const shl = binary(0x74);
export const shrS = binary(0x75);
export const shrU = binary(0x76);
export const eq = binary(0x46);
export const ne = binary(0x47);
export const ltU = binary(0x49);
export const gtS = binary(0x4a);
export const leU = binary(0x4d);
export const geU = binary(0x4f);
export const eqz = (a: Code): Code => [...a, 0x45];

// i64: the bit buffer, and sums that may pass 2^31.
/** An i32 widened to i64 without sign. */
export const u64 = (a: Code): Code => [...a, 0xad];
/** The low 32 bits of an i64. */
export const wrap = (a: Code): Code => [...a, 0xa7];
export const i64 = (n: number): Code => [0x42, ...sleb(n)];
export const add64 = binary(0x7c);
export const mul64 = binary(0x7e);
export const or64 = binary(0x84);
export const shl64 = binary(0x86);
export const shrU64 = binary(0x88);
export const gtS64 = binary(0x55);

// Memory: alignment hints are log2 of the natural size; `offset` is added to the address.
export const load = (addr: Code, offset = 0): Code => [...addr, 0x28, 2, ...uleb(offset)];
export const load8 = (addr: Code, offset = 0): Code => [...addr, 0x2d, 0, ...uleb(offset)];
export const load16 = (addr: Code, offset = 0): Code => [...addr, 0x2f, 1, ...uleb(offset)];
export const store = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x36, 2, ...uleb(offset)];
export const store16 = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x3b, 1, ...uleb(offset)];

// Control. Branch depths count enclosing blocks, loops and ifs from the innermost (0).
export const when = (cond: Code, then: Code, otherwise?: Code): Code =>
  [...cond, 0x04, 0x40, ...then, ...(otherwise ? [0x05, ...otherwise] : []), 0x0b];
/** `cond ? a : b` as an i32 value (only the chosen side runs). */
export const choose = (cond: Code, a: Code, b: Code): Code => [...cond, 0x04, 0x7f, ...a, 0x05, ...b, 0x0b];
/** A block: `br` to it leaves it. */
export const block = (body: Code): Code => [0x02, 0x40, ...body, 0x0b];
/** A loop: `br` to it starts its body again. */
export const loop = (body: Code): Code => [0x03, 0x40, ...body, 0x0b];
export const br = (depth: number): Code => [0x0c, depth];
export const brIf = (depth: number, cond: Code): Code => [...cond, 0x0d, depth];
export const ret = (value: Code): Code => [...value, 0x0f];
export const call = (fn: number, ...args: Code[]): Code => [...args.flat(), 0x10, fn];

/** Local indices for `names`, after `params` parameters: `const { a, b } = locals(2, ['a', 'b'])`. */
export function locals<N extends string>(params: number, names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((n, i) => [n, params + i])) as Record<N, number>;
}

/** A function of a module: i32 parameters, then its i32 and i64 locals, in that order. */
export interface WasmFunction {
  name: string;
  params: number;
  returnsI32: boolean;
  i32Locals: number;
  i64Locals: number;
  code: Code;
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

function functionBody(f: WasmFunction): number[] {
  const groups = [[f.i32Locals, 0x7f], [f.i64Locals, 0x7e]].filter(([n]) => n);
  const body = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n as number), t as number]), ...f.code, 0x0b];
  return [...uleb(body.length), ...body];
}

/** A module of `functions` (called by index, in order) that exports them and its memory, "m", of one 64 KiB page to start. */
export function assembleModule(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...uleb(f.params), ...new Array<number>(f.params).fill(0x7f), ...(f.returnsI32 ? [1, 0x7f] : [0])]);
  const exports = functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [...uleb(functions.length), ...types.flat()]),
    ...section(3, [...uleb(functions.length), ...functions.map((_, i) => i)]),
    ...section(5, [1, 0, 1]),
    ...section(7, [...uleb(functions.length + 1), ...name('m'), 0x02, 0, ...exports]),
    ...section(10, [...uleb(functions.length), ...functions.flatMap(functionBody)]),
  ]);
}

/** The module's exports; null where WebAssembly is missing or forbidden (a CSP), for a JS fallback. */
export function instantiate(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  try {
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } catch {
    return null;
  }
}
