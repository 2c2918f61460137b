// Small WebAssembly SIMD kernels, assembled in code from a few hundred bytes (WebAssembly core spec, binary format;
// the fixed-width SIMD opcodes). Byte shuffles and PackBits runs are many times faster as 16-byte vector operations
// than as JS loops over typed arrays, and no npm package offers them; the kernels work in their module's own memory,
// which callers copy into and out of. A few hundred bytes built at first use need no .wasm asset, so they load
// wherever the core runs (Node, the webview's worker) and fall back to JavaScript where WebAssembly is refused.

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

/** The instructions the kernels use, each as its bytes. v128 memory accesses declare 16-byte alignment. */
export const op = {
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32: (n: number) => [0x41, ...sleb(n)],
  add: [0x6a],
  sub: [0x6b],
  ltU: [0x49],
  gtU: [0x4b],
  geU: [0x4f],
  select: [0x1b],
  load8: [0x2d, 0, 0],
  v128Load: (offset = 0) => [0xfd, 0x00, 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 4, ...uleb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  splat8: [0xfd, 0x0f],
  shuffle: (lanes: number[]) => [0xfd, 0x0d, ...lanes],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
};

export interface KernelFunction {
  name: string;
  /** i32 parameters, locals 0 .. params - 1. */
  params: number;
  returnsI32: boolean;
  /** i32 locals after the parameters, then v128 locals. */
  i32Locals: number;
  v128Locals: number;
  code: number[];
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const names = (name: string): number[] => [name.length, ...Array.from(name, (c) => c.charCodeAt(0))];

function functionBody(f: KernelFunction): number[] {
  const locals = [[f.i32Locals, 0x7f], [f.v128Locals, 0x7b]].filter(([n]) => n);
  const body = [locals.length, ...locals.flat(), ...f.code, ...op.end];
  return [...uleb(body.length), ...body];
}

/** A module of `functions` that exports them and its memory, "m" (one 64 KiB page to start). */
export function assembleKernel(functions: KernelFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, f.params, ...new Array<number>(f.params).fill(0x7f), ...(f.returnsI32 ? [1, 0x7f] : [0])]);
  const exports = functions.flatMap((f, i) => [...names(f.name), 0x00, i]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [functions.length, ...types.flat()]),
    ...section(3, [functions.length, ...functions.map((_, i) => i)]),
    ...section(5, [1, 0, 1]),
    ...section(7, [functions.length + 1, ...names('m'), 0x02, 0, ...exports]),
    ...section(10, [functions.length, ...functions.flatMap(functionBody)]),
  ]);
}

/** The kernel's exports; null where WebAssembly or its SIMD is missing or forbidden (a CSP), for a JS fallback. */
export function instantiateKernel(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  try {
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  } catch {
    return null;
  }
}
