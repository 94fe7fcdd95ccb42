#!/usr/bin/env bash
# Installs the third-party clients pinned in src/test/js/package.json into a folder outside the sources (default
# target/js-clients, or the one given), without a lockfile, without running install scripts, and says how long it took.
# The client tests find the folder through STAGEGATE_JS_CLIENTS (default target/js-clients).
set -euo pipefail
cd "$(dirname "$0")/../../.."
target="${1:-target/js-clients}"
mkdir -p "$target"
cp src/test/js/package.json "$target/package.json"
started=$(date +%s)
install() {
  npm install --prefix "$target" --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error
}
install || { echo "npm install failed; trying once more" >&2; sleep 5; install; }
pinned=$(node -p "const p = require('./$target/package.json'); Object.entries({...p.dependencies, ...p.optionalDependencies}).map(e => e.join('@')).join(', ')")
echo "JS clients ($pinned) installed in $target in $(( $(date +%s) - started )) s"
