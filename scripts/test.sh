#!/usr/bin/env bash
# The whole test suite: builds with the dev preset (warnings are errors) and runs every test,
# then does the same under AddressSanitizer + UBSan. Integration tests start the real
# parley-server on loopback with temporary SQLite files.
#
#   scripts/test.sh            dev, then asan
#   scripts/test.sh dev        one preset (dev, asan or tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev asan)
jobs=$(nproc)
for preset in "${presets[@]}"; do
  echo "=== $preset ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
