#!/usr/bin/python3
"""Soak of `jwtcheck authz` (issue 22): wrk sends a mix of valid and forged tokens while the local
tenant (soak_tenant) rotates its key, drops old keys, fails its JWKS (500, slow, bad JSON) and
recovers. Bounded: seven phases of PHASE_SECONDS each.

The decisions are judged per token class:
- forged: never 200 (and no 200 names a forger in X-Jwtcheck-Subject);
- valid:KID: 200 whenever KID's key was published; a 503 (retryable) is allowed only for a kid
  that the tenant published in this phase or that no fetch could bring yet (an outage), i.e.
  within one refresh of its rotation; any other refusal of a valid token is a wrong decision, and
  a kid rotated in while the tenant answers must be accepted within the phase;
- withdrawn:KID (a key the tenant dropped): either answer, counted apart.
Prints the counts per phase and in total; fails on any wrong decision or socket error.
Usage: soak_test.py JWTCHECK SOAK_TENANT SOURCE_ROOT"""
import json
import os
import subprocess
import sys
import time

import authz_fixture as fx

PHASE_SECONDS = 6
COOLDOWN_SECONDS = 2  # the service's refetch cooldown: a rotated kid is found within it
TOKENS_PER_KEY = 60
FORGED = 70


class SoakTenant:
    """soak_tenant: one command per line on stdin, one answer per line on stdout."""

    def __init__(self, program):
        self.process = fx.Process([program], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.info = json.loads(self.process.proc.stdout.readline())

    def send(self, *words):
        self.process.proc.stdin.write(" ".join(str(w) for w in words) + "\n")
        self.process.proc.stdin.flush()
        answer = self.process.proc.stdout.readline().strip()
        if not answer.startswith("ok"):
            raise AssertionError(f"soak tenant: {' '.join(map(str, words))}: {answer!r}")
        return answer[3:]

    def stop(self):
        self.process.proc.stdin.close()
        self.process.proc.wait(timeout=10)


def run_wrk(wrk, port, script, tokens_path, seconds):
    out = subprocess.run([wrk, "-t2", "-c2", f"-d{seconds}s", "-s", script, f"http://127.0.0.1:{port}/check",
                          "--", tokens_path], capture_output=True, text=True, timeout=seconds + 30)
    if out.returncode != 0:
        raise AssertionError(f"wrk exited {out.returncode}: {out.stdout}{out.stderr}")
    counts = errors = None
    for line in out.stdout.splitlines():
        if line.startswith("SOAK "):
            counts = json.loads(line[5:])
        elif line.startswith("SOAKERRORS "):
            errors = json.loads(line[11:])
    if counts is None or errors is None:
        raise AssertionError(f"wrk printed no counts:\n{out.stdout}{out.stderr}")
    return counts, errors


def judge(phase, counts, retry_allowed, must_accept=()):
    """(wrong decisions, summary) of one phase."""
    wrong = []
    for kid in must_accept:
        if not counts.get(f"valid:{kid} 200"):
            wrong.append(f"no token of the rotated kid {kid} was accepted")
    summary = {"valid_accepted": 0, "valid_retryable": 0, "forged_refused": 0, "withdrawn_accepted": 0,
               "withdrawn_refused": 0}
    for key, n in counts.items():
        if key == "forger_passed":
            wrong.append(f"{n} answers 200 named a forger")
            continue
        token_class, status = key.rsplit(" ", 1)
        status = int(status)
        if token_class == "forged":
            if status in (401, 403, 503):
                summary["forged_refused"] += n
            else:
                wrong.append(f"{n} forged tokens answered {status}")
        elif token_class.startswith("withdrawn:"):
            summary["withdrawn_accepted" if status == 200 else "withdrawn_refused"] += n
        else:
            kid = token_class.split(":", 1)[1]
            if status == 200:
                summary["valid_accepted"] += n
            elif status == 503 and kid in retry_allowed:
                summary["valid_retryable"] += n
            else:
                wrong.append(f"{n} valid tokens of kid {kid} answered {status}")
    return [f"{phase}: {w}" for w in wrong], summary


def main():
    jwtcheck, soak_tenant, source_root = sys.argv[1:4]
    wrk = fx.require_program("wrk")
    script = os.path.join(source_root, "tests", "authz", "soak.lua")
    workdir = fx.new_workdir()
    tenant = SoakTenant(soak_tenant)
    authz = None
    try:
        config = os.path.join(workdir, "authz.toml")
        with open(config, "w") as f:
            f.write(f"""
[service]
cache_entries = 1000

[[issuer]]
issuer = "{tenant.info['issuer']}"
audiences = ["{tenant.info['audience']}"]
jwks_url = "{tenant.info['jwks_url']}"
cacert = "{tenant.info['ca_cert']}"
refetch_cooldown_seconds = {COOLDOWN_SECONDS}

[[route]]
path = "/**"
scopes = ["read:things"]
""")
        authz = fx.Authz(jwtcheck, config)
        authz.wait_ready()

        live = {}  # kid -> tokens file of that key's tokens
        withdrawn = {}

        def mint_valid():
            path = os.path.join(workdir, f"valid-{len(live)}.txt")
            kid = tenant.send("valid", TOKENS_PER_KEY, path)
            live[kid] = path
            return kid

        forged_path = os.path.join(workdir, "forged.txt")
        tenant.send("forged", FORGED, forged_path)

        def phase_tokens(name):
            path = os.path.join(workdir, f"phase-{name}.txt")
            with open(path, "w") as out:
                for source in [forged_path, *live.values()]:
                    with open(source) as f:
                        out.write(f.read())
                for kid, source in withdrawn.items():
                    with open(source) as f:
                        out.write(f.read().replace(f"valid:{kid} ", f"withdrawn:{kid} "))
            return path

        first = mint_valid()
        phases = []  # (name, action, kids allowed a 503)

        def rotate():
            tenant.send("rotate")
            return {mint_valid()}

        def drop():
            tenant.send("drop")
            kept = list(live)[-1]
            for kid in list(live):
                if kid != kept:
                    withdrawn[kid] = live.pop(kid)
            return set()

        def outage(kind):
            def action():
                tenant.send("clear")
                tenant.send("fault", kind)
                return {kid for kid in live if kid not in fetched}
            return action

        def recover():
            tenant.send("clear")
            return {kid for kid in live if kid not in fetched}

        fetched = {first}
        phases = [
            ("steady", lambda: set()),
            ("rotation", rotate),
            ("drop-old-keys", drop),
            ("outage-500+rotation", lambda: (tenant.send("fault", "500"), rotate())[1]),
            ("outage-slow", outage("slow")),
            ("outage-bad-json", outage("badjson")),
            ("recovery", recover),
        ]
        totals, wrong = {}, []
        for name, action in phases:
            retry_allowed = action()
            counts, errors = run_wrk(wrk, authz.port, script, phase_tokens(name), PHASE_SECONDS)
            must_accept = retry_allowed if name in ("rotation", "recovery") else ()
            phase_wrong, summary = judge(name, counts, retry_allowed, must_accept)
            wrong += phase_wrong
            socket_errors = {k: v for k, v in errors.items() if k != "status" and v}
            if socket_errors:
                wrong.append(f"{name}: wrk socket errors {socket_errors}")
            if summary["valid_accepted"] == 0:
                wrong.append(f"{name}: no valid token was accepted")
            if name in ("rotation", "recovery"):
                fetched |= set(live)
            print(f"{name:22s} {json.dumps(summary)} retryable-allowed kids: {len(retry_allowed)}", flush=True)
            for key, value in summary.items():
                totals[key] = totals.get(key, 0) + value
        # After the recovery every published key verifies: the kid minted during the outage too.
        newest = list(live)[-1]
        with open(live[newest]) as f:
            token = f.readline().split(" ", 1)[1].strip()
        status = fx.request(authz.port, "GET", "/check", {"Authorization": "Bearer " + token,
                                                          "X-Forwarded-Method": "GET",
                                                          "X-Forwarded-Uri": "/api/things"})[0]
        if status != 200:
            wrong.append(f"after the recovery, a token of the newest key answered {status}")
        print(f"{'total':22s} {json.dumps(totals)} jwks requests: {tenant.send('jwks')}")
        if wrong:
            print("WRONG DECISIONS:\n  " + "\n  ".join(wrong))
            return 1
        print("soak: zero wrong decisions")
        return 0
    finally:
        if authz is not None:
            authz.stop()
        tenant.stop()


if __name__ == "__main__":
    start = time.monotonic()
    code = main()
    print(f"soak took {time.monotonic() - start:.1f} s")
    sys.exit(code)
