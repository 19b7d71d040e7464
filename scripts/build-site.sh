#!/usr/bin/env bash
# Builds the browser bundle into target/site/pkg: the hydration wasm and its JS glue
# (cargo + wasm-bindgen), optimised with wasm-opt for release, plus the stylesheet.
#
#   scripts/build-site.sh dev       fast, unoptimised (tests)
#   scripts/build-site.sh release   small (make run)
#
# cargo-leptos is not used: it would take 13 minutes to install, and these three steps
# are all it does for us. See docs/building.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-dev}
out=target/site/pkg
mkdir -p "$out"

case "$mode" in
  dev) profile=dev; dir=debug ;;
  release) profile=wasm-release; dir=wasm-release ;;
  *) echo "usage: $0 dev|release" >&2; exit 2 ;;
esac

cargo build --locked -p lab-frontend --target wasm32-unknown-unknown --profile "$profile"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name devops-lab \
  "target/wasm32-unknown-unknown/$dir/lab_frontend.wasm"

if [ "$mode" = release ]; then
  wasm_opt=$(scripts/setup.sh --print-wasm-opt)
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types \
    -o "$out/devops-lab_bg.wasm" "$out/devops-lab_bg.wasm"
fi

cat style/lab.css style/highlight.css > "$out/devops-lab.css"
echo "site built ($mode): $(du -h "$out/devops-lab_bg.wasm" | cut -f1) wasm"
