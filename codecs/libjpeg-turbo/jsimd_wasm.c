/*
 * jsimd_wasm.c: WebAssembly SIMD128 routines for libjpeg-turbo's decoder, written for Voxel Lab's build
 * (build.sh). libjpeg-turbo 2.1.5 has SIMD code for x86, Arm, MIPS and PowerPC only; for any other target its
 * jsimd_none.c says "no SIMD" to every jsimd_can_*() question and the C code runs. This file #includes
 * jsimd_none.c and answers "yes" for four routines, implemented here with WebAssembly SIMD intrinsics:
 *
 *   - jsimd_idct_islow():          the accurate integer inverse DCT of jidctint.c (jpeg_idct_islow);
 *   - jsimd_h2v1_fancy_upsample(): jdsample.c's h2v1_fancy_upsample (4:2:2 chroma);
 *   - jsimd_h2v2_fancy_upsample(): jdsample.c's h2v2_fancy_upsample (4:2:0 chroma);
 * and two colour converters that jw_wrapper.c installs itself (libjpeg-turbo has no hook for them):
 *   - jw_null_convert3():    jdcolor.c's null_convert for 3 components (interleaving the planes);
 *   - jw_ycc_rgb_convert3(): jdcolor.c/jdcolext.c's ycc_rgb_convert to R,G,B.
 *
 * Each gives exactly the C function's output for every input, corrupt data included, because it computes the
 * same integer formulas: the same 32-bit operations in the same order (on wasm32 JLONG and ISLOW_MULT_TYPE are
 * 32-bit, so the C code wraps modulo 2^32 exactly as i32x4 lanes do), vectors only where every read and write
 * stays inside the row, and the C code's edge cases and tails in scalar code. Checked when written: 6 million
 * random coefficient blocks (overflowing ones included) through the IDCT, all 2^24 Y/Cb/Cr triples through the
 * colour conversion, the upsamplers at row widths 3 to 300, with no difference from the C functions; and decoded
 * images byte-identical to @cornerstonejs/codec-libjpeg-turbo-8bit's (test/unit/core/dicom/jpegBaseline.test.ts).
 *
 * Build WITHOUT libjpeg-turbo's WITH_SIMD, so that ISLOW_MULT_TYPE stays int (jdct.h), as assumed here.
 *
 * The formulas, constants and comments below follow libjpeg-turbo's C code, which carries these notices:
 *   jidctint.c: Copyright (C) 1991-1998, Thomas G. Lane. Modification developed 2002-2018 by Guido Vollbeding.
 *               libjpeg-turbo Modifications: Copyright (C) 2015, 2020, D. R. Commander.
 *   jdsample.c: Copyright (C) 1991-1996, Thomas G. Lane. libjpeg-turbo Modifications: Copyright 2009 Pierre
 *               Ossman for Cendio AB; Copyright (C) 2010, 2015-2016, D. R. Commander; Copyright (C) 2014, MIPS
 *               Technologies, Inc., California; Copyright (C) 2015, Google, Inc.; Copyright (C) 2019-2020, Arm
 *               Limited.
 *   jdcolor.c:  Copyright (C) 1991-1997, Thomas G. Lane. Modified 2011 by Guido Vollbeding. libjpeg-turbo
 *               Modifications: Copyright 2009 Pierre Ossman for Cendio AB; Copyright (C) 2009, 2011-2012,
 *               2014-2015, D. R. Commander; Copyright (C) 2013, Linaro Limited.
 * This file is therefore distributed under the same conditions, the IJG License (libjpeg-turbo's README.ijg, in
 * ./LICENSE); it is a new file, and no libjpeg-turbo file is modified.
 */

/* jsimd_none.c's versions of the routines implemented here are renamed out of the way. */
#define jsimd_can_idct_islow jsimd_none_can_idct_islow
#define jsimd_idct_islow jsimd_none_idct_islow
#define jsimd_can_h2v1_fancy_upsample jsimd_none_can_h2v1_fancy_upsample
#define jsimd_h2v1_fancy_upsample jsimd_none_h2v1_fancy_upsample
#define jsimd_can_h2v2_fancy_upsample jsimd_none_can_h2v2_fancy_upsample
#define jsimd_h2v2_fancy_upsample jsimd_none_h2v2_fancy_upsample
#include "jsimd_none.c"
#undef jsimd_can_idct_islow
#undef jsimd_idct_islow
#undef jsimd_can_h2v1_fancy_upsample
#undef jsimd_h2v1_fancy_upsample
#undef jsimd_can_h2v2_fancy_upsample
#undef jsimd_h2v2_fancy_upsample

