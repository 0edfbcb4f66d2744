#!/usr/bin/env bash
# Installs the Debian 12 packages jwtcheck builds and tests with (only the missing ones).
#   tools/install-deps.sh             build, tests, benchmarks
#   tools/install-deps.sh --fuzzing   also clang and its sanitizer runtimes (tests/fuzz, .ci/sanitizers fuzz)
set -euo pipefail

packages=(
  meson ninja-build g++ pkg-config
  libssl-dev openssl ca-certificates
  rapidjson-dev libcurl4-openssl-dev
  libboost-test-dev libcpp-httplib-dev libcli11-dev libgtest-dev
  groff-base python3 python3-jwt python3-jwcrypto python3-cryptography
  libjwt-dev libcpp-jwt-dev nlohmann-json3-dev libpoco-dev libbenchmark-dev cmake
)
case "${1:-}" in
  "") ;;
  --fuzzing) packages+=(clang libclang-rt-14-dev llvm) ;;
  *) echo "usage: tools/install-deps.sh [--fuzzing]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
