#!/usr/bin/env bash
# Installs the Debian 12 packages jwtcheck builds and tests with (only the missing ones).
#   tools/install-deps.sh             build, tests, benchmarks
#   tools/install-deps.sh --fuzzing   also clang and its sanitizer runtimes (tests/fuzz, .ci/sanitizers fuzz)
# It says what it installs, waits (up to 5 min) for another apt or dpkg that holds the lock instead
# of failing, and runs `apt-get update` only when a missing package is unknown to apt's cache.
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

say() { echo "install-deps: $*" >&2; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# Another apt (unattended-upgrades, a parallel install) may hold the lock: wait for it.
apt_options=(-o DPkg::Lock::Timeout=300 -q)

# A package apt has no candidate for needs fresh package lists; otherwise the cache is enough.
unknown=()
for p in "${missing[@]}"; do
  candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || unknown+=("$p")
done
if [ ${#unknown[@]} -gt 0 ]; then
  say "not in the package lists: ${unknown[*]}; running apt-get update"
  $sudo apt-get "${apt_options[@]}" update
fi

say "installing ${#missing[@]} missing packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}"
