#!/usr/bin/python3
"""A newcomer's first command, for real: clone this repository's HEAD into a scratch directory and
run command 1 of the README there exactly as printed (packages present, so install-deps.sh does
nothing), then require that it finished in time and that its output ends with the demo's success
line. Slow (a whole build of the library and the CLI), hence its own suite:
`meson test -C BUILD --suite first_run`. It tests the commit, not uncommitted changes.

Usage: first_run_test.py SOURCE_ROOT (skipped when JWTCHECK_SANITIZE is set to a sanitizer)"""
import os
import pathlib
import re
import resource
import subprocess
import sys
import tempfile
import time

SUCCESS_LINE = "jwtcheck demo: success"
BUDGET_SECONDS = 8 * 60  # the bound for command 1 on a 2-core machine
CORES = 2


def readme_command_1(readme):
    """The command under the "# 1." comment of the README's "Two commands" block."""
    match = re.search(r"^# 1\..*\n(.+)$", readme, re.MULTILINE)
    if not match:
        sys.exit("FAIL: README.md has no '# 1.' command")
    return match.group(1).strip()


def main():
    source = pathlib.Path(sys.argv[1])
    # The clone's build is an ordinary one: from a sanitizer build's test run it would only repeat it.
    if os.environ.get("JWTCHECK_SANITIZE", "none") != "none":
        print("SKIP: run from a sanitizer build")
        return 77
    head = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="jwtcheck-first-run-") as scratch:
        clone = pathlib.Path(scratch) / "jwtcheck"
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(source), str(clone)], check=True)
        subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", "--detach", head], check=True)
        command = readme_command_1((clone / "README.md").read_text())
        print(f"== in {clone} (commit {head[:12]}):\n{command}", flush=True)
        # Nothing of the surrounding build may leak in (meson test sets MESON_* and friends).
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MESON", "NINJA", "JWTCHECK"))}
        started = time.monotonic()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=2 * BUDGET_SECONDS)
        elapsed = time.monotonic() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        output = done.stdout.decode("utf-8", "replace")
        print(output[-3000:])
        # The machine is shared: other builds can stretch the wall time. The CPU time it used, spread
        # over the 2 cores, is what it would take on an idle machine.
        print(f"== command 1: exit {done.returncode}, {elapsed:.0f} s wall, {cpu:.0f} s CPU "
              f"(about {cpu / CORES:.0f} s on {CORES} idle cores)", flush=True)
        failures = []
        if done.returncode != 0:
            failures.append(f"command 1 exited {done.returncode}")
        last = output.rstrip("\n").splitlines()[-1] if output.strip() else ""
        if SUCCESS_LINE not in last:
            failures.append(f"the output does not end with the demo's success line; last line: {last!r}")
        if not (clone / "build" / "tools" / "jwtcheck").is_file():
            failures.append("no build/tools/jwtcheck")
        built_tests = list((clone / "build" / "tests").rglob("*_test")) if (clone / "build" / "tests").exists() else []
        if built_tests or (clone / "build" / "tools" / "bench" / "jwtcheck-bench").exists():
            failures.append(f"command 1 built tests or the benchmark: {built_tests[:3]}")
        if elapsed > BUDGET_SECONDS and cpu / CORES > BUDGET_SECONDS:
            failures.append(f"command 1 took {elapsed:.0f} s ({cpu:.0f} s CPU), more than {BUDGET_SECONDS} s "
                            f"on {CORES} cores")
        for failure in failures:
            print("FAIL:", failure)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
