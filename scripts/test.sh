#!/usr/bin/env bash
# The whole test suite: builds with the dev preset (warnings are errors) and runs every test,
# then does the same under AddressSanitizer + UBSan. Integration tests start the real
# parley-server on loopback with temporary SQLite files; the browser test drives the agent
# console in Debian's Chromium.
#
#   scripts/test.sh            dev, then asan
#   scripts/test.sh dev        one preset (dev, asan or tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
# playwright-core, at the version the lock file pins, for the browser test.
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev asan)
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "=== $preset ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