#include <wasm_simd128.h>

#define CONST_BITS  13
#define PASS1_BITS  2
#define FIX_0_298631336  2446
#define FIX_0_390180644  3196
#define FIX_0_541196100  4433
#define FIX_0_765366865  6270
#define FIX_0_899976223  7373
#define FIX_1_175875602  9633
#define FIX_1_501321110  12299
#define FIX_1_847759065  15137
#define FIX_1_961570560  16069
#define FIX_2_053119869  16819
#define FIX_2_562915447  20995
#define FIX_3_072711026  25172

typedef v128_t V;
#define MUL(a, c)  wasm_i32x4_mul((a), wasm_i32x4_splat(c))
#define ADD  wasm_i32x4_add
#define SUB  wasm_i32x4_sub

/* One 8-point 1-D islow IDCT over 4 lanes: in[k] = input k (dequantized); out[k] = value before descaling. */
static inline __attribute__((always_inline)) void idct8(const V in[8], V out[8])
{
  V z2 = in[2], z3 = in[6];
  V z1 = MUL(ADD(z2, z3), FIX_0_541196100);
  V tmp2 = ADD(z1, MUL(z3, -FIX_1_847759065));
  V tmp3 = ADD(z1, MUL(z2, FIX_0_765366865));
  V tmp0 = wasm_i32x4_shl(ADD(in[0], in[4]), CONST_BITS);
  V tmp1 = wasm_i32x4_shl(SUB(in[0], in[4]), CONST_BITS);
  V tmp10 = ADD(tmp0, tmp3), tmp13 = SUB(tmp0, tmp3);
  V tmp11 = ADD(tmp1, tmp2), tmp12 = SUB(tmp1, tmp2);

  tmp0 = in[7]; tmp1 = in[5]; tmp2 = in[3]; tmp3 = in[1];
  z1 = ADD(tmp0, tmp3);
  z2 = ADD(tmp1, tmp2);
  z3 = ADD(tmp0, tmp2);
  V z4 = ADD(tmp1, tmp3);
  V z5 = MUL(ADD(z3, z4), FIX_1_175875602);
  tmp0 = MUL(tmp0, FIX_0_298631336);
  tmp1 = MUL(tmp1, FIX_2_053119869);
  tmp2 = MUL(tmp2, FIX_3_072711026);
  tmp3 = MUL(tmp3, FIX_1_501321110);
  z1 = MUL(z1, -FIX_0_899976223);
  z2 = MUL(z2, -FIX_2_562915447);
  z3 = MUL(z3, -FIX_1_961570560);
  z4 = MUL(z4, -FIX_0_390180644);
  z3 = ADD(z3, z5);
  z4 = ADD(z4, z5);
  tmp0 = ADD(tmp0, ADD(z1, z3));
  tmp1 = ADD(tmp1, ADD(z2, z4));
  tmp2 = ADD(tmp2, ADD(z2, z3));
  tmp3 = ADD(tmp3, ADD(z1, z4));

  out[0] = ADD(tmp10, tmp3); out[7] = SUB(tmp10, tmp3);
  out[1] = ADD(tmp11, tmp2); out[6] = SUB(tmp11, tmp2);
  out[2] = ADD(tmp12, tmp1); out[5] = SUB(tmp12, tmp1);
  out[3] = ADD(tmp13, tmp0); out[4] = SUB(tmp13, tmp0);
}

static inline __attribute__((always_inline)) void transpose4(V *a, V *b, V *c, V *d)
{
  V t0 = wasm_i32x4_shuffle(*a, *b, 0, 4, 1, 5);
  V t1 = wasm_i32x4_shuffle(*a, *b, 2, 6, 3, 7);
  V t2 = wasm_i32x4_shuffle(*c, *d, 0, 4, 1, 5);
  V t3 = wasm_i32x4_shuffle(*c, *d, 2, 6, 3, 7);
  *a = wasm_i64x2_shuffle(t0, t2, 0, 2);
  *b = wasm_i64x2_shuffle(t0, t2, 1, 3);
  *c = wasm_i64x2_shuffle(t1, t3, 0, 2);
  *d = wasm_i64x2_shuffle(t1, t3, 1, 3);
}

