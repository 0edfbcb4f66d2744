#!/usr/bin/python3
"""Runs the deliberately failing Boost.Test program and checks what a user would see: the test
fails, each failed expectation prints the whole report, CHECK continues and REQUIRE stops."""
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check_failure_output.py PROGRAM", file=sys.stderr)
        return 2
    run = subprocess.run([sys.argv[1]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120, check=False)
    output = run.stdout.decode("utf-8", "replace")
    expected = [
        "UNVERIFIED (shape only) token (alg \"RS256\"): 2 of 2 expectations not met",
        "  - iss: expected \"https://expected.example/\", got \"https://tenant.example/\"",
        "  - scope: expected to include [\"admin\"], got scope \"read:reports write:reports\" (missing [\"admin\"])",
        "MARKER: continued after CHECK",
        "token that FAILED verification: 1 of 1 expectations not met, 1 not checked",
        "  - verification: expected a token that passes verification, got audience_mismatch: ",
        "  - aud: not checked (expected to contain \"https://api.example\")",
    ]
    problems = [f"missing from the output: {line!r}" for line in expected if line not in output]
    if "MARKER: continued after REQUIRE" in output:
        problems.append("JWTCHECK_REQUIRE_TOKEN did not stop the test case")
    if run.returncode == 0:
        problems.append("the deliberately failing program exited 0")
    if problems:
        print("\n".join(problems))
        print("---- program output ----")
        print(output)
        return 1
    print("the Boost.Test adapter prints the report as the failure message")
    return 0


if __name__ == "__main__":
    sys.exit(main())
