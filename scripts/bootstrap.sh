#!/usr/bin/env bash
# Installs what building and testing Parley needs, from Debian packages. Safe to run again:
# it installs only what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libwebsockets-dev libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev zlib1g-dev
  libutf8proc-dev libgtest-dev libgmock-dev libbenchmark-dev
  chromium fonts-dejavu-core  # the agent console's browser test
)
# Node.js and npm drive the browser test (playwright-core); a machine may have them already.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bootstrap: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
