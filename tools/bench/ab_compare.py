#!/usr/bin/python3
"""A/B: runs two jwtcheck-bench binaries alternately (A, B, A, B, ...) on one case and prints
the ratio A/B of each pair and their median, min and max. Alternating spreads a shared machine's
drift over both sides; A/B > 1 means A is faster. Runs are timed in the thread's CPU time
(--cpu-time), so time spent preempted by other load does not count. With --norm CASE, each run also times CASE
(rounds interleave the two) and its figure is the case's rate over CASE's: on a loaded machine
that cancels much of the load both see, when CASE's code is the same in A and B (a floor).

  tools/bench/ab_compare.py A/jwtcheck-bench B/jwtcheck-bench --pairs 9 --alg HS256
"""
import argparse
import json
import statistics
import subprocess
import sys


def rate(results, binary, case):
    found = [r["ops_per_s"] for r in results if r["case"] == case and r["threads"] == 1]
    if len(found) != 1:
        sys.exit(f"{binary}: expected one result for {case!r}, got {len(found)}")
    return found[0]


def ops_per_s(binary, args):
    cases = [args.case] + ([args.norm] if args.norm else [])
    out = subprocess.run([binary, "--json", "--cpu-time", "--algs", args.alg, "--rounds", str(args.rounds), "--round-ms",
                          str(args.round_ms), "--cases", *cases], check=True, capture_output=True, text=True).stdout
    results = json.loads(out)["results"]
    return rate(results, binary, args.case) / (rate(results, binary, args.norm) if args.norm else 1.0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--pairs", type=int, default=9)
    p.add_argument("--alg", default="HS256")
    p.add_argument("--case", default="jwtcheck: verify, 1 key")
    p.add_argument("--norm", help="a case timed in the same run to divide by (e.g. the EVP floor)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--round-ms", type=int, default=300)
    args = p.parse_args()
    ratios = []
    for i in range(args.pairs):
        a, b = ops_per_s(args.a, args), ops_per_s(args.b, args)
        ratios.append(a / b)
        print(f"pair {i + 1}: A {a:.4g}  B {b:.4g}  A/B {a / b:.3f}", flush=True)
    norm = f" / {args.norm}" if args.norm else ""
    print(f"A/B over {args.pairs} pairs ({args.alg}, {args.case}{norm}): median {statistics.median(ratios):.3f}, "
          f"min {min(ratios):.3f}, max {max(ratios):.3f}")


if __name__ == "__main__":
    main()
