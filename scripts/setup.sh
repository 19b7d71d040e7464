#!/usr/bin/env bash
# Installs, idempotently and pinned, the tools the build and tests need.
#
#   scripts/setup.sh              wasm32 target + wasm-bindgen (make run, make test)
#   scripts/setup.sh --release    also wasm-opt (binaryen from npm) for the release bundle
#   scripts/setup.sh --browser    also Chromium and ChromeDriver (browser tests)
#   scripts/setup.sh --print-wasm-opt   print the path of the pinned wasm-opt
#
# Debian's binaryen (version 108) is deliberately not used: its wasm-opt produces a
# bundle that fails to hydrate (`WebAssembly.Table.set(): Argument 1 is invalid`).
set -euo pipefail
cd "$(dirname "$0")/.."

BINARYEN_VERSION=132
TOOLS_DIR=${LAB_TOOLS_DIR:-$HOME/.cache/devops-lab/tools}
WASM_OPT="$TOOLS_DIR/binaryen-$BINARYEN_VERSION/node_modules/.bin/wasm-opt"

if [ "${1:-}" = --print-wasm-opt ]; then
  echo "$WASM_OPT"
  exit 0
fi

log() { echo "setup: $*" >&2; }

# The wasm-bindgen CLI must be the exact version in Cargo.lock.
want_bindgen=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  log "installing wasm-bindgen-cli $want_bindgen (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$want_bindgen" --force
fi

for arg in "$@"; do
  case "$arg" in
    --release)
      if [ ! -x "$WASM_OPT" ]; then
        log "installing binaryen@$BINARYEN_VERSION (wasm-opt) from npm"
        mkdir -p "$TOOLS_DIR/binaryen-$BINARYEN_VERSION"
        npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/binaryen-$BINARYEN_VERSION" "binaryen@$BINARYEN_VERSION"
      fi
      ;;
    --browser)
      if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        log "installing chromium and chromium-driver from Debian"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium chromium-driver >/dev/null
      fi
      ;;
    *) log "unknown option $arg"; exit 2 ;;
  esac
done
