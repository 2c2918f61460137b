#!/bin/bash
# Builds codecs/openjpeg/openjpeg.wasm: OpenJPEG's JPEG 2000 decoder (Debian's openjpeg2 source package, with
# Debian's patches) and j2k_wrapper.c, as a standalone WebAssembly module. See README.md for why and how it is used.
#
# Prerequisites, on Debian 12 (bookworm), as root:
#   apt-get install -y emscripten dpkg-dev    # emscripten 3.1.6~dfsg-5 (clang 14, binaryen 108)
#   and a deb-src line so that `apt-get source` finds the source package, e.g.
#     echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main' \
#       > /etc/apt/sources.list.d/deb-src.list && apt-get update
#   Once Debian publishes a newer openjpeg2, download the three files of the pinned version below from
#   https://snapshot.debian.org/package/openjpeg2/ into a folder and pass it as OPENJPEG_DEB_DIR instead.
#
# Usage: codecs/openjpeg/build.sh
#   OPENJPEG_DEB_DIR=dir  take the source package's files from dir instead of `apt-get source`
#   WORK=dir              scratch folder (default: a fresh temporary folder, removed afterwards)
#
# Reproducible: the same toolchain and source give the same bytes (the pinned sha256s below are checked; README.md
# records the sha256 of the committed .wasm). No absolute path reaches the output (-ffile-prefix-map, no debug info).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DEB_VERSION=2.5.0-2+deb12u3
declare -A SHA256=(
  [openjpeg2_2.5.0-2+deb12u3.dsc]=f570a7c10d36f2d5b2553941e7821ed88d1cf7a93f9c49e7f6099e53f4491f47
  [openjpeg2_2.5.0.orig.tar.xz]=007e19d772c8b6b22e35379630b06ff3549e49ba719d96453607a36ad7b4de73
  [openjpeg2_2.5.0-2+deb12u3.debian.tar.xz]=36dedb0ca4c1659c173feac97c19b31985656f4cd112b1a4d54d54bc4133ad37
)

DEB_PACKAGE=openjpeg2
DSC=openjpeg2_$DEB_VERSION.dsc
DEB_DIR=${OPENJPEG_DEB_DIR:-}
# Unpacks the upstream tarball into $WORK/openjpeg2 and applies Debian's patches (security fixes among them).
# shellcheck source=../debianSourceBuild.sh
source "$HERE/../debianSourceBuild.sh"

SRC=$WORK/openjpeg2/src/lib/openjp2
# What CMake would generate from opj_config.h.cmake.in and opj_config_private.h.cmake.in for this target.
mkdir -p "$WORK/config"
cat > "$WORK/config/opj_config.h" <<'H'
#define OPJ_HAVE_STDINT_H 1
#define OPJ_VERSION_MAJOR 2
#define OPJ_VERSION_MINOR 5
#define OPJ_VERSION_BUILD 0
H
cat > "$WORK/config/opj_config_private.h" <<'H'
#define OPJ_HAVE_INTTYPES_H 1
#define OPJ_PACKAGE_VERSION "2.5.0"
#define OPJ_HAVE_MALLOC_H
#define OPJ_HAVE_ALIGNED_ALLOC
#define OPJ_HAVE_MEMALIGN
#define OPJ_HAVE_POSIX_MEMALIGN
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200112L
#endif
H

# libopenjp2's sources; the encoder's functions are never referenced by the wrapper, so the linker drops them.
LIB="bio cio dwt event function_list ht_dec image invert j2k jp2 mct mqc openjpeg opj_clock opj_malloc pi
     sparse_array t1 t2 tcd tgt thread"
# -msimd128 with -msse/-msse2 compiles OpenJPEG's SSE/SSE2 paths (wavelet, MCT) to WebAssembly SIMD through
# emscripten's x86 intrinsic headers. -flto lets the wrapper and the library be optimised as one.
FLAGS=(-O3 -flto -msimd128 -msse -msse2 -mbulk-memory -mnontrapping-fptoint)
CFLAGS=(-I"$WORK/config" -I"$SRC" -DNDEBUG -ffile-prefix-map="$WORK"=. -ffile-prefix-map="$HERE"=. -Wno-unused-command-line-argument
        -Wno-implicit-const-int-float-conversion)  # upstream tcd.c compares a float with INT_MAX; harmless
# t1.c without inlining: OpenJPEG's code-block decoder otherwise becomes one huge function, which V8 compiles
# worse; measured 17-20% faster Tier-1 decoding on our CT files.
T1_FLAGS=(-fno-inline-functions)
# A library module for a host that calls exported functions: no main, no filesystem, no JavaScript glue. It
# imports only environ_get/environ_sizes_get (OpenJPEG reads OPJ_NUM_THREADS) and a memory-growth notification.
LINK=(--no-entry -sSTANDALONE_WASM=1 -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=8MB
      '-sEXPORTED_FUNCTIONS=["_j2k_decode","_j2k_result","_j2k_error","_j2k_malloc","_j2k_free"]')

mkdir -p "$WORK/obj"
for f in $LIB; do
  extra=()
  [ "$f" = t1 ] && extra=("${T1_FLAGS[@]}")
  emcc "${CFLAGS[@]}" "${FLAGS[@]}" "${extra[@]}" -c "$SRC/$f.c" -o "$WORK/obj/opj_$f.o"
done
emcc "${CFLAGS[@]}" "${FLAGS[@]}" -c "$HERE/j2k_wrapper.c" -o "$WORK/obj/j2k_wrapper.o"
emcc "${FLAGS[@]}" "$WORK"/obj/*.o "${LINK[@]}" -o "$WORK/openjpeg.wasm"

install -m 644 "$WORK/openjpeg.wasm" "$HERE/openjpeg.wasm"
echo "wrote $HERE/openjpeg.wasm"
sha256sum "$HERE/openjpeg.wasm"
