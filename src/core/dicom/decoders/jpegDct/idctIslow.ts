/**
 * The accurate integer inverse DCT of the IJG library (jidctint.c, "islow"), the default of
 * libjpeg 6b as built into DCMTK and GDCM, so our output matches theirs bit for bit.
 *
 * libjpeg computes in 64-bit `long` (INT32 on LP64) and keeps the work array in 32-bit `int`.
 * Two implementations give exactly its results:
 *  - `idctInt32`: 32-bit arithmetic (Math.imul, `| 0`), which wraps modulo 2^32. Every step is a
 *    ring operation, so each value before a descaling shift is right modulo 2^32, hence right
 *    outright when it lies in the int32 range. `int32IdctIsExact` proves that bound per block from
 *    the coefficients (derivation there). All blocks of real images pass it.
 *  - `idctExact`: float64, exact for any coefficients (below 2^53 throughout, see there), for the
 *    blocks that fail the bound.
 * Both take dequantised coefficients in natural order and leave `coef` all zero for the next block.
 */

const CONST_BITS = 13;
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

/**
 * The largest |weight| of one input in one output of a 1-D pass (before descaling), over all
 * eight outputs: each output is a fixed integer combination of the eight inputs. Inputs 0 and 4
 * weigh exactly 2^CONST_BITS. Checked against oddEvenFloat by the unit tests.
 */
export const MAX_PASS_WEIGHT = 11363;

/** PASS1_BITS of jidctint.c: 12-bit data keeps one bit less in the work array to avoid overflow. */
export const pass1BitsFor = (precision: number): number => (precision === 8 ? 2 : 1);

/**
 * The post-IDCT range-limit table of jdmaster.c (prepare_range_limit_table), indexed by
 * `value & (4 * (maxSample + 1) - 1)`: adds CENTERJSAMPLE and clamps, wrapping as libjpeg does.
 * One table per precision, made once: it is 16K entries for 12-bit data.
 */
const rangeTables = new Map<number, Uint16Array>();
export function rangeLimitTable(precision: number): Uint16Array {
  let table = rangeTables.get(precision);
  if (table) return table;
  const size = 1 << precision;
  const max = size - 1;
  const center = size >> 1;
  table = new Uint16Array(4 * size);
  for (let i = 0; i < 4 * size; i++) {
    if (i < center) table[i] = i + center;
    else if (i < 2 * size) table[i] = max;
    else if (i < 4 * size - center) table[i] = 0;
    else table[i] = i - (4 * size - center);
  }
  rangeTables.set(precision, table);
  return table;
}

/** The bound of `int32IdctIsExact` in the form dcWeight·|dc| + acWeight·acSum ≤ limit, per PASS1_BITS. */
export interface Int32Bound {
  dcWeight: number;
  acWeight: number;
  limit: number;
}

/**
 * With p = PASS1_BITS and W = MAX_PASS_WEIGHT, for a block of dequantised DC `dc` and AC terms of
 * absolute sum `acSum`:
 *   pass 1: |before shift| ≤ 2^13·|dc| (column 0) + W·(column AC sum) + 2^(12-p), so each work value
 *           |ws| ≤ 2^p·|dc| (column 0) + W·(column AC sum)/2^(13-p) + 1/2;
 *   pass 2: |before shift| ≤ 2^13·|ws_0| + W·Σ|ws_1..7| + 2^(15+p)
 *                         ≤ 2^(13+p)·|dc| + W²/2^(13-p)·acSum + 2^12 + 3.5·W + 2^(15+p).
 * That below 2^31 puts every descaled value in the int32 range, and the DC-only value (dc + 4) >> 3 too.
 */
export function int32Bound(pass1Bits: number): Int32Bound {
  const slack = Math.ceil(2 ** 12 + 3.5 * MAX_PASS_WEIGHT + 2 ** (15 + pass1Bits));
  return {
    dcWeight: 2 ** (CONST_BITS + pass1Bits),
    acWeight: Math.ceil((MAX_PASS_WEIGHT * MAX_PASS_WEIGHT) / 2 ** (CONST_BITS - pass1Bits)),
    limit: 2 ** 31 - 1 - slack,
  };
}

/** Whether `idctInt32` is exact for a block (see int32Bound). */
export function int32IdctIsExact(dc: number, acSum: number, pass1Bits: number): boolean {
  const b = int32Bound(pass1Bits);
  return b.dcWeight * Math.abs(dc) + b.acWeight * acSum <= b.limit;
}