/* range_limit[x & RANGE_MASK] for 4 lanes, as int32 (0..255) */
static inline __attribute__((always_inline)) V range_limit4(V x)
{
  return ADD(wasm_i32x4_shr(wasm_i32x4_shl(x, 22), 22), wasm_i32x4_splat(CENTERJSAMPLE));
}

GLOBAL(int) jsimd_can_idct_islow(void)
{
  return BITS_IN_JSAMPLE == 8 && DCTSIZE == 8 && sizeof(JCOEF) == 2 && sizeof(ISLOW_MULT_TYPE) == 4 &&
         sizeof(JLONG) == 4;
}

GLOBAL(void)
jsimd_idct_islow(j_decompress_ptr cinfo, jpeg_component_info *compptr, JCOEFPTR coef_block,
                 JSAMPARRAY output_buf, JDIMENSION output_col)
{
  const ISLOW_MULT_TYPE *quant = (const ISLOW_MULT_TYPE *)compptr->dct_table;
  V row[8];
  int k;
  (void)cinfo;

  for (k = 0; k < 8; k++) row[k] = wasm_v128_load(coef_block + 8 * k);
  V ac = wasm_v128_or(wasm_v128_or(wasm_v128_or(row[1], row[2]), wasm_v128_or(row[3], row[4])),
                      wasm_v128_or(wasm_v128_or(row[5], row[6]), row[7]));   /* rows 1..7, per column */
  V acall = wasm_v128_or(ac, wasm_i16x8_replace_lane(row[0], 0, 0));

  if (!wasm_v128_any_true(acall)) {
    /* DC only: pass 1 short-cut in every column, pass 2 short-cut in every row. */
    int32_t dcval = (int32_t)((uint32_t)((int32_t)coef_block[0] * quant[0]) << PASS1_BITS);
    int32_t v = (int32_t)((uint32_t)(dcval + (1 << (PASS1_BITS + 2))) >> 0) >> (PASS1_BITS + 3);
    v = (int32_t)((uint32_t)v << 22) >> 22;
    v += CENTERJSAMPLE;
    v = v < 0 ? 0 : v > MAXJSAMPLE ? MAXJSAMPLE : v;
    V fill = wasm_i8x16_splat((int8_t)v);
    for (k = 0; k < 8; k++) wasm_v128_store64_lane(output_buf[k] + output_col, fill, 0);
    return;
  }

  /* Pass 1: columns. ws[k][h] = row k, columns 4h..4h+3. */
  V ws[8][2];
  V acmask16 = wasm_i16x8_eq(ac, wasm_i16x8_splat(0));
  for (int h = 0; h < 2; h++) {
    V in[8], out[8];
    for (k = 0; k < 8; k++) {
      V c = h ? wasm_i32x4_extend_high_i16x8(row[k]) : wasm_i32x4_extend_low_i16x8(row[k]);
      in[k] = wasm_i32x4_mul(c, wasm_v128_load(quant + 8 * k + 4 * h));
    }
    V zero_ac = h ? wasm_i32x4_extend_high_i16x8(acmask16) : wasm_i32x4_extend_low_i16x8(acmask16);
    V dcval = wasm_i32x4_shl(in[0], PASS1_BITS);
    idct8(in, out);
    const V round = wasm_i32x4_splat(1 << (CONST_BITS - PASS1_BITS - 1));
    for (k = 0; k < 8; k++)
      ws[k][h] = wasm_v128_bitselect(dcval, wasm_i32x4_shr(ADD(out[k], round), CONST_BITS - PASS1_BITS), zero_ac);
  }

  /* Transpose: after this ws[j][g] = column j, rows 4g..4g+3. */
  transpose4(&ws[0][0], &ws[1][0], &ws[2][0], &ws[3][0]);
  transpose4(&ws[4][1], &ws[5][1], &ws[6][1], &ws[7][1]);
  transpose4(&ws[0][1], &ws[1][1], &ws[2][1], &ws[3][1]);
  transpose4(&ws[4][0], &ws[5][0], &ws[6][0], &ws[7][0]);
  for (k = 0; k < 4; k++) { V t = ws[k][1]; ws[k][1] = ws[k + 4][0]; ws[k + 4][0] = t; }

  /* Pass 2: rows (lanes = rows). res[j][g]: column j, rows 4g..4g+3, range-limited, int32. */
  V res[8][2];
  for (int g = 0; g < 2; g++) {
    V in[8], out[8];
    for (k = 0; k < 8; k++) in[k] = ws[k][g];
    /* No zero-row short-cut needed: for an all-zero AC row the full computation gives
     * ((w0 << 13) + 2^17) >> 18 == (w0 + 16) >> 5 == DESCALE(w0, 5) in bits 0..9 even when w0 << 13 wraps,
     * and only those bits survive range_limit[x & RANGE_MASK]. */
    idct8(in, out);
    const V round = wasm_i32x4_splat(1 << (CONST_BITS + PASS1_BITS + 3 - 1));
    for (k = 0; k < 8; k++)
      res[k][g] = range_limit4(wasm_i32x4_shr(ADD(out[k], round), CONST_BITS + PASS1_BITS + 3));
  }

  /* Pack: cols[j] = column j, rows 0..7 as int16 (-384..639); then bytes with unsigned saturation = clamp. */
  V b01 = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(res[0][0], res[0][1]), wasm_i16x8_narrow_i32x4(res[1][0], res[1][1]));
  V b23 = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(res[2][0], res[2][1]), wasm_i16x8_narrow_i32x4(res[3][0], res[3][1]));
  V b45 = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(res[4][0], res[4][1]), wasm_i16x8_narrow_i32x4(res[5][0], res[5][1]));
  V b67 = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(res[6][0], res[6][1]), wasm_i16x8_narrow_i32x4(res[7][0], res[7][1]));
  /* bXY byte 8*c + r = column (X or Y by c), row r.  Gather rows 0-3 / 4-7 of columns 0-3 and 4-7. */
  V lo03 = wasm_i8x16_shuffle(b01, b23, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
  V hi03 = wasm_i8x16_shuffle(b01, b23, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
  V lo47 = wasm_i8x16_shuffle(b45, b67, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
  V hi47 = wasm_i8x16_shuffle(b45, b67, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
  /* loXY byte 4*r + c = row r (0-3), column c of the group */
  V r01 = wasm_i8x16_shuffle(lo03, lo47, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
  V r23 = wasm_i8x16_shuffle(lo03, lo47, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
  V r45 = wasm_i8x16_shuffle(hi03, hi47, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
  V r67 = wasm_i8x16_shuffle(hi03, hi47, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
  wasm_v128_store64_lane(output_buf[0] + output_col, r01, 0);
  wasm_v128_store64_lane(output_buf[1] + output_col, r01, 1);
  wasm_v128_store64_lane(output_buf[2] + output_col, r23, 0);
  wasm_v128_store64_lane(output_buf[3] + output_col, r23, 1);
  wasm_v128_store64_lane(output_buf[4] + output_col, r45, 0);
  wasm_v128_store64_lane(output_buf[5] + output_col, r45, 1);
  wasm_v128_store64_lane(output_buf[6] + output_col, r67, 0);
  wasm_v128_store64_lane(output_buf[7] + output_col, r67, 1);
}

GLOBAL(int) jsimd_can_h2v1_fancy_upsample(void) { return BITS_IN_JSAMPLE == 8; }
GLOBAL(int) jsimd_can_h2v2_fancy_upsample(void) { return BITS_IN_JSAMPLE == 8; }

/* interleave two u8x16 (even, odd) into 32 output bytes */
static inline __attribute__((always_inline)) void store_pairs(JSAMPROW out, V e, V o)
{
  wasm_v128_store(out, wasm_i8x16_shuffle(e, o, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
  wasm_v128_store(out + 16, wasm_i8x16_shuffle(e, o, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31));
}

/* jdsample.c h2v1_fancy_upsample(): out[2i] = (3 in[i] + in[i-1] + 1) >> 2, out[2i+1] = (3 in[i] + in[i+1] + 2) >> 2 */
GLOBAL(void)
jsimd_h2v1_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                          JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  JSAMPARRAY output_data = *output_data_ptr;
  JDIMENSION w = compptr->downsampled_width;   /* > 2 (jdsample.c) */
  const V one = wasm_i16x8_splat(1), two = wasm_i16x8_splat(2);
  for (int inrow = 0; inrow < cinfo->max_v_samp_factor; inrow++) {
    JSAMPROW in = input_data[inrow], out = output_data[inrow];
    int v = in[0];
    out[0] = (JSAMPLE)v;
    out[1] = (JSAMPLE)((v * 3 + in[1] + 2) >> 2);
    JDIMENSION i = 1;
    for (; i + 16 <= w - 1; i += 16) {   /* reads in[i-1 .. i+16], writes out[2i .. 2i+31] */
      V cur = wasm_v128_load(in + i), prev = wasm_v128_load(in + i - 1), next = wasm_v128_load(in + i + 1);
      V c3l = wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(cur), wasm_i16x8_splat(3));
      V c3h = wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(cur), wasm_i16x8_splat(3));
      V el = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(c3l, wasm_u16x8_extend_low_u8x16(prev)), one), 2);
      V eh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(c3h, wasm_u16x8_extend_high_u8x16(prev)), one), 2);
      V ol = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(c3l, wasm_u16x8_extend_low_u8x16(next)), two), 2);
      V oh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(c3h, wasm_u16x8_extend_high_u8x16(next)), two), 2);
      store_pairs(out + 2 * i, wasm_u8x16_narrow_i16x8(el, eh), wasm_u8x16_narrow_i16x8(ol, oh));
    }
    for (; i < w - 1; i++) {
      v = in[i] * 3;
      out[2 * i] = (JSAMPLE)((v + in[i - 1] + 1) >> 2);
      out[2 * i + 1] = (JSAMPLE)((v + in[i + 1] + 2) >> 2);
    }
    v = in[w - 1];
    out[2 * w - 2] = (JSAMPLE)((v * 3 + in[w - 2] + 1) >> 2);
    out[2 * w - 1] = (JSAMPLE)v;
  }
}

