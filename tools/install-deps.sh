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
  libtomlplusplus-dev nginx-light caddy wrk doxygen
)
# The gateways `jwtcheck authz` is tested behind: the tests start their own instances, so
# Debian's system services must not be left running (they would take ports 80 and 2019).
gateway_services=(nginx caddy)
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

# A policy-rc.d that forbids starting services while a gateway package is installed (invoke-rc.d
# and deb-systemd-invoke obey it); one already there is left alone.
installs_gateway=false
for p in "${missing[@]}"; do
  case "$p" in nginx*|caddy) installs_gateway=true ;; esac
done
policy_rc=/usr/sbin/policy-rc.d
added_policy=false
if $installs_gateway && [ ! -e "$policy_rc" ]; then
  printf '#!/bin/sh\n# tools/install-deps.sh: no service starts while it installs packages\nexit 101\n' | $sudo tee "$policy_rc" >/dev/null
  $sudo chmod 755 "$policy_rc"
  added_policy=true
fi
remove_policy() { if $added_policy; then $sudo rm -f "$policy_rc"; fi; }
trap remove_policy EXIT

say "installing ${#missing[@]} missing packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}"

if $installs_gateway; then
  # Stopped and disabled whichever init there is (in a container without one, nothing started).
  for service in "${gateway_services[@]}"; do
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
      $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
    elif command -v service >/dev/null && [ -x "/etc/init.d/$service" ]; then
      $sudo service "$service" stop >/dev/null 2>&1 || true
    fi
  done
  say "system services ${gateway_services[*]} are not left running (the tests start their own)"
fi
