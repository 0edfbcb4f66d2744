#!/usr/bin/env python3
"""Every installed header stands alone and names nothing internal.

For each header under include/jwtcheck: it compiles on its own (a .cpp holding only its
#include, with the project's warnings as errors and no include path but include/), it declares
no detail namespace and names no detail:: type, and it includes nothing from lib/ (no
#include "..."). A self-check first compiles a header that must fail, so a compiler that is not
called, or whose failure is not seen, fails the test.
Usage: public_headers_test.py INCLUDE_DIR COMPILER...
"""
import pathlib
import re
import subprocess
import sys
import tempfile

FLAGS = ["-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-DBOOST_TEST_DYN_LINK"]
INTERNAL = re.compile(r"\bnamespace\s+(\w+::)*detail\b|\bdetail::|^\s*#\s*include\s+\"", re.M)


def compiles(compiler: list[str], include_dir: pathlib.Path, text: str, work: pathlib.Path) -> subprocess.CompletedProcess:
    source = work / "alone.cpp"
    source.write_text(text)
    return subprocess.run(compiler + FLAGS + ["-I", str(include_dir), str(source)], capture_output=True, text=True)


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    include_dir = pathlib.Path(sys.argv[1]).resolve()
    compiler = sys.argv[2:]
    headers = sorted(p.relative_to(include_dir).as_posix() for p in (include_dir / "jwtcheck").rglob("*.hpp"))
    if len(headers) < 10:
        print(f"only {len(headers)} headers under {include_dir}: wrong directory?", file=sys.stderr)
        return 1
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        broken = compiles(compiler, include_dir, "#include <jwtcheck/no_such_header.hpp>\n", work)
        if broken.returncode == 0:
            print("self-check failed: a missing header compiled", file=sys.stderr)
            return 1
        for header in headers:
            text = (include_dir / header).read_text()
            if INTERNAL.search(text):
                failed.append(header)
                print(f"{header}: names a detail namespace or includes a lib/ header:", INTERNAL.search(text).group(0),
                      file=sys.stderr)
                continue
            result = compiles(compiler, include_dir, f"#include <{header}>\n", work)
            if result.returncode != 0:
                failed.append(header)
                print(f"{header} does not compile alone:\n{result.stderr}", file=sys.stderr)
            else:
                print(f"{header}: ok")
    if failed:
        print(f"{len(failed)} of {len(headers)} headers fail", file=sys.stderr)
        return 1
    print(f"all {len(headers)} headers compile alone and name nothing internal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
