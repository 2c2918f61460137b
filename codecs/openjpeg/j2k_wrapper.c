/*
 * Voxel Lab's JPEG 2000 frame decoder: OpenJPEG's libopenjp2 behind five exported functions, built by build.sh
 * into a standalone WebAssembly module (no emscripten JavaScript glue), so that one small TypeScript binding
 * (src/core/dicom/decoders/openjpegWasm.ts) can run it in Node and in a Web Worker alike.
 *
 * Use: j2k_malloc() a buffer, copy the codestream in, j2k_decode(ptr, len, width, height, components) with the
 * geometry the DICOM header gives; when it returns J2K_OK, j2k_result() describes the samples, which stay valid
 * until the next j2k_decode(); otherwise j2k_error() holds OpenJPEG's messages.
 *
 * The samples are laid out as @cornerstonejs/codec-openjpeg's getDecodedBuffer() lays them out (the decoder we
 * used before, kept as the fallback), so pixel hashes do not change: components interleaved, one sample per
 * component, uint8/int8 for a precision up to 8 bits, else uint16/int16. OpenJPEG applies the inverse RCT/ICT
 * itself when the codestream's MCT flag asks for it. One difference: signed data of up to 8 bits comes out as
 * int8 (the npm build clamps it to 0..255).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "openjpeg.h"

#include <emscripten/emscripten.h>
#define EXPORT EMSCRIPTEN_KEEPALIVE

/* j2k_decode()'s result. J2K_UNSUPPORTED means "valid, but not a layout this wrapper writes": the caller decodes
 * the frame with another decoder rather than failing. */
enum {
    J2K_OK = 0,
    J2K_TOO_SHORT = 1,   /* too short to tell a JP2 file from a codestream */
    J2K_NO_MEMORY = 2,
    J2K_SETUP = 3,       /* OpenJPEG refused its own default decoding parameters */
    J2K_BAD_HEADER = 4,  /* not a J2K codestream / JP2 file, or its main header is damaged */
    J2K_BAD_DATA = 5,    /* the tile data could not be decoded */
    J2K_UNSUPPORTED = 6, /* components of different sizes (subsampled chroma), precisions or signedness, or >16 bits */
    J2K_GEOMETRY = 7     /* the codestream's size or component count is not the caller's (j2k_result() has them) */
};

/* What j2k_result() points at; the binding reads it as 8 int32 values in this order. */
typedef struct {
    int32_t width, height, components, precision, is_signed, bytes_per_sample;
    int32_t samples_ptr, samples_bytes;
} j2k_result_t;

static j2k_result_t result;
static char errors[512];
/* The output buffer is kept and reused: WebAssembly memory never shrinks, and a frame of a series is usually
 * followed by frames of the same size. */
static uint8_t *out_buf;
static size_t out_cap;

/* Appends OpenJPEG's error messages (several may explain one failure) for the caller's error text. */
static void on_error(const char *msg, void *user)
{
    size_t used = strlen(errors);
    (void)user;
    if (used > 0 && used + 2 < sizeof errors) {
        strcpy(errors + used, "; ");
        used += 2;
    }
    strncat(errors, msg, sizeof errors - 1 - used);
    /* OpenJPEG's messages end in a newline */
    for (size_t n = strlen(errors); n > 0 && (errors[n - 1] == '\n' || errors[n - 1] == ' '); n--) {
        errors[n - 1] = 0;
    }
}

/* OpenJPEG reads through a stream object; these three callbacks serve it from the codestream in memory. */
typedef struct {
    const uint8_t *data;
    OPJ_SIZE_T len;
    OPJ_SIZE_T pos;
} mem_src;

static OPJ_SIZE_T src_read(void *out, OPJ_SIZE_T n, void *user)
{
    mem_src *s = (mem_src *)user;
    OPJ_SIZE_T left = s->len - s->pos;
    if (left == 0) {
        return (OPJ_SIZE_T)-1; /* end of stream, as OpenJPEG expects it */
    }
    if (n > left) {
        n = left;
    }
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
    return n;
}

static OPJ_OFF_T src_skip(OPJ_OFF_T n, void *user)
{
    mem_src *s = (mem_src *)user;
    if (n < 0) {
        if ((OPJ_SIZE_T)(-n) > s->pos) {
            return -1;
        }
    } else if ((OPJ_SIZE_T)n > s->len - s->pos) {
        n = (OPJ_OFF_T)(s->len - s->pos);
    }
    s->pos += (OPJ_SIZE_T)n;
    return n;
}

static OPJ_BOOL src_seek(OPJ_OFF_T n, void *user)
{
    mem_src *s = (mem_src *)user;
    if (n < 0 || (OPJ_SIZE_T)n > s->len) {
        return OPJ_FALSE;
    }
    s->pos = (OPJ_SIZE_T)n;
    return OPJ_TRUE;
}

EXPORT void *j2k_malloc(size_t n)
{
    return malloc(n);
}

EXPORT void j2k_free(void *p)
{
    free(p);
}

EXPORT const j2k_result_t *j2k_result(void)
{
    return &result;
}

EXPORT const char *j2k_error(void)
{
    return errors;
}

/* OpenJPEG already clips reconstructed samples to the component's precision; the clamp only keeps the narrowing
 * cast defined whatever the codestream claims. */