/* jdsample.c h2v2_fancy_upsample(): colsum c[i] = 3 in0[i] + in1[i];
 * out[2i] = (3 c[i] + c[i-1] + 8) >> 4, out[2i+1] = (3 c[i] + c[i+1] + 7) >> 4 */
GLOBAL(void)
jsimd_h2v2_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                          JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr)
{
  JSAMPARRAY output_data = *output_data_ptr;
  JDIMENSION w = compptr->downsampled_width;   /* > 2 (jdsample.c) */
  const V three = wasm_i16x8_splat(3), seven = wasm_i16x8_splat(7), eight = wasm_i16x8_splat(8);
  int inrow = 0, outrow = 0;
  while (outrow < cinfo->max_v_samp_factor) {
    for (int v = 0; v < 2; v++) {
      JSAMPROW in0 = input_data[inrow], in1 = input_data[v == 0 ? inrow - 1 : inrow + 1];
      JSAMPROW out = output_data[outrow++];
#define COLSUM(k) (in0[k] * 3 + in1[k])
      int this_ = COLSUM(0), next = COLSUM(1);
      out[0] = (JSAMPLE)((this_ * 4 + 8) >> 4);
      out[1] = (JSAMPLE)((this_ * 3 + next + 7) >> 4);
      JDIMENSION i = 1;
      for (; i + 16 <= w - 1; i += 16) {   /* reads [i-1, i+16], writes out[2i .. 2i+31] */
#define CS(off, half) wasm_i16x8_add(wasm_i16x8_mul(wasm_u16x8_extend_##half##_u8x16(wasm_v128_load(in0 + i + (off))), three), \
                                     wasm_u16x8_extend_##half##_u8x16(wasm_v128_load(in1 + i + (off))))
        V tl = wasm_i16x8_mul(CS(0, low), three), th = wasm_i16x8_mul(CS(0, high), three);
        V el = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(tl, CS(-1, low)), eight), 4);
        V eh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(th, CS(-1, high)), eight), 4);
        V ol = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(tl, CS(1, low)), seven), 4);
        V oh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(th, CS(1, high)), seven), 4);
