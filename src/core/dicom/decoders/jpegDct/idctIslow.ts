/**
 * The accurate integer inverse DCT of the IJG library (jidctint.c, "islow"), the default of
 * libjpeg 6b as built into DCMTK and GDCM, so our output matches theirs bit for bit.
 * Arithmetic is in float64, which is exact here, since C does it in 64-bit `long` (INT32 on LP64).
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
 * DESCALE(x, n) = (x + 2^(n-1)) >> n on 64-bit integers is Math.floor((x + half) * 2^-n), exact in float64.
 * Per precision: [PASS1_BITS (12-bit data loses a little precision to avoid overflow), half and scale of pass 1,
 * half and scale of pass 2], computed once (a `**` per block cost a third of the IDCT).
 */
function scales(pass1: number): Float64Array {
  const n1 = CONST_BITS - pass1;
  const n2 = CONST_BITS + pass1 + 3;
  return Float64Array.from([pass1, 2 ** (n1 - 1), 2 ** -n1, 2 ** (n2 - 1), 2 ** -n2]);
}
const SCALES_8 = scales(2);
const SCALES_12 = scales(1);

/**
 * The post-IDCT range-limit table of jdmaster.c (prepare_range_limit_table), indexed by
 * `value & (4 * (maxSample + 1) - 1)`: adds CENTERJSAMPLE and clamps, wrapping as libjpeg does.
 */
export function rangeLimitTable(precision: number): Uint16Array {
  const size = 1 << precision;
  const max = size - 1;
  const center = size >> 1;
  const table = new Uint16Array(4 * size);
  for (let i = 0; i < 4 * size; i++) {
    if (i < center) table[i] = i + center;
    else if (i < 2 * size) table[i] = max;
    else if (i < 4 * size - center) table[i] = 0;
    else table[i] = i - (4 * size - center);
  }
  return table;
}

/**
 * Dequantises and inverse-transforms one 8×8 block (`coef` in natural order, `quant` likewise) and
 * writes the samples into `out` at `offset` with row stride `stride`. `ws` is a 64-entry scratch.
 */
export function idctIslow(
  coef: Int32Array, quant: Uint16Array, out: Uint16Array, offset: number, stride: number,
  precision: number, range: Uint16Array, ws: Float64Array,
): void {
  const k = precision === 8 ? SCALES_8 : SCALES_12;
  const pass1 = k[0] as number, half1 = k[1] as number, scale1 = k[2] as number, half2 = k[3] as number, scale2 = k[4] as number;
  const mask = range.length - 1;
  for (let c = 0; c < 8; c++) {
    // A column whose AC terms are all zero (most of them) is its DC term, scaled (jidctint.c does the same).
    if (coef[8 + c] === 0 && coef[16 + c] === 0 && coef[24 + c] === 0 && coef[32 + c] === 0 && coef[40 + c] === 0 && coef[48 + c] === 0 && coef[56 + c] === 0) {
      const dc = (coef[c] as number) * (quant[c] as number) * (pass1 === 2 ? 4 : 2);
      ws[c] = dc; ws[8 + c] = dc; ws[16 + c] = dc; ws[24 + c] = dc; ws[32 + c] = dc; ws[40 + c] = dc; ws[48 + c] = dc; ws[56 + c] = dc;
      continue;
    }
    let z2 = (coef[16 + c] as number) * (quant[16 + c] as number), z3 = (coef[48 + c] as number) * (quant[48 + c] as number);
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = (coef[c] as number) * (quant[c] as number);
    z3 = (coef[32 + c] as number) * (quant[32 + c] as number);
    let tmp0 = (z2 + z3) * 8192;
    let tmp1 = (z2 - z3) * 8192;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    tmp0 = (coef[56 + c] as number) * (quant[56 + c] as number);
    tmp1 = (coef[40 + c] as number) * (quant[40 + c] as number);
    tmp2 = (coef[24 + c] as number) * (quant[24 + c] as number);
    tmp3 = (coef[8 + c] as number) * (quant[8 + c] as number);
    z1 = tmp0 + tmp3; z2 = tmp1 + tmp2; z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336; tmp1 *= FIX_2_053119869; tmp2 *= FIX_3_072711026; tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223; z2 *= -FIX_2_562915447; z3 *= -FIX_1_961570560; z4 *= -FIX_0_390180644;
    z3 += z5; z4 += z5;
    tmp0 += z1 + z3; tmp1 += z2 + z4; tmp2 += z2 + z3; tmp3 += z1 + z4;
    // The work array is `int` in C: values here always fit.
    ws[c] = Math.floor((tmp10 + tmp3 + half1) * scale1);
    ws[56 + c] = Math.floor((tmp10 - tmp3 + half1) * scale1);
    ws[8 + c] = Math.floor((tmp11 + tmp2 + half1) * scale1);
    ws[48 + c] = Math.floor((tmp11 - tmp2 + half1) * scale1);
    ws[16 + c] = Math.floor((tmp12 + tmp1 + half1) * scale1);
    ws[40 + c] = Math.floor((tmp12 - tmp1 + half1) * scale1);
    ws[24 + c] = Math.floor((tmp13 + tmp0 + half1) * scale1);
    ws[32 + c] = Math.floor((tmp13 - tmp0 + half1) * scale1);
  }
  for (let r = 0; r < 8; r++) {
    const w = r * 8;
    const o = offset + r * stride;
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      // jidctint.c's zero-row shortcut: the same value the full pass would give.
      const v = range[Math.floor(((ws[w] as number) * 8192 + half2) * scale2) & mask] as number;
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v; out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
      continue;
    }
    let z2 = ws[w + 2] as number, z3 = ws[w + 6] as number;
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    let tmp0 = ((ws[w] as number) + (ws[w + 4] as number)) * 8192;
    let tmp1 = ((ws[w] as number) - (ws[w + 4] as number)) * 8192;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    tmp0 = ws[w + 7] as number; tmp1 = ws[w + 5] as number; tmp2 = ws[w + 3] as number; tmp3 = ws[w + 1] as number;
    z1 = tmp0 + tmp3; z2 = tmp1 + tmp2; z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336; tmp1 *= FIX_2_053119869; tmp2 *= FIX_3_072711026; tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223; z2 *= -FIX_2_562915447; z3 *= -FIX_1_961570560; z4 *= -FIX_0_390180644;
    z3 += z5; z4 += z5;
    tmp0 += z1 + z3; tmp1 += z2 + z4; tmp2 += z2 + z3; tmp3 += z1 + z4;
    out[o] = range[Math.floor((tmp10 + tmp3 + half2) * scale2) & mask] as number;
    out[o + 7] = range[Math.floor((tmp10 - tmp3 + half2) * scale2) & mask] as number;
    out[o + 1] = range[Math.floor((tmp11 + tmp2 + half2) * scale2) & mask] as number;
    out[o + 6] = range[Math.floor((tmp11 - tmp2 + half2) * scale2) & mask] as number;
    out[o + 2] = range[Math.floor((tmp12 + tmp1 + half2) * scale2) & mask] as number;
    out[o + 5] = range[Math.floor((tmp12 - tmp1 + half2) * scale2) & mask] as number;
    out[o + 3] = range[Math.floor((tmp13 + tmp0 + half2) * scale2) & mask] as number;
    out[o + 4] = range[Math.floor((tmp13 - tmp0 + half2) * scale2) & mask] as number;
  }
}