static inline int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* Interleaves the components' int32 planes into out_buf as T; one component (most DICOM images) gets a plain
 * loop that the compiler vectorises. */
#define INTERLEAVE(T, LO, HI)                                                         \
    do {                                                                              \
        T *o = (T *)out_buf;                                                          \
        if (nc == 1) {                                                                \
            const int32_t *a = img->comps[0].data;                                    \
            for (size_t i = 0; i < px; i++) o[i] = (T)clamp(a[i], LO, HI);            \
        } else {                                                                      \
            for (uint32_t c = 0; c < nc; c++) {                                       \
                const int32_t *a = img->comps[c].data;                                \
                for (size_t i = 0; i < px; i++) o[i * nc + c] = (T)clamp(a[i], LO, HI); \
            }                                                                         \
        }                                                                             \
    } while (0)

/* Copies a decoded image into out_buf and fills `result`. */
static int write_samples(const opj_image_t *img)
{
    const uint32_t nc = img->numcomps;
    const opj_image_comp_t *first = &img->comps[0];
    const uint32_t prec = first->prec, sgnd = first->sgnd;
    const size_t px = (size_t)first->w * first->h, bps = prec <= 8 ? 1 : 2, need = px * nc * bps;

    if (nc == 0 || prec == 0 || prec > 16) {
        return J2K_UNSUPPORTED;
    }
    for (uint32_t c = 0; c < nc; c++) {
        const opj_image_comp_t *k = &img->comps[c];
        if (!k->data || k->w != first->w || k->h != first->h || k->prec != prec || k->sgnd != sgnd) {
            return J2K_UNSUPPORTED;
        }
    }
    if (need > out_cap) {
        free(out_buf);
        out_buf = (uint8_t *)malloc(need);
        out_cap = out_buf ? need : 0;
        if (!out_buf) {
            return J2K_NO_MEMORY;
        }
    }
    if (bps == 1) {
        if (sgnd) {
            INTERLEAVE(int8_t, -128, 127);
        } else {
            INTERLEAVE(uint8_t, 0, 255);
        }
    } else if (sgnd) {
        INTERLEAVE(int16_t, -32768, 32767);
    } else {
        INTERLEAVE(uint16_t, 0, 65535);
    }
    result.width = (int32_t)first->w;
    result.height = (int32_t)first->h;
    result.components = (int32_t)nc;
    result.precision = (int32_t)prec;
    result.is_signed = (int32_t)sgnd;
    result.bytes_per_sample = (int32_t)bps;
    result.samples_ptr = (int32_t)(uintptr_t)out_buf;
    result.samples_bytes = (int32_t)need;
    return J2K_OK;
}

/* Decodes one J2K codestream (or JP2 file) of `len` bytes at `data` at full resolution, all quality layers, if
 * its first component is width x height and it has `components` components. */
EXPORT int j2k_decode(const uint8_t *data, size_t len, uint32_t width, uint32_t height, uint32_t components)
{
    static const uint8_t jp2_signature_box[4] = {0x00, 0x00, 0x00, 0x0C};
    mem_src src = {data, len, 0};
    opj_dparameters_t params;
    opj_codec_t *codec;
    opj_stream_t *stream;
    opj_image_t *img = NULL;
    int rc;

    errors[0] = 0;
    memset(&result, 0, sizeof result);
    if (len < 4) {
        return J2K_TOO_SHORT;
    }
    /* DICOM stores bare codestreams, but some writers put a JP2 file into the fragments. */
    codec = opj_create_decompress(memcmp(data, jp2_signature_box, 4) == 0 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
    stream = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
    if (!codec || !stream) {
        opj_stream_destroy(stream);
        opj_destroy_codec(codec);
        return J2K_NO_MEMORY;
    }
    opj_set_error_handler(codec, on_error, NULL);
    opj_stream_set_user_data(stream, &src, NULL);
    opj_stream_set_user_data_length(stream, len);
    opj_stream_set_read_function(stream, src_read);
    opj_stream_set_skip_function(stream, src_skip);
    opj_stream_set_seek_function(stream, src_seek);
    opj_set_default_decoder_parameters(&params);

    if (!opj_setup_decoder(codec, &params)) {
        rc = J2K_SETUP;
    } else if (!opj_read_header(stream, codec, &img)) {
        rc = J2K_BAD_HEADER;
    } else if (img->numcomps != components || img->comps[0].w != width || img->comps[0].h != height) {
        /* Refused before decoding: OpenJPEG would allocate for the size a damaged SIZ marker claims, and
         * WebAssembly memory, once grown, is never given back. */
        result.width = (int32_t)(img->numcomps ? img->comps[0].w : 0);
        result.height = (int32_t)(img->numcomps ? img->comps[0].h : 0);
        result.components = (int32_t)img->numcomps;
        rc = J2K_GEOMETRY;
    } else if (!opj_decode(codec, stream, img) || !opj_end_decompress(codec, stream)) {
        rc = J2K_BAD_DATA;
    } else {
        rc = write_samples(img);
    }
    opj_image_destroy(img);
    opj_stream_destroy(stream);
    opj_destroy_codec(codec);
    return rc;
}