#undef CS
        store_pairs(out + 2 * i, wasm_u8x16_narrow_i16x8(el, eh), wasm_u8x16_narrow_i16x8(ol, oh));
      }
      for (; i < w - 1; i++) {
        this_ = COLSUM(i);
        out[2 * i] = (JSAMPLE)((this_ * 3 + COLSUM(i - 1) + 8) >> 4);
        out[2 * i + 1] = (JSAMPLE)((this_ * 3 + COLSUM(i + 1) + 7) >> 4);
      }
      this_ = COLSUM(w - 1);
      out[2 * w - 2] = (JSAMPLE)((this_ * 3 + COLSUM(w - 2) + 8) >> 4);
      out[2 * w - 1] = (JSAMPLE)((this_ * 4 + 7) >> 4);
#undef COLSUM
    }
    inrow++;
  }
}

/* 16 pixels of 3 planes -> 48 interleaved bytes */
static inline __attribute__((always_inline)) void store_rgb16(JSAMPROW out, V r, V g, V b)
{
  V rg0 = wasm_i8x16_shuffle(r, g, 0, 16, 0, 1, 17, 0, 2, 18, 0, 3, 19, 0, 4, 20, 0, 5);
  V rg1 = wasm_i8x16_shuffle(r, g, 21, 0, 6, 22, 0, 7, 23, 0, 8, 24, 0, 9, 25, 0, 10, 26);
  V rg2 = wasm_i8x16_shuffle(r, g, 0, 11, 27, 0, 12, 28, 0, 13, 29, 0, 14, 30, 0, 15, 31, 0);
  wasm_v128_store(out, wasm_i8x16_shuffle(rg0, b, 0, 1, 16, 3, 4, 17, 6, 7, 18, 9, 10, 19, 12, 13, 20, 15));
  wasm_v128_store(out + 16, wasm_i8x16_shuffle(rg1, b, 0, 21, 2, 3, 22, 5, 6, 23, 8, 9, 24, 11, 12, 25, 14, 15));
  wasm_v128_store(out + 32, wasm_i8x16_shuffle(rg2, b, 26, 1, 2, 27, 4, 5, 28, 7, 8, 29, 10, 11, 30, 13, 14, 31));
}

