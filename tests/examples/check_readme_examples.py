#!/usr/bin/python3
"""Checks that every code block of README.md and docs/*.md marked <!-- example: PATH --> is a
verbatim excerpt of PATH (consecutive whole lines), so the docs cannot drift from the compiled,
tested examples.
Usage: check_readme_examples.py SOURCE_ROOT REQUIRED_PATH..."""
import pathlib
import re
import sys

MARKER = re.compile(r"^<!-- example: (\S+) -->$")
FENCE = re.compile(r"^```")


def marked_blocks(readme_lines):
    """Yields (line number, path, block lines) for each marker followed by a fenced block."""
    i = 0
    while i < len(readme_lines):
        marker = MARKER.match(readme_lines[i])
        i += 1
        if not marker:
            continue
        start = i
        if i >= len(readme_lines) or not FENCE.match(readme_lines[i]):
            yield start, marker.group(1), None
            continue
        i += 1
        block = []
        while i < len(readme_lines) and not FENCE.match(readme_lines[i]):
            block.append(readme_lines[i])
            i += 1
        i += 1
        yield start, marker.group(1), block


def is_excerpt(block, source_lines):
    n = len(block)
    return n > 0 and any(source_lines[k:k + n] == block for k in range(len(source_lines) - n + 1))


def self_test() -> int:
    """The checker must refuse drifted, dangling and missing excerpts, not only accept good ones."""
    import subprocess
    import tempfile
    cases = {
        "verbatim": ("<!-- example: a.cpp -->\n```cpp\nint b;\nint c;\n```\n", 0),
        "drifted": ("<!-- example: a.cpp -->\n```cpp\nint b;\nint  c;\n```\n", 1),
        "not consecutive": ("<!-- example: a.cpp -->\n```cpp\nint a;\nint c;\n```\n", 1),
        "no block": ("<!-- example: a.cpp -->\ntext\n", 1),
        "no such file": ("<!-- example: b.cpp -->\n```cpp\nint b;\n```\n", 1),
        "required file not shown": ("no examples\n", 1),
    }
    failures = []
    for name, (readme, expected_exit) in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            (root / "a.cpp").write_text("int a;\nint b;\nint c;\n", encoding="utf-8")
            (root / "README.md").write_text(readme, encoding="utf-8")
            run = subprocess.run([sys.executable, __file__, tmp, "a.cpp"], capture_output=True, check=False)
            if run.returncode != expected_exit:
                failures.append(f"{name}: exit {run.returncode}, expected {expected_exit}")
    print("\n".join(failures) if failures else f"self-test: {len(cases)} cases as expected")
    return 1 if failures else 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    problems, seen = [], set()
    # The README and the guides in docs/ (the README is a front page; the longer examples live in docs/).
    pages = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    for page in pages:
        if not page.is_file():
            continue
        name = page.relative_to(root)
        for line, path, block in marked_blocks(page.read_text(encoding="utf-8").splitlines()):
            seen.add(path)
            source = root / path
            if block is None:
                problems.append(f"{name}:{line}: the example marker for {path} is not followed by a ``` block")
            elif not source.is_file():
                problems.append(f"{name}:{line}: {path} does not exist")
            elif not is_excerpt(block, source.read_text(encoding="utf-8").splitlines()):
                problems.append(f"{name}:{line}: the block is not a verbatim excerpt of {path}")
    for required in sys.argv[2:]:
        if required not in seen:
            problems.append(f"neither README.md nor docs/ shows an excerpt of {required}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(seen)} example files, every README excerpt verbatim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
