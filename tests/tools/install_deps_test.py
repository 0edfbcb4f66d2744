#!/usr/bin/python3
"""tools/install-deps.sh against stub dpkg-query, apt-cache and apt-get (first on PATH): it installs
only what is missing, says so, waits for the dpkg lock, and runs `apt-get update` only when a
missing package is unknown to apt's cache.

Usage: install_deps_test.py SOURCE_ROOT"""
import os
import pathlib
import subprocess
import sys
import tempfile

STUBS = {
    # Installed unless named in STUB_MISSING.
    "dpkg-query": """#!/bin/sh
for pkg; do :; done
case " $STUB_MISSING " in *" $pkg "*) exit 1 ;; esac
printf 'install ok installed'
""",
    # Known to the cache unless named in STUB_UNKNOWN.
    "apt-cache": """#!/bin/sh
for pkg; do :; done
case " $STUB_UNKNOWN " in *" $pkg "*) exit 0 ;; esac
printf '%s:\\n  Installed: (none)\\n  Candidate: 1.0-1\\n' "$pkg"
""",
    "apt-get": """#!/bin/sh
echo "apt-get $* DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-}" >> "$STUB_LOG"
""",
    "id": "#!/bin/sh\necho 0\n",
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(script, stub_dir, log, missing="", unknown=""):
    log.write_text("")
    env = {k: v for k, v in os.environ.items() if k != "DEBIAN_FRONTEND"}
    env.update(PATH=f"{stub_dir}:{os.environ['PATH']}", STUB_MISSING=missing,
               STUB_UNKNOWN=unknown, STUB_LOG=str(log))
    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=60)
    return done, log.read_text().splitlines()


def main():
    script = pathlib.Path(sys.argv[1]) / "tools" / "install-deps.sh"
    with tempfile.TemporaryDirectory() as tmp:
        stub_dir = pathlib.Path(tmp) / "bin"
        stub_dir.mkdir()
        for name, text in STUBS.items():
            (stub_dir / name).write_text(text)
            (stub_dir / name).chmod(0o755)
        log = pathlib.Path(tmp) / "apt.log"

        done, calls = run(script, stub_dir, log)
        check(done.returncode == 0, f"all present: exit {done.returncode}\n{done.stderr}")
        check(calls == [], f"all present: apt-get was run: {calls}")
        check("packages are installed" in done.stderr, f"all present: says nothing: {done.stderr!r}")

        done, calls = run(script, stub_dir, log, missing="libpoco-dev cmake")
        check(done.returncode == 0, f"two missing: exit {done.returncode}\n{done.stderr}")
        check(len(calls) == 1 and " install " in calls[0], f"two missing: expected one install, got {calls}")
        check(not any(" update" in c for c in calls), f"two missing, both known: apt-get update was run: {calls}")
        check(all("DPkg::Lock::Timeout=" in c for c in calls), f"apt-get does not wait for the lock: {calls}")
        check(calls and " install " in calls[0] and calls[0].split(" install ")[1].split()[-3:-1] == ["libpoco-dev", "cmake"],
              f"two missing: installs something else: {calls}")
        check(calls and calls[0].endswith("DEBIAN_FRONTEND=noninteractive"), f"not noninteractive: {calls}")
        check("installing 2 missing packages: libpoco-dev cmake" in done.stderr,
              f"two missing: does not say what it installs: {done.stderr!r}")

        done, calls = run(script, stub_dir, log, missing="libpoco-dev", unknown="libpoco-dev")
        check(done.returncode == 0, f"unknown: exit {done.returncode}\n{done.stderr}")
        check(len(calls) == 2 and calls[0].split()[-2] == "update" and " install " in calls[1],
              f"unknown package: expected update then install, got {calls}")
        check(all("DPkg::Lock::Timeout=" in c for c in calls), f"apt-get does not wait for the lock: {calls}")
        check("apt-get update" in done.stderr, f"unknown: does not say it updates: {done.stderr!r}")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
