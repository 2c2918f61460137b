# Sourced by codecs/*/build.sh, which set DEB_PACKAGE, DEB_VERSION (as apt-get names it), DSC (the .dsc file's
# name), DEB_DIR (optional: a folder holding the source package's files instead of `apt-get source`) and SHA256
# (file name → pinned sha256) first. Checks the pinned toolchain, then fetches, checks and unpacks the source package
# (upstream tarball + Debian's patches) into $WORK/$DEB_PACKAGE. WORK: the scratch folder (default: a fresh
# temporary folder, removed on exit).

EMSCRIPTEN_VERSION=3.1.6
# Debian's emcc runs JavaScript tools with node-acorn from /usr/share/nodejs, where a non-Debian node does not look.
export NODE_PATH=/usr/share/nodejs
export LC_ALL=C  # a stable order for the object files the build scripts glob
if ! emcc --version | head -1 | grep -q " $EMSCRIPTEN_VERSION "; then
  echo "build.sh: needs emscripten $EMSCRIPTEN_VERSION (Debian's package); found: $(emcc --version | head -1)" >&2
  echo "          another version builds a working but different .wasm: update README.md if that is intended." >&2
  exit 1
fi

if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/deb"
cd "$WORK/deb"
if [ -n "${DEB_DIR:-}" ]; then
  for f in "${!SHA256[@]}"; do cp "$DEB_DIR/$f" .; done
else
  apt-get source --download-only "$DEB_PACKAGE=$DEB_VERSION"
fi
for f in "${!SHA256[@]}"; do
  echo "${SHA256[$f]}  $f" | sha256sum --check --quiet
done
rm -rf "${WORK:?}/$DEB_PACKAGE"
dpkg-source --no-check -x "$DSC" "$WORK/$DEB_PACKAGE" >/dev/null
