#!/usr/bin/env python3
"""The test seam (issue 19): public test programs use the public API only.

Every test program under tests/ except internal_test (and the opt-in fuzz targets) is a public
test: it must build as a user's program does. For each one, from the build's introspection
(meson-info/intro-targets.json) and build.ninja, this test fails if
  - a source, or a tests/ header it includes (followed recursively), includes a lib/ header
    (an include that resolves in lib/ and not beside the file or under tests/);
  - a source or such header names `detail::` outside a comment;
  - its compile command has the lib/ include directory (source or build tree);
  - its link step takes a static jwtcheck archive (libjwtcheck*.a: the internal library).
Self-checks: internal_test must exist and must itself break each rule (it is the program that
may), so the checks cannot pass by matching nothing; and some public programs must be found.
Usage: test_seam_test.py SOURCE_ROOT BUILD_ROOT
"""
import json
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
DETAIL = re.compile(r"\bdetail::")
STATIC_ARCHIVE = re.compile(r"(?:^|[\s/])libjwtcheck[\w-]*\.a\b")
INTERNAL_PROGRAMS = {"internal_test"}


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


class Seam:
    def __init__(self, source_root: str, build_root: str):
        self.src = os.path.realpath(source_root)
        self.build = os.path.realpath(build_root)
        self.tests = os.path.join(self.src, "tests")
        self.lib = os.path.join(self.src, "lib")
        with open(os.path.join(self.build, "build.ninja")) as f:
            self.ninja = f.read()

    def resolve(self, including: str, header: str):
        """(path, is_lib): where the build finds `header` included from `including`."""
        for base in (os.path.dirname(including), self.tests):
            candidate = os.path.join(base, header)
            if os.path.isfile(candidate):
                return os.path.realpath(candidate), False
        candidate = os.path.join(self.lib, header)
        if os.path.isfile(candidate):
            return os.path.realpath(candidate), True
        return None, False

    def source_problems(self, sources: list[str]) -> list[str]:
        problems, seen = [], set()
        todo = [os.path.realpath(s) for s in sources]
        while todo:
            path = todo.pop()
            if path in seen or not path.startswith(self.tests + os.sep):
                continue
            seen.add(path)
            with open(path, errors="replace") as f:
                text = f.read()
            rel = os.path.relpath(path, self.src)
            code = strip_comments(text)
            if DETAIL.search(code):
                problems.append(f"{rel} names detail::")
            for header in INCLUDE.findall(code):
                if header.startswith("jwtcheck/"):
                    continue
                found, is_lib = self.resolve(path, header)
                if is_lib:
                    problems.append(f"{rel} includes the lib/ header {header}")
                elif found:
                    todo.append(found)
        return problems

    def flag_problems(self, parameters: list[str]) -> list[str]:
        problems = []
        lib_dirs = {self.lib, os.path.join(self.build, "lib")}
        for p in parameters:
            if p.startswith("-I"):
                d = p[2:]
                d = os.path.realpath(d if os.path.isabs(d) else os.path.join(self.build, d))
                if d in lib_dirs:
                    problems.append(f"compiles with {p} (the lib/ include directory)")
        return problems

    def link_problems(self, filename: str) -> list[str]:
        out = os.path.relpath(filename, self.build)
        m = re.search(r"^build " + re.escape(out) + r":(.*?)(?:\n\n|\Z)", self.ninja, re.M | re.S)
        if not m:
            return [f"no link step for {out} in build.ninja"]
        archives = sorted({a.strip(" /") for a in STATIC_ARCHIVE.findall(m.group(1))})
        return [f"links the internal static library {a}" for a in archives]

    def problems(self, target: dict) -> list[str]:
        sources, params = [], []
        for ts in target["target_sources"]:
            sources += ts["sources"]
            params += ts["parameters"]
        return (self.source_problems(sources) + sorted(set(self.flag_problems(params)))
                + self.link_problems(target["filename"][0]))


def main() -> int:
    seam = Seam(sys.argv[1], sys.argv[2])
    with open(os.path.join(seam.build, "meson-info", "intro-targets.json")) as f:
        targets = json.load(f)
    programs = [t for t in targets if t["type"] == "executable"
                and os.path.realpath(t["defined_in"]).startswith(seam.tests + os.sep)
                and os.sep + "fuzz" + os.sep not in t["defined_in"]]
    internal = [t for t in programs if t["name"] in INTERNAL_PROGRAMS]
    public = [t for t in programs if t["name"] not in INTERNAL_PROGRAMS]

    failures = 0
    # Self-check: the internal program breaks every rule, so each check can fail.
    if len(internal) != 1:
        print(f"FAIL self-check: expected one internal_test program, found {len(internal)}")
        return 1
    found = seam.problems(internal[0])
    for kind in ("includes the lib/ header", "names detail::", "the lib/ include directory",
                 "links the internal static library"):
        if not any(kind in p for p in found):
            print(f"FAIL self-check: internal_test shows no '{kind}': the check cannot fail")
            failures += 1
    if len(public) < 5:
        print(f"FAIL self-check: only {len(public)} public test programs found")
        failures += 1

    for t in sorted(public, key=lambda t: t["name"]):
        problems = seam.problems(t)
        for p in problems:
            print(f"FAIL {t['name']}: {p}")
        failures += len(problems)
        if not problems:
            print(f"ok   {t['name']}")
    print(f"{len(public)} public test programs checked, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