/**
 * A block with no AC terms: every sample is DESCALE(dc << PASS1_BITS, PASS1_BITS + 3) =
 * (dc + 4) >> 3, what jidctint.c's zero-column and zero-row shortcuts give. `dc` as int32IdctIsExact allows.
 */
export function idctDcOnly(coef: Int32Array, out: Uint16Array, offset: number, stride: number, range: Uint16Array): void {
  const v = range[(((coef[0] as number) + 4) >> 3) & (range.length - 1)] as number;
  coef[0] = 0;
  for (let r = 0, o = offset; r < 8; r++, o += stride) {
    out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v; out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
  }
}

/**
 * The int32 IDCT (see the file comment), for blocks that pass `int32IdctIsExact`. `colMask` and
 * `rowMask` have bit c / r set for each column / row holding a non-zero AC term: empty columns
 * are skipped, and when only column 0 has AC terms every row of pass 2 is constant.
 *
 * The constants are locals on purpose: bundlers may turn module-level constants into variables
 * (lazily initialised modules), which V8 then loads and checks on every use in these loops.
 */
export function idctInt32(
  coef: Int32Array, colMask: number, rowMask: number, out: Uint16Array, offset: number, stride: number,
  pass1Bits: number, range: Uint16Array, ws: Int32Array,
): void {
  const F0298 = 2446, F0390 = 3196, F0541 = 4433, F0765 = 6270, F0899 = 7373, F1175 = 9633;
  const F1501 = 12299, F1847 = 15137, F1961 = 16069, F2053 = 16819, F2562 = 20995, F3072 = 25172;
  const n1 = 13 - pass1Bits; // CONST_BITS - PASS1_BITS
  const half1 = 1 << (n1 - 1);
  const onlyRow0 = (rowMask & ~1) === 0;
  for (let c = 0; c < 8; c++) {
    if (c > 0 && ((colMask >> c) & 1) === 0) {
      ws[c] = 0; ws[8 + c] = 0; ws[16 + c] = 0; ws[24 + c] = 0; ws[32 + c] = 0; ws[40 + c] = 0; ws[48 + c] = 0; ws[56 + c] = 0;
      continue;
    }
    const x0 = coef[c] as number, x1 = coef[8 + c] as number, x2 = coef[16 + c] as number, x3 = coef[24 + c] as number;
    const x4 = coef[32 + c] as number, x5 = coef[40 + c] as number, x6 = coef[48 + c] as number, x7 = coef[56 + c] as number;
    coef[c] = 0;
    if (onlyRow0 || (x1 === 0 && x2 === 0 && x3 === 0 && x4 === 0 && x5 === 0 && x6 === 0 && x7 === 0)) {
      // A column of DC only: jidctint.c's shortcut, equal to the full pass.
      const dc = x0 << pass1Bits;
      ws[c] = dc; ws[8 + c] = dc; ws[16 + c] = dc; ws[24 + c] = dc; ws[32 + c] = dc; ws[40 + c] = dc; ws[48 + c] = dc; ws[56 + c] = dc;
      continue;
    }
    coef[8 + c] = 0; coef[16 + c] = 0; coef[24 + c] = 0; coef[32 + c] = 0; coef[40 + c] = 0; coef[48 + c] = 0; coef[56 + c] = 0;
    // Even part.
    const z1 = Math.imul(x2 + x6, F0541);
    const e2 = (z1 - Math.imul(x6, F1847)) | 0;
    const e3 = (z1 + Math.imul(x2, F0765)) | 0;
    const e0 = (x0 + x4) << 13;
    const e1 = (x0 - x4) << 13;
    const t10 = (e0 + e3) | 0, t13 = (e0 - e3) | 0, t11 = (e1 + e2) | 0, t12 = (e1 - e2) | 0;
    // Odd part.
    const z5 = Math.imul(x7 + x5 + x3 + x1, F1175);
    const o1 = Math.imul(x7 + x1, -F0899);
    const o2 = Math.imul(x5 + x3, -F2562);
    const o3 = (Math.imul(x7 + x3, -F1961) + z5) | 0;
    const o4 = (Math.imul(x5 + x1, -F0390) + z5) | 0;
    const p0 = (Math.imul(x7, F0298) + o1 + o3) | 0;
    const p1 = (Math.imul(x5, F2053) + o2 + o4) | 0;
    const p2 = (Math.imul(x3, F3072) + o2 + o3) | 0;
    const p3 = (Math.imul(x1, F1501) + o1 + o4) | 0;
    ws[c] = (t10 + p3 + half1) >> n1;
    ws[56 + c] = (t10 - p3 + half1) >> n1;
    ws[8 + c] = (t11 + p2 + half1) >> n1;
    ws[48 + c] = (t11 - p2 + half1) >> n1;
    ws[16 + c] = (t12 + p1 + half1) >> n1;
    ws[40 + c] = (t12 - p1 + half1) >> n1;
    ws[24 + c] = (t13 + p0 + half1) >> n1;
    ws[32 + c] = (t13 - p0 + half1) >> n1;
  }
  const mask = range.length - 1;
  if ((colMask & ~1) === 0) {
    // Only column 0 of the work array is non-zero: each row is one value (jidctint.c's zero-row shortcut).
    const shift = pass1Bits + 3;
    const half = 1 << (shift - 1);
    for (let r = 0, o = offset; r < 8; r++, o += stride) {
      const v = range[(((ws[r * 8] as number) + half) >> shift) & mask] as number;
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v; out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
    }
    return;
  }
  const n2 = 16 + pass1Bits; // CONST_BITS + PASS1_BITS + 3
  const half2 = 1 << (n2 - 1);
  for (let w = 0, o = offset; w < 64; w += 8, o += stride) {
    const x0 = ws[w] as number, x1 = ws[w + 1] as number, x2 = ws[w + 2] as number, x3 = ws[w + 3] as number;
    const x4 = ws[w + 4] as number, x5 = ws[w + 5] as number, x6 = ws[w + 6] as number, x7 = ws[w + 7] as number;
    const z1 = Math.imul(x2 + x6, F0541);
    const e2 = (z1 - Math.imul(x6, F1847)) | 0;
    const e3 = (z1 + Math.imul(x2, F0765)) | 0;
    // The rounding half is folded in here, once per row rather than per output.
    const e0 = (((x0 + x4) << 13) + half2) | 0;
    const e1 = (((x0 - x4) << 13) + half2) | 0;
    const t10 = (e0 + e3) | 0, t13 = (e0 - e3) | 0, t11 = (e1 + e2) | 0, t12 = (e1 - e2) | 0;
    const z5 = Math.imul(x7 + x5 + x3 + x1, F1175);
    const o1 = Math.imul(x7 + x1, -F0899);
    const o2 = Math.imul(x5 + x3, -F2562);
    const o3 = (Math.imul(x7 + x3, -F1961) + z5) | 0;
    const o4 = (Math.imul(x5 + x1, -F0390) + z5) | 0;
    const p0 = (Math.imul(x7, F0298) + o1 + o3) | 0;
    const p1 = (Math.imul(x5, F2053) + o2 + o4) | 0;
    const p2 = (Math.imul(x3, F3072) + o2 + o3) | 0;
    const p3 = (Math.imul(x1, F1501) + o1 + o4) | 0;
    out[o] = range[((t10 + p3) >> n2) & mask] as number;
    out[o + 7] = range[((t10 - p3) >> n2) & mask] as number;
    out[o + 1] = range[((t11 + p2) >> n2) & mask] as number;
    out[o + 6] = range[((t11 - p2) >> n2) & mask] as number;
    out[o + 2] = range[((t12 + p1) >> n2) & mask] as number;
    out[o + 5] = range[((t12 - p1) >> n2) & mask] as number;
    out[o + 3] = range[((t13 + p0) >> n2) & mask] as number;
    out[o + 4] = range[((t13 - p0) >> n2) & mask] as number;
  }
}