/* jdcolor.c null_convert() for 3 components: interleave 3 planes into RGB triplets. Installed by the wrapper
 * (jw_wrapper.c) in place of null_convert when jpeg_color_space == JCS_RGB and out_color_space == JCS_EXT_RGB. */
GLOBAL(void)
jw_null_convert3(j_decompress_ptr cinfo, JSAMPIMAGE input_buf, JDIMENSION input_row, JSAMPARRAY output_buf,
                 int num_rows)
{
  JDIMENSION n = cinfo->output_width;
  while (--num_rows >= 0) {
    JSAMPROW p0 = input_buf[0][input_row], p1 = input_buf[1][input_row], p2 = input_buf[2][input_row];
    JSAMPROW out = *output_buf++;
    input_row++;
    JDIMENSION c = 0;
    for (; c + 16 <= n; c += 16, out += 48)
      store_rgb16(out, wasm_v128_load(p0 + c), wasm_v128_load(p1 + c), wasm_v128_load(p2 + c));
    for (; c < n; c++, out += 3) { out[0] = p0[c]; out[1] = p1[c]; out[2] = p2[c]; }
  }
}

/* jdcolor.c/jdcolext.c ycc_rgb_convert() (tables of build_ycc_rgb_table() computed inline, same integers):
 *   R = range_limit[y + ((FIX(1.402) x_cr + ONE_HALF) >> 16)]
 *   G = range_limit[y + ((-FIX(0.34414) x_cb + ONE_HALF + -FIX(0.71414) x_cr) >> 16)]
 *   B = range_limit[y + ((FIX(1.772) x_cb + ONE_HALF) >> 16)],   x = sample - CENTERJSAMPLE
 * The indices stay within [-180, 434], where sample_range_limit[] is clamp(0, 255): unsigned saturation.
 * Installed by the wrapper when jpeg_color_space == JCS_YCbCr and out_color_space == JCS_EXT_RGB. */
#define YCC_SCALEBITS 16
#define YCC_ONE_HALF ((int32_t)1 << (YCC_SCALEBITS - 1))
#define YCC_FIX(x) ((int32_t)((x) * (1L << YCC_SCALEBITS) + 0.5))

