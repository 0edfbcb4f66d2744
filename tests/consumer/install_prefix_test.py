#!/usr/bin/python3
"""An installed jwtcheck works from wherever it was installed: install the build into a temporary
directory, run the installed `jwtcheck --version` and `jwtcheck demo` with no LD_LIBRARY_PATH (the
rpath finds the libraries), find the .pc files in PREFIX/lib/pkgconfig, and build and run a
Boost.Test program with `pkg-config --cflags --libs jwtcheck-testing-boost`; then run the README's
compile lines exactly as printed (HOME a scratch directory whose .local is the installed prefix).

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
        # It lands in $HOME/.local of a scratch HOME: the prefix the README's compile lines use.
        home = pathlib.Path(tmp) / "home"
        prefix = home / ".local"
        home.mkdir()
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
        readme_compile_lines(source, home, prefix)
    return report()


def readme_compile_lines(source, home, prefix):
    """The README's pkg-config lines (its `<!-- compile-lines -->` block: the `export` and `g++` lines),
    run exactly as printed by sh, with HOME the scratch home whose .local holds the installed tree;
    api.cpp and api_test.cpp are the consumer project's PEM-key program and Boost.Test program."""
    readme = (source / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- compile-lines -->\n```sh\n", 1)
    if not check(len(block) == 2, "README.md has no <!-- compile-lines --> ```sh block"):
        return
    lines = [line for line in block[1].split("```", 1)[0].splitlines() if line.startswith(("export ", "g++ "))]
    check(sum(line.startswith("g++ ") for line in lines) >= 3, f"the README's compile lines are missing: {lines}")
    work = home / "project"
    work.mkdir()
    project = source / "tests" / "consumer" / "project"
    (work / "api.cpp").write_text((project / "verify_pem.cpp").read_text(encoding="utf-8"), encoding="utf-8")
    (work / "api_test.cpp").write_text((project / "boost_consumer_test.cpp").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    script = "set -e\ncd " + shlex.quote(str(work)) + "\n" + "\n".join(lines) + "\n"
    rc, out = run(["sh", "-c", script], env=clean_env(HOME=str(home)))
    if check(rc == 0, f"the README's compile lines failed:\n{script}{out}"):
        rc, out = run([work / "api_test"], env=clean_env(LD_LIBRARY_PATH=str(prefix / "lib")))
        check(rc == 0 and "No errors detected" in out, f"api_test built by the README's lines failed: exit {rc}: {out}")


def report():
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
