#!/usr/bin/python3
"""An installed jwtcheck works from wherever it was installed: install the build into a temporary
directory, run the installed `jwtcheck --version` and `jwtcheck demo` with no LD_LIBRARY_PATH (the
rpath finds the libraries), find the .pc files in PREFIX/lib/pkgconfig, and build and run a
Boost.Test program with `pkg-config --cflags --libs jwtcheck-testing-boost`.

Usage: install_prefix_test.py SOURCE_ROOT BUILD_ROOT"""
import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile

failures = []


def run(argv, env=None, timeout=300):
    print("==", shlex.join(str(a) for a in argv), flush=True)
    done = subprocess.run([str(a) for a in argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=timeout, check=False)
    output = done.stdout.decode("utf-8", "replace")
    print(output[-2000:], flush=True)
    return done.returncode, output


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LD_", "PKG_CONFIG", "MESON", "JWTCHECK"))}
    env.update(extra)
    return env


def main():
    source, build = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    options = {o["name"]: o["value"] for o in json.loads(
        subprocess.run(["meson", "introspect", "--buildoptions", str(build)], capture_output=True, text=True,
                       check=True).stdout)}
    if options.get("b_sanitize", "none") != "none":
        print(f"SKIP: a sanitizer build ({options['b_sanitize']}): programs outside it cannot link its libraries")
        return 77
    check(options["libdir"] == "lib", f"libdir is {options['libdir']!r}, not the predictable 'lib'")
    with tempfile.TemporaryDirectory(prefix="jwtcheck-install-") as tmp:
        stage = pathlib.Path(tmp) / "stage"
        rc, out = run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", stage])
        if not check(rc == 0, f"meson install failed:\n{out}"):
            return report()
        # The tree is moved away from where it was staged: only relative rpaths still work.
        prefix = pathlib.Path(tmp) / "elsewhere"
        (stage / options["prefix"].lstrip("/")).rename(prefix)
        jwtcheck = prefix / options["bindir"] / "jwtcheck"

        rc, out = run([jwtcheck, "--version"], env=clean_env())
        check(rc == 0 and out.startswith("jwtcheck "), f"installed jwtcheck --version: exit {rc}: {out}")
        rc, out = run([jwtcheck, "demo"], env=clean_env())
        check(rc == 0 and "jwtcheck demo: success" in out, f"installed jwtcheck demo: exit {rc}: {out[-500:]}")

        pkgconfig = prefix / "lib" / "pkgconfig"
        check((pkgconfig / "jwtcheck.pc").is_file(), f"no jwtcheck.pc in {pkgconfig}")
        env = clean_env(PKG_CONFIG_PATH=str(pkgconfig))
        rc, flags = run(["pkg-config", "--define-prefix", "--cflags", "--libs", "jwtcheck-testing-boost"], env=env)
        if check(rc == 0, f"pkg-config jwtcheck-testing-boost: {flags}"):
            program = pathlib.Path(tmp) / "boost_consumer_test"
            rc, out = run(["g++", "-std=c++20", "-Wall", "-Wextra", "-Werror",
                           source / "tests" / "consumer" / "project" / "boost_consumer_test.cpp", "-o", program,
                           *shlex.split(flags)], env=env)
            if check(rc == 0, f"building a Boost.Test program with pkg-config failed:\n{out}"):
                rc, out = run([program], env=clean_env(LD_LIBRARY_PATH=str(prefix / "lib")))
                check(rc == 0 and "No errors detected" in out, f"the Boost.Test program failed: exit {rc}: {out}")
    return report()


def report():
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