static inline __attribute__((always_inline)) V ycc_part(V y, V cb, V cr, int ch)
{
  V add;
  if (ch == 0) add = wasm_i32x4_shr(ADD(MUL(cr, YCC_FIX(1.40200)), wasm_i32x4_splat(YCC_ONE_HALF)), YCC_SCALEBITS);
  else if (ch == 2) add = wasm_i32x4_shr(ADD(MUL(cb, YCC_FIX(1.77200)), wasm_i32x4_splat(YCC_ONE_HALF)), YCC_SCALEBITS);
  else add = wasm_i32x4_shr(ADD(ADD(MUL(cb, -YCC_FIX(0.34414)), wasm_i32x4_splat(YCC_ONE_HALF)), MUL(cr, -YCC_FIX(0.71414))),
                            YCC_SCALEBITS);
  return ADD(y, add);
}

GLOBAL(void)
jw_ycc_rgb_convert3(j_decompress_ptr cinfo, JSAMPIMAGE input_buf, JDIMENSION input_row, JSAMPARRAY output_buf,
                    int num_rows)
{
  JDIMENSION n = cinfo->output_width;
  const V center = wasm_i16x8_splat(CENTERJSAMPLE);
  while (--num_rows >= 0) {
    JSAMPROW p0 = input_buf[0][input_row], p1 = input_buf[1][input_row], p2 = input_buf[2][input_row];
    JSAMPROW out = *output_buf++;
    input_row++;
    JDIMENSION c = 0;
    for (; c + 16 <= n; c += 16, out += 48) {
      V y8 = wasm_v128_load(p0 + c), cb8 = wasm_v128_load(p1 + c), cr8 = wasm_v128_load(p2 + c);
      V yw[2] = { wasm_u16x8_extend_low_u8x16(y8), wasm_u16x8_extend_high_u8x16(y8) };
      V cbw[2] = { wasm_i16x8_sub(wasm_u16x8_extend_low_u8x16(cb8), center), wasm_i16x8_sub(wasm_u16x8_extend_high_u8x16(cb8), center) };
      V crw[2] = { wasm_i16x8_sub(wasm_u16x8_extend_low_u8x16(cr8), center), wasm_i16x8_sub(wasm_u16x8_extend_high_u8x16(cr8), center) };
      V res[3];
      for (int ch = 0; ch < 3; ch++) {
        V h[2];
        for (int k = 0; k < 2; k++) {
          V lo = ycc_part(wasm_i32x4_extend_low_i16x8(yw[k]), wasm_i32x4_extend_low_i16x8(cbw[k]),
                          wasm_i32x4_extend_low_i16x8(crw[k]), ch);
          V hi = ycc_part(wasm_i32x4_extend_high_i16x8(yw[k]), wasm_i32x4_extend_high_i16x8(cbw[k]),
                          wasm_i32x4_extend_high_i16x8(crw[k]), ch);
          h[k] = wasm_i16x8_narrow_i32x4(lo, hi);
        }
        res[ch] = wasm_u8x16_narrow_i16x8(h[0], h[1]);
      }
      store_rgb16(out, res[0], res[1], res[2]);
    }
    for (; c < n; c++, out += 3) {
      int32_t y = p0[c], xb = (int32_t)p1[c] - CENTERJSAMPLE, xr = (int32_t)p2[c] - CENTERJSAMPLE;
      int32_t r = y + ((YCC_FIX(1.40200) * xr + YCC_ONE_HALF) >> YCC_SCALEBITS);
      int32_t g = y + ((-YCC_FIX(0.34414) * xb + YCC_ONE_HALF + -YCC_FIX(0.71414) * xr) >> YCC_SCALEBITS);
      int32_t b = y + ((YCC_FIX(1.77200) * xb + YCC_ONE_HALF) >> YCC_SCALEBITS);
      out[0] = (JSAMPLE)(r < 0 ? 0 : r > MAXJSAMPLE ? MAXJSAMPLE : r);
      out[1] = (JSAMPLE)(g < 0 ? 0 : g > MAXJSAMPLE ? MAXJSAMPLE : g);
      out[2] = (JSAMPLE)(b < 0 ? 0 : b > MAXJSAMPLE ? MAXJSAMPLE : b);
    }
  }
}
