#!/usr/bin/python3
"""The feature options really turn parts off: configure the source tree in scratch directories
(setup only, nothing is compiled) and compare the build targets and tests meson would make.
  -Dtests=disabled       the three libraries and the CLI: no test program, no test, no benchmark
                         (opt-in targets not built by default, such as `docs`, are not counted)
  -Dbenchmarks=disabled  no jwtcheck-bench (tests still there)
  -Dtests=false          still accepted (the old boolean spelling)

Usage: build_options_test.py SOURCE_ROOT"""
import json
import os
import subprocess
import sys
import tempfile

failures = []


def configure(source, options):
    """(target names, test names) of a fresh build directory, or None when setup failed."""
    with tempfile.TemporaryDirectory(prefix="jwtcheck-options-") as build:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MESON")}
        done = subprocess.run(["meson", "setup", build, source, *options], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            failures.append(f"meson setup {' '.join(options)} failed:\n{done.stdout[-1500:]}{done.stderr}")
            return None

        def introspect(what):
            return json.loads(subprocess.run(["meson", "introspect", what, build], capture_output=True, text=True,
                                             check=True).stdout)

        # What a plain `meson compile` builds: targets built by default (an opt-in target such as
        # `docs` costs nothing until asked for).
        return ({t["name"] for t in introspect("--targets") if t.get("build_by_default", True)},
                {t["name"] for t in introspect("--tests")})


def main():
    source = sys.argv[1]
    # jwtcheck-json: the json module's objects, linked into libjwtcheck and libjwtcheck-fetch (not installed)
    product = {"jwtcheck", "jwtcheck-fetch", "jwtcheck-testing", "jwtcheck-json"}

    result = configure(source, ["-Dtests=disabled", "-Dbenchmarks=disabled"])
    if result:
        targets, tests = result
        if targets != product or tests:
            failures.append(f"-Dtests=disabled: targets {sorted(targets - product)} and tests {sorted(tests)} "
                            "besides the libraries and the CLI")

    result = configure(source, ["-Dtests=disabled"])
    if result and (result[0] != product or result[1]):
        failures.append(f"-Dtests=disabled (benchmarks auto): extra targets {sorted(result[0] - product)}")

    result = configure(source, ["-Dtests=false"])
    if result and result[1]:
        failures.append("-Dtests=false: tests are still defined")

    result = configure(source, ["-Dbenchmarks=disabled"])
    if result:
        targets, tests = result
        if "jwtcheck-bench" in targets:
            failures.append("-Dbenchmarks=disabled: jwtcheck-bench is still built")
        if "tools_test" not in targets or "tools" not in tests:
            failures.append("-Dbenchmarks=disabled: the test suites are gone too")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