/**
 * DESCALE(x, n) = (x + 2^(n-1)) >> n on 64-bit integers is Math.floor((x + half) * 2^-n), exact in float64.
 * Per precision: [half and scale of pass 1, half and scale of pass 2], computed once.
 */
function scales(pass1: number): Float64Array {
  const n1 = CONST_BITS - pass1;
  const n2 = CONST_BITS + pass1 + 3;
  return Float64Array.from([2 ** (n1 - 1), 2 ** -n1, 2 ** (n2 - 1), 2 ** -n2]);
}
const SCALES_P2 = scales(2);
const SCALES_P1 = scales(1);

/**
 * The IDCT in float64 with libjpeg's exact semantics for any coefficients (|dequantised| < 2^31):
 * every value of a 1-D pass is an integer combination of its eight inputs whose weights sum to less
 * than 2^16 in absolute value, so below 2^47, exact in float64. The work array wraps to int32 as C's
 * `int` does (stored into an Int32Array), so pass 2's inputs are below 2^31 too. The final `& mask`
 * wraps as libjpeg's does.
 */
export function idctExact(coef: Int32Array, out: Uint16Array, offset: number, stride: number, pass1Bits: number, range: Uint16Array, ws: Int32Array): void {
  const k = pass1Bits === 2 ? SCALES_P2 : SCALES_P1;
  const half1 = k[0] as number, scale1 = k[1] as number, half2 = k[2] as number, scale2 = k[3] as number;
  const mask = range.length - 1;
  for (let c = 0; c < 8; c++) {
    const x0 = coef[c] as number, x1 = coef[8 + c] as number, x2 = coef[16 + c] as number, x3 = coef[24 + c] as number;
    const x4 = coef[32 + c] as number, x5 = coef[40 + c] as number, x6 = coef[48 + c] as number, x7 = coef[56 + c] as number;
    coef[c] = 0; coef[8 + c] = 0; coef[16 + c] = 0; coef[24 + c] = 0; coef[32 + c] = 0; coef[40 + c] = 0; coef[48 + c] = 0; coef[56 + c] = 0;
    if (x1 === 0 && x2 === 0 && x3 === 0 && x4 === 0 && x5 === 0 && x6 === 0 && x7 === 0) {
      const dc = x0 * 2 ** pass1Bits;
      ws[c] = dc; ws[8 + c] = dc; ws[16 + c] = dc; ws[24 + c] = dc; ws[32 + c] = dc; ws[40 + c] = dc; ws[48 + c] = dc; ws[56 + c] = dc;
      continue;
    }
    const t = oddEvenFloat(x0, x1, x2, x3, x4, x5, x6, x7, FLOAT_PASS);
    ws[c] = Math.floor((t[0] + half1) * scale1);
    ws[8 + c] = Math.floor((t[1] + half1) * scale1);
    ws[16 + c] = Math.floor((t[2] + half1) * scale1);
    ws[24 + c] = Math.floor((t[3] + half1) * scale1);
    ws[32 + c] = Math.floor((t[4] + half1) * scale1);
    ws[40 + c] = Math.floor((t[5] + half1) * scale1);
    ws[48 + c] = Math.floor((t[6] + half1) * scale1);
    ws[56 + c] = Math.floor((t[7] + half1) * scale1);
  }
  for (let w = 0, o = offset; w < 64; w += 8, o += stride) {
    const t = oddEvenFloat(ws[w], ws[w + 1], ws[w + 2], ws[w + 3], ws[w + 4], ws[w + 5], ws[w + 6], ws[w + 7], FLOAT_PASS);
    for (let i = 0; i < 8; i++) out[o + i] = range[Math.floor((t[i] + half2) * scale2) & mask] as number;
  }
}

