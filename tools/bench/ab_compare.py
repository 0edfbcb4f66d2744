#!/usr/bin/python3
"""A/B: runs two jwtcheck-bench binaries alternately (A, B, A, B, ...) on one case and prints
the ratio A/B of each pair and their median, min and max. Alternating spreads a shared machine's
drift over both sides; A/B > 1 means A is faster.

  tools/bench/ab_compare.py A/jwtcheck-bench B/jwtcheck-bench --pairs 9 --alg HS256
"""
import argparse
import json
import statistics
import subprocess
import sys


def ops_per_s(binary, args):
    out = subprocess.run([binary, "--json", "--algs", args.alg, "--cases", args.case, "--rounds", str(args.rounds),
                          "--round-ms", str(args.round_ms)], check=True, capture_output=True, text=True).stdout
    results = [r for r in json.loads(out)["results"] if r["case"] == args.case and r["threads"] == 1]
    if len(results) != 1:
        sys.exit(f"{binary}: expected one result for {args.case!r}, got {len(results)}")
    return results[0]["ops_per_s"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--pairs", type=int, default=9)
    p.add_argument("--alg", default="HS256")
    p.add_argument("--case", default="jwtcheck: verify, 1 key")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--round-ms", type=int, default=300)
    args = p.parse_args()
    ratios = []
    for i in range(args.pairs):
        a, b = ops_per_s(args.a, args), ops_per_s(args.b, args)
        ratios.append(a / b)
        print(f"pair {i + 1}: A {a:.0f}/s  B {b:.0f}/s  A/B {a / b:.3f}", flush=True)
    print(f"A/B over {args.pairs} pairs ({args.alg}, {args.case}): median {statistics.median(ratios):.3f}, "
          f"min {min(ratios):.3f}, max {max(ratios):.3f}")


if __name__ == "__main__":
    main()
