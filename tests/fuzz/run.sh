#!/usr/bin/env bash
# Runs one libFuzzer target for as long as you like:
#   tests/fuzz/run.sh TARGET SECONDS        TARGET: decode | keys | verify | token_answer | discovery | json | dpop
# Builds the fuzz build dir first if needed (clang, -Dfuzzing=true: ASan + UBSan + libFuzzer).
# The seed corpus (tests/fuzz/corpus/TARGET) is read, never written: new inputs go to a working
# corpus in the build dir, crashes to BUILD/fuzz-artifacts/TARGET/. Every crash becomes a
# regression test in the Boost suites (see tests/limits, tests/hygiene and the module suites).
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_NICE (default 19), FUZZ_ARGS (extra
# libFuzzer flags, e.g. "-jobs=2 -workers=2").
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${1:?usage: tests/fuzz/run.sh TARGET SECONDS (TARGET: decode keys verify token_answer discovery json dpop)}"
seconds="${2:?usage: tests/fuzz/run.sh TARGET SECONDS}"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
case "$target" in decode|keys|verify|token_answer|discovery|json|dpop) ;; *) echo "unknown target: $target" >&2; exit 2 ;; esac

if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ meson setup "$build" "$root" -Dfuzzing=true -Dbenchmarks=disabled -Db_lundef=false
fi
ninja -C "$build" -j"${FUZZ_BUILD_JOBS:-1}" "tests/fuzz/fuzz_$target"

work="$build/fuzz-corpus/$target"
artifacts="$build/fuzz-artifacts/$target"
mkdir -p "$work" "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/.ci/ubsan.supp}"
# -max_len covers a token just past Limits::max_token_bytes (16 KiB); -timeout flags a hang.
# shellcheck disable=SC2086
exec nice -n "${FUZZ_NICE:-19}" "$build/tests/fuzz/fuzz_$target" \
  -max_total_time="$seconds" -max_len=17000 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict="$root/tests/fuzz/jwt.dict" -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} \
  "$work" "$root/tests/fuzz/corpus/$target"