const FLOAT_PASS = new Float64Array(8);

/** One 1-D pass of jidctint.c in float64, outputs 0..7 before descaling (and before the rounding half), into `t`. */
export function oddEvenFloat(x0: number, x1: number, x2: number, x3: number, x4: number, x5: number, x6: number, x7: number, t: Float64Array): Float64Array {
  const z1 = (x2 + x6) * FIX_0_541196100;
  const e2 = z1 - x6 * FIX_1_847759065;
  const e3 = z1 + x2 * FIX_0_765366865;
  const e0 = (x0 + x4) * 2 ** CONST_BITS;
  const e1 = (x0 - x4) * 2 ** CONST_BITS;
  const t10 = e0 + e3, t13 = e0 - e3, t11 = e1 + e2, t12 = e1 - e2;
  const z5 = (x7 + x5 + x3 + x1) * FIX_1_175875602;
  const o1 = (x7 + x1) * -FIX_0_899976223;
  const o2 = (x5 + x3) * -FIX_2_562915447;
  const o3 = (x7 + x3) * -FIX_1_961570560 + z5;
  const o4 = (x5 + x1) * -FIX_0_390180644 + z5;
  const p0 = x7 * FIX_0_298631336 + o1 + o3;
  const p1 = x5 * FIX_2_053119869 + o2 + o4;
  const p2 = x3 * FIX_3_072711026 + o2 + o3;
  const p3 = x1 * FIX_1_501321110 + o1 + o4;
  t[0] = t10 + p3; t[7] = t10 - p3; t[1] = t11 + p2; t[6] = t11 - p2;
  t[2] = t12 + p1; t[5] = t12 - p1; t[3] = t13 + p0; t[4] = t13 - p0;
  return t;
}
