#!/bin/bash
# Builds codecs/libjpeg-turbo/libjpeg-turbo.wasm: libjpeg-turbo's JPEG decoder (Debian's libjpeg-turbo source
# package, with Debian's patches; the libjpeg API only), our WebAssembly SIMD routines (jsimd_wasm.c) and
# jw_wrapper.c, as a standalone WebAssembly module. See README.md for why and how it is used.
#
# Prerequisites, on Debian 12 (bookworm), as root:
#   apt-get install -y emscripten dpkg-dev    # emscripten 3.1.6~dfsg-5 (clang 14, binaryen 108)
#   and a deb-src line so that `apt-get source` finds the source package, e.g.
#     echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main' \
#       > /etc/apt/sources.list.d/deb-src.list && apt-get update
#   Once Debian publishes a newer libjpeg-turbo, download the three files of the pinned version below from
#   https://snapshot.debian.org/package/libjpeg-turbo/ into a folder and pass it as LIBJPEG_TURBO_DEB_DIR instead.
#
# Usage: codecs/libjpeg-turbo/build.sh
#   LIBJPEG_TURBO_DEB_DIR=dir  take the source package's files from dir instead of `apt-get source`
#   WORK=dir                   scratch folder (default: a fresh temporary folder, removed afterwards)
#
# Reproducible: the same toolchain and source give the same bytes (the pinned sha256s below are checked; README.md
# records the sha256 of the committed .wasm). No absolute path reaches the output (-ffile-prefix-map, no debug info).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DEB_VERSION=1:2.1.5-2        # with its epoch, as apt-get names it
DEB_FILE_VERSION=2.1.5-2     # without, as the files are named
declare -A SHA256=(
  [libjpeg-turbo_2.1.5-2.dsc]=d718ead0dfbcbc8523665c02a7f7152e31039ded641d022868722623bb3b486d
  [libjpeg-turbo_2.1.5.orig.tar.gz]=254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c
  [libjpeg-turbo_2.1.5-2.debian.tar.xz]=cdb2433c2f7101345c1ffa14efb943787c675b86354691a32490845fe4bc9237
)

DEB_PACKAGE=libjpeg-turbo
DSC=libjpeg-turbo_$DEB_FILE_VERSION.dsc
DEB_DIR=${LIBJPEG_TURBO_DEB_DIR:-}
# Unpacks the upstream tarball into $WORK/libjpeg-turbo and applies Debian's patches.
# shellcheck source=../debianSourceBuild.sh
source "$HERE/../debianSourceBuild.sh"

SRC=$WORK/libjpeg-turbo
# What CMake would generate from jconfig.h.in, jconfigint.h.in and jversion.h.in for this target: the libjpeg 6b
# API (JPEG_LIB_VERSION 62, what TurboJPEG and the npm build use), 8-bit samples, arithmetic decoding, the memory
# source manager, and no WITH_SIMD: its SIMD code is x86/Arm/MIPS/PowerPC only; jsimd_wasm.c takes its place.
mkdir -p "$WORK/config"
cat > "$WORK/config/jconfig.h" <<'H'
#define JPEG_LIB_VERSION  62
#define LIBJPEG_TURBO_VERSION  2.1.5
#define LIBJPEG_TURBO_VERSION_NUMBER  2001005
#define C_ARITH_CODING_SUPPORTED 1
#define D_ARITH_CODING_SUPPORTED 1
#define MEM_SRCDST_SUPPORTED 1
#define BITS_IN_JSAMPLE  8
H
cat > "$WORK/config/jconfigint.h" <<'H'
#define BUILD  "wasm"
#undef inline
#define INLINE  __inline__ __attribute__((always_inline))
#define THREAD_LOCAL
#define PACKAGE_NAME  "libjpeg-turbo"
#define VERSION  "2.1.5"
#define SIZEOF_SIZE_T  4
#define HAVE_BUILTIN_CTZL
#define FALLTHROUGH  __attribute__((fallthrough));
H
sed -e 's/@COPYRIGHT_YEAR@/1991-2023/' "$SRC/jversion.h.in" > "$WORK/config/jversion.h"

# libjpeg's decoder side (jdcolext.c, jdmrgext.c, jdcol565.c and jdmrg565.c are #included by others). Code the
# wrapper never reaches (the other IDCTs, colour quantisation, transcoding) is dropped by the linker.
# jsimd_none.c is not in the list: jsimd_wasm.c #includes it and replaces some of its functions.
LIB="jaricom jcomapi jdapimin jdapistd jdarith jdatasrc jdcoefct jdcolor jddctmgr jdhuff jdicc jdinput jdmainct
     jdmarker jdmaster jdmerge jdphuff jdpostct jdsample jdtrans jerror jidctflt jidctfst jidctint jidctred jmemmgr
     jmemnobs jquant1 jquant2 jutils"
# WebAssembly SIMD for jsimd_wasm.c's intrinsics (the C code is not auto-vectorised to any useful extent);
# bulk memory for memcpy/memset; non-trapping float-to-int. No -flto: measured slower here.
FLAGS=(-O3 -msimd128 -mbulk-memory -mnontrapping-fptoint)
CFLAGS=(-I"$WORK/config" -I"$SRC" -DNDEBUG -ffile-prefix-map="$WORK"=. -ffile-prefix-map="$HERE"=. -Wno-unused-command-line-argument)
# A library module for a host that calls exported functions: no main, no filesystem, no JavaScript glue. Its
# imports: environ_get/environ_sizes_get (libjpeg's memory manager reads JPEGMEM), a memory-growth notification,
# and fd_write/fd_seek/fd_close/proc_exit, reached only by libjpeg's default message and exit handlers, which the
# wrapper replaces.
LINK=(--no-entry -sSTANDALONE_WASM=1 -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=8MB
      '-sEXPORTED_FUNCTIONS=["_jw_decode","_jw_result","_jw_error","_jw_malloc","_jw_free"]')

mkdir -p "$WORK/obj"
for f in $LIB; do
  emcc "${CFLAGS[@]}" "${FLAGS[@]}" -c "$SRC/$f.c" -o "$WORK/obj/ljt_$f.o"
done
emcc "${CFLAGS[@]}" "${FLAGS[@]}" -c "$HERE/jsimd_wasm.c" -o "$WORK/obj/jsimd_wasm.o"
emcc "${CFLAGS[@]}" "${FLAGS[@]}" -c "$HERE/jw_wrapper.c" -o "$WORK/obj/jw_wrapper.o"
emcc "${FLAGS[@]}" "$WORK"/obj/*.o "${LINK[@]}" -o "$WORK/libjpeg-turbo.wasm"

install -m 644 "$WORK/libjpeg-turbo.wasm" "$HERE/libjpeg-turbo.wasm"
echo "wrote $HERE/libjpeg-turbo.wasm"
sha256sum "$HERE/libjpeg-turbo.wasm"
