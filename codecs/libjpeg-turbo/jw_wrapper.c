/*
 * Voxel Lab's 8-bit JPEG frame decoder: libjpeg-turbo's libjpeg API behind five exported functions, built by
 * build.sh into a standalone WebAssembly module (no emscripten JavaScript glue), so that one small TypeScript
 * binding (src/core/dicom/decoders/libjpegTurboWasm.ts) can run it in Node and in a Web Worker alike.
 *
 * Use: jw_malloc() a buffer, copy the JPEG stream in, jw_decode(ptr, len, width, height, components, flags) with
 * the geometry the DICOM header gives; when it returns JW_OK, jw_result() describes the samples, which stay valid
 * until the next jw_decode(); otherwise jw_error() holds libjpeg's message.
 *
 * The samples are what @cornerstonejs/codec-libjpeg-turbo-8bit returns (the decoder we used before, kept as the
 * fallback), so pixel hashes do not change. That build calls TurboJPEG's tjDecompress2() with TJPF_GRAY or
 * TJPF_RGB and no flags, which means: interleaved 8-bit samples, grey or R,G,B; the accurate integer IDCT
 * (JDCT_ISLOW, libjpeg's default); "fancy" (triangle-filter) chroma upsampling (also the default). It is as strict:
 * tjDecompress2() fails when libjpeg so much as warns (corrupt entropy data, a premature end, extraneous bytes),
 * and so does jw_decode() (JW_CORRUPT), although libjpeg would have made an image.
 *
 * Fatal libjpeg errors (not a JPEG stream, damaged markers, an unsupported process) cannot return: libjpeg's
 * error_exit must not return to the library, and the usual way out, longjmp(), needs emscripten's JavaScript glue
 * in this emscripten version unless the module is built for WebAssembly exception handling. So on_error() keeps
 * the message and TRAPS (a WebAssembly RuntimeError in the caller). The trap unwinds past libjpeg with its state
 * and allocations half-made, so the caller reads jw_error() and then drops the whole instance.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define JPEG_INTERNALS /* for cinfo->cconvert: the colour converters are replaced below */
#include "jpeglib.h"

#include <emscripten/emscripten.h>
#define EXPORT EMSCRIPTEN_KEEPALIVE

/* jsimd_wasm.c: WebAssembly SIMD versions of jdcolor.c's null_convert() and ycc_rgb_convert() for 3 components.
 * (libjpeg-turbo's jsimd interface has no hook for null_convert, and its ycc_rgb hook would be called with
 * JCS_EXT_RGB too, so the wrapper installs both itself.) */
void jw_null_convert3(j_decompress_ptr, JSAMPIMAGE, JDIMENSION, JSAMPARRAY, int);
void jw_ycc_rgb_convert3(j_decompress_ptr, JSAMPIMAGE, JDIMENSION, JSAMPARRAY, int);

/* jw_decode()'s result. JW_UNSUPPORTED means "a JPEG stream, but not a layout this wrapper writes": the caller
 * decodes the frame with another decoder rather than failing. */
enum {
    JW_OK = 0,
    JW_CORRUPT = 1,     /* libjpeg warned (corrupt data); jw_error() has its first warning */
    JW_UNSUPPORTED = 2, /* neither 1 nor 3 components (e.g. CMYK) */
    JW_NO_MEMORY = 3,
    JW_GEOMETRY = 4     /* the stream's size or component count is not the caller's (jw_result() has them) */
};

/* jw_decode()'s flags. JW_KEEP_COLOR: 3 components come out as coded, with no YCbCr -> RGB conversion. DICOM
 * wants that for its YBR_* photometric interpretations (the samples are Y, Cb, Cr). TurboJPEG has no such
 * switch, so for the npm build the core rewrites the stream's header (src/core/dicom/decoders/jpegColorMarkers.ts)
 * with an Adobe marker saying "transform 0" and no JFIF marker, which makes libjpeg set jpeg_color_space to
 * JCS_RGB and so skip the conversion; setting jpeg_color_space here does exactly the same, without the copy. */
#define JW_KEEP_COLOR 1

/* What jw_result() points at; the binding reads it as 5 int32 values in this order. */
typedef struct {
    int32_t width, height, components, samples_ptr, samples_bytes;
} jw_result_t;

static struct jpeg_decompress_struct dinfo;
static struct jpeg_error_mgr jerr;
static int created;
static jw_result_t result;
static char message[JMSG_LENGTH_MAX];
static int warnings;
/* The output buffer and its row pointers are kept and reused: WebAssembly memory never shrinks, and a frame of a
 * series is usually followed by frames of the same size. */
static uint8_t *out_buf;
static size_t out_cap;
static JSAMPROW *rows;
static size_t rows_cap;

static void on_error(j_common_ptr cinfo)
{
    (*cinfo->err->format_message)(cinfo, message);
    __builtin_trap(); /* see the top of this file */
}

/* libjpeg's warnings and trace messages. Warnings (level -1) mean corrupt data: counted, and the first kept for
 * the caller's error text. Trace messages (level >= 0) are informational and fail nothing, in TurboJPEG either. */
static void on_message(j_common_ptr cinfo, int level)
{
    if (level < 0) {
        if (warnings == 0) (*cinfo->err->format_message)(cinfo, message);
        warnings++;
    }
}

