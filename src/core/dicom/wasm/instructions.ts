// Instructions as expressions over WebAssembly's binary format (core spec 5.4, and the fixed-width SIMD opcodes),
// to write kernels as nested calls that read like the code they stand for: `set(x, add(get(a), i32(1)))` is
// `x = a + 1`. Each helper returns the bytes of its instruction after those of its operands (the stack machine's
// order). Only what the kernels use is here; ./assembler.ts lays their functions out as a module.

import { sleb, uleb } from './assembler';

export type Code = number[];

// Locals.
export const get = (local: number): Code => [0x20, ...uleb(local)];
export const set = (local: number, value: Code): Code => [...value, 0x21, ...uleb(local)];
/** `set` that leaves the value on the stack: `(x = value)` as an expression. */
export const tee = (local: number, value: Code): Code => [...value, 0x22, ...uleb(local)];

/** Local indices for `names`, after `params` parameters: `const { a, b } = locals(2, ['a', 'b'])`. */
export function locals<N extends string>(params: number, names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((n, i) => [n, params + i])) as Record<N, number>;
}

// i32.
export const i32 = (n: number): Code => [0x41, ...sleb(n)];
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
export const gtU = binary(0x4b);
export const leU = binary(0x4d);
export const geU = binary(0x4f);
export const eqz = (a: Code): Code => [...a, 0x45];
/** `cond ? a : b` of any one type, both sides evaluated (no branch). */
export const select = (a: Code, b: Code, cond: Code): Code => [...a, ...b, ...cond, 0x1b];

// i64: the bit buffer, and sums that may pass 2^31.
/** An i32 widened to i64 without sign. */
export const u64 = (a: Code): Code => [...a, 0xad];
/** The low 32 bits of an i64. */
export const wrap = (a: Code): Code => [...a, 0xa7];
export const i64 = (n: number | bigint): Code => [0x42, ...sleb(typeof n === 'number' && (n < -0x80000000 || n > 0x7fffffff) ? BigInt(n) : n)];
export const add64 = binary(0x7c);
export const sub64 = binary(0x7d);
export const mul64 = binary(0x7e);
export const or64 = binary(0x84);
export const shl64 = binary(0x86);
export const shrU64 = binary(0x88);
export const gtS64 = binary(0x55);
/** Trailing zero bits of an i64 (64 for zero), as an i64. */
export const ctz64 = (a: Code): Code => [...a, 0x7a];

// Memory: alignment hints are log2 of the natural size (16 bytes for v128); `offset` is added to the address.
export const load = (addr: Code, offset = 0): Code => [...addr, 0x28, 2, ...uleb(offset)];
export const load8 = (addr: Code, offset = 0): Code => [...addr, 0x2d, 0, ...uleb(offset)];
export const load16 = (addr: Code, offset = 0): Code => [...addr, 0x2f, 1, ...uleb(offset)];
export const store = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x36, 2, ...uleb(offset)];
export const store16 = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x3b, 1, ...uleb(offset)];
export const load64 = (addr: Code, offset = 0): Code => [...addr, 0x29, 3, ...uleb(offset)];
export const store64 = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0x37, 3, ...uleb(offset)];

// v128 (SIMD): 16 bytes at a time.
export const v128Load = (addr: Code, offset = 0): Code => [...addr, 0xfd, 0x00, 4, ...uleb(offset)];
export const v128Store = (addr: Code, value: Code, offset = 0): Code => [...addr, ...value, 0xfd, 0x0b, 4, ...uleb(offset)];
/** A v128 of zero bytes. */
export const v128Zero = (): Code => [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
/** i8x16.shuffle: byte j of the result is byte `lanes[j]` of a's 16 then b's 16 (0..31). */
export const shuffle = (lanes: readonly number[], a: Code, b: Code): Code => {
  if (lanes.length !== 16 || lanes.some((l) => !Number.isInteger(l) || l < 0 || l > 31)) throw new RangeError(`shuffle: lanes ${lanes.join()}`);
  return [...a, ...b, 0xfd, 0x0d, ...lanes];
};
/** i8x16.splat: the low byte of an i32 in all 16 lanes. */
export const splat8 = (a: Code): Code => [...a, 0xfd, 0x0f];

// Control. Branch depths count enclosing blocks, loops and ifs from the innermost (0).
export const when = (cond: Code, then: Code, otherwise?: Code): Code =>
  [...cond, 0x04, 0x40, ...then, ...(otherwise ? [0x05, ...otherwise] : []), 0x0b];
/** `cond ? a : b` as an i32 value (only the chosen side runs). */
export const choose = (cond: Code, a: Code, b: Code): Code => [...cond, 0x04, 0x7f, ...a, 0x05, ...b, 0x0b];
/** A block: `br` to it leaves it. */
export const block = (body: Code): Code => [0x02, 0x40, ...body, 0x0b];
/** A loop: `br` to it starts its body again. */
export const loop = (body: Code): Code => [0x03, 0x40, ...body, 0x0b];
export const br = (depth: number): Code => [0x0c, ...uleb(depth)];
export const brIf = (depth: number, cond: Code): Code => [...cond, 0x0d, ...uleb(depth)];
export const ret = (value: Code): Code => [...value, 0x0f];
export const call = (fn: number, ...args: Code[]): Code => [...args.flat(), 0x10, ...uleb(fn)];
