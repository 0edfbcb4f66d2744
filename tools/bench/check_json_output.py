#!/usr/bin/python3
"""Runs jwtcheck-bench with the given arguments (which include --json) and checks the output's shape:
every algorithm present with an "openssl evp" floor and a jwtcheck case, positive rates, both allocation
columns, ratios present."""
import json
import subprocess
import sys

ALGS = ["RS256", "PS256", "ES256", "EdDSA", "HS256"]


def fail(message):
    print("check_json_output: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) < 2:
        fail("usage: check_json_output.py BENCH_EXE ARGS...")
    run = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, timeout=280)
    if run.returncode != 0:
        fail("benchmark exited with %d" % run.returncode)
    try:
        doc = json.loads(run.stdout)
    except ValueError as e:
        fail("output is not JSON: %s" % e)
    results = doc.get("results")
    if not isinstance(results, list) or not results:
        fail("no results array")
    for r in results:
        for field in ("alg", "case", "ops_per_s", "ns_per_op", "allocs_per_op", "openssl_allocs_per_op", "threads",
                      "kind"):
            if field not in r:
                fail("result without %r: %r" % (field, r))
        if not (r["ops_per_s"] > 0 and r["ns_per_op"] > 0):
            fail("non-positive rate: %r" % r)
    for alg in ALGS:
        kinds = {r["kind"] for r in results if r["alg"] == alg}
        if not {"floor", "jwtcheck"} <= kinds:
            fail("%s lacks a floor or a jwtcheck case (has %s)" % (alg, sorted(kinds)))
        if not any(r["kind"] == "floor" and r["case"].startswith("openssl evp") for r in results if r["alg"] == alg):
            fail("%s has no 'openssl evp' floor" % alg)
    ratios = doc.get("ratios")
    if not isinstance(ratios, list) or not any(q["ratio"].startswith("jwtcheck / fastest EVP floor") for q in ratios):
        fail("no 'jwtcheck / fastest EVP floor' ratio")
    print("ok: %d results, %d ratios" % (len(results), len(ratios)))


main()