/* libjpeg's default writes messages to stderr; every message reaches the caller through jw_error() instead. */
static void on_output(j_common_ptr cinfo) { (void)cinfo; }

EXPORT void *jw_malloc(size_t n) { return malloc(n); }
EXPORT void jw_free(void *p) { free(p); }
EXPORT const char *jw_error(void) { return message; }
EXPORT const jw_result_t *jw_result(void) { return &result; }

/* Makes room for the decoded image, reusing the buffers when they are large enough. */
static int reserve(size_t bytes, size_t height)
{
    if (bytes > out_cap) {
        free(out_buf);
        out_buf = malloc(bytes);
        out_cap = out_buf ? bytes : 0;
    }
    if (height > rows_cap) {
        free(rows);
        rows = malloc(height * sizeof *rows);
        rows_cap = rows ? height : 0;
    }
    return out_buf != NULL && rows != NULL;
}

EXPORT int jw_decode(const uint8_t *data, uint32_t len, int32_t width, int32_t height, int32_t components, int flags)
{
    if (!created) {
        /* One decompressor for the instance's life (libjpeg resets it after each image); it is never destroyed,
         * as a trap abandons the instance anyway. */
        dinfo.err = jpeg_std_error(&jerr);
        jerr.error_exit = on_error;
        jerr.emit_message = on_message;
        jerr.output_message = on_output;
        jpeg_create_decompress(&dinfo);
        created = 1;
    }
    warnings = 0;
    message[0] = 0;
    memset(&result, 0, sizeof result);

    jpeg_mem_src(&dinfo, data, len);
    jpeg_read_header(&dinfo, TRUE);
    int comps = dinfo.num_components;
    if (comps != 1 && comps != 3) {
        jpeg_abort_decompress(&dinfo);
        snprintf(message, sizeof message, "%d components", comps);
        return JW_UNSUPPORTED;
    }
    /* Compared before any entropy-coded data is read or the output is allocated: a damaged SOF marker claiming
     * 65000 x 65000 pixels is refused here rather than after allocating for it. */
    if ((int32_t)dinfo.image_width != width || (int32_t)dinfo.image_height != height || comps != components) {
        result.width = (int32_t)dinfo.image_width;
        result.height = (int32_t)dinfo.image_height;
        result.components = comps;
        jpeg_abort_decompress(&dinfo);
        return JW_GEOMETRY;
    }
    if (comps == 1) {
        dinfo.out_color_space = JCS_GRAYSCALE;
    } else {
        if (flags & JW_KEEP_COLOR) dinfo.jpeg_color_space = JCS_RGB;
        /* JCS_EXT_RGB is TurboJPEG's TJPF_RGB: R,G,B in this order, 3 bytes per pixel. */
        dinfo.out_color_space = JCS_EXT_RGB;
    }
    /* 64-bit: up to 65535 x 65535 x 3 bytes, which a 32-bit size_t cannot hold. */
    uint64_t bytes = (uint64_t)dinfo.image_width * dinfo.image_height * (uint64_t)comps;
    if (bytes > INT32_MAX || !reserve((size_t)bytes, dinfo.image_height)) {
        jpeg_abort_decompress(&dinfo);
        snprintf(message, sizeof message, "%llu bytes for the image", (unsigned long long)bytes);
        return JW_NO_MEMORY;
    }

    jpeg_start_decompress(&dinfo);
    /* With fancy upsampling (the default, never changed here) jdmaster.c does not use the merged upsampler, so it
     * has made a colour converter (cinfo->cconvert), whose C function for exactly these cases is swapped for the
     * SIMD one: jdcolor.c chose null_convert for JCS_RGB -> JCS_EXT_RGB and ycc_rgb_convert for JCS_YCbCr ->
     * JCS_EXT_RGB (its own SIMD hook, jsimd_can_ycc_rgb(), says no). */
    if (comps == 3 && dinfo.do_fancy_upsampling && !dinfo.raw_data_out && !dinfo.quantize_colors) {
        if (dinfo.jpeg_color_space == JCS_RGB) dinfo.cconvert->color_convert = jw_null_convert3;
        else if (dinfo.jpeg_color_space == JCS_YCbCr) dinfo.cconvert->color_convert = jw_ycc_rgb_convert3;
    }
    size_t stride = (size_t)dinfo.output_width * (size_t)comps;
    for (JDIMENSION i = 0; i < dinfo.output_height; i++) rows[i] = out_buf + i * stride;
    while (dinfo.output_scanline < dinfo.output_height)
        jpeg_read_scanlines(&dinfo, rows + dinfo.output_scanline, dinfo.output_height - dinfo.output_scanline);
    /* Reads up to the EOI marker: a warning about what follows the image still counts, as in TurboJPEG. */
    jpeg_finish_decompress(&dinfo);

    if (warnings) return JW_CORRUPT;
    result.width = (int32_t)dinfo.output_width;
    result.height = (int32_t)dinfo.output_height;
    result.components = comps;
    result.samples_ptr = (int32_t)(uintptr_t)out_buf;
    result.samples_bytes = (int32_t)bytes;
    return JW_OK;
}
