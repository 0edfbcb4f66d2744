#!/usr/bin/python3
"""Throughput of `jwtcheck authz` against nginx, measured in one run with the same wrk settings
(keep-alive, 2 threads, 32 connections) on this machine:
  1. nginx answering `return 204;` (the ceiling a gateway check can hope for),
  2. authz, one token over and over (verified-token cache hits),
  3. authz with its cache off and 2000 different RS256 tokens in rotation (every request verifies
     a signature: "fresh" tokens),
and, with --bench, the library's own 2-thread RS256 rate from jwtcheck-bench in the same run;
with --old, the cache-hit case again with another jwtcheck binary (an A/B of the HTTP layer).
Prints req/s, p50, p99 and the server's CPU time per request (utime + stime from /proc/PID/stat,
divided by the requests wrk completed) per case, the load average, and the ratios the gateway
issue sets: cache hit >= 0.5x nginx, fresh RS256 >= 0.7x the library's 2-thread RS256 rate.

Usage: tools/bench/authz_wrk.py JWTCHECK [--bench JWTCHECK_BENCH] [--old OLD_JWTCHECK] [--seconds 10]"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import jwt  # python3-jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

WRK_THREADS, WRK_CONNECTIONS = 2, 32
TOKENS = 2000
ISSUER, AUDIENCE = "https://bench.example/", "https://api.bench/"


def b64(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def make_keys_and_tokens(workdir):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    jwks = {"keys": [{"kty": "RSA", "kid": "bench", "use": "sig", "alg": "RS256", "n": b64(numbers.n), "e": b64(numbers.e)}]}
    jwks_path = os.path.join(workdir, "jwks.json")
    with open(jwks_path, "w") as f:
        json.dump(jwks, f)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    now = int(time.time())
    tokens = []
    for i in range(TOKENS):
        claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": f"client{i}@clients", "azp": f"client{i}",
                  "gty": "client-credentials", "iat": now, "exp": now + 3600, "scope": "read:things"}
        tokens.append(jwt.encode(claims, pem, algorithm="RS256", headers={"kid": "bench"}))
    return jwks_path, tokens


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"nothing listens on port {port} after {seconds} s")


def stop(proc):
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def start_nginx(workdir):
    port = free_port()
    d = os.path.join(workdir, "nginx")
    os.makedirs(d)
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off; worker_processes 2; pid {d}/nginx.pid; error_log {d}/error.log warn;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {d}/b; proxy_temp_path {d}/p; fastcgi_temp_path {d}/f;
        uwsgi_temp_path {d}/u; scgi_temp_path {d}/s; keepalive_requests 1000000;
  server {{ listen 127.0.0.1:{port}; location / {{ return 204; }} }} }}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-p", d, "-c", conf], stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc, port


def start_authz(jwtcheck, workdir, jwks_path, cache_entries, name):
    config = os.path.join(workdir, name + ".toml")
    with open(config, "w") as f:
        f.write(f"""[service]
cache_entries = {cache_entries}
[[issuer]]
issuer = "{ISSUER}"
audiences = ["{AUDIENCE}"]
jwks_file = "{jwks_path}"
algorithms = ["RS256"]
[[route]]
path = "/**"
scopes = ["read:things"]
""")
    port = free_port()
    proc = subprocess.Popen([jwtcheck, "authz", "--config", config, "--listen", f"127.0.0.1:{port}"],
                            stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc, port


def cpu_seconds(pids):
    """User + system CPU time of the processes (and their reaped children), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime (fields 14-17)
    return total / ticks


def nginx_pids(master):
    """The nginx master and its workers (children of the master)."""
    pids = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


def wrk(url, seconds, script=None, headers=(), pids=()):
    args = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency"]
    for h in headers:
        args += ["-H", h]
    if script:
        args += ["-s", script]
    cpu_before = cpu_seconds(pids)
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(pids) - cpu_before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(pct):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE).groups()
        return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rate, "p50_ms": latency(50), "p99_ms": latency(99), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "cpu_us": 1e6 * cpu / requests if requests else float("nan")}


def library_two_thread_rs256(bench):
    out = subprocess.run([bench, "--algs", "RS256", "--json"], capture_output=True, text=True, check=True).stdout
    for r in json.loads(out)["results"]:
        if r["alg"] == "RS256" and r["kind"] == "jwtcheck" and r["threads"] == 2:
            return r["ops_per_s"]
    sys.exit("jwtcheck-bench printed no 2-thread RS256 jwtcheck case")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jwtcheck")
    parser.add_argument("--bench", help="jwtcheck-bench binary (-Dbenchmarks=enabled) for the library's 2-thread rate")
    parser.add_argument("--old", help="another jwtcheck binary: its cache-hit case too, in the same run")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed: run tools/install-deps.sh")

    workdir = tempfile.mkdtemp(prefix="jwtcheck-authz-bench-")
    jwks_path, tokens = make_keys_and_tokens(workdir)
    tokens_path = os.path.join(workdir, "tokens.txt")
    with open(tokens_path, "w") as f:
        f.write("\n".join(tokens) + "\n")
    rotate = os.path.join(workdir, "rotate.lua")
    with open(rotate, "w") as f:
        f.write(f"""-- each wrk thread walks the pre-minted tokens from its own starting point
local tokens = {{}}
for line in io.lines("{tokens_path}") do tokens[#tokens + 1] = line end
local i = math.random(#tokens)
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", "/check/api/things", {{["Authorization"] = "Bearer " .. tokens[i]}})
end
""")

    results = {}
    nginx, port = start_nginx(workdir)
    try:
        results["nginx return 204"] = wrk(f"http://127.0.0.1:{port}/", args.seconds, pids=nginx_pids(nginx.pid))
    finally:
        stop(nginx)
    authz, port = start_authz(args.jwtcheck, workdir, jwks_path, 10000, "cached")
    try:
        results["authz cache hit"] = wrk(f"http://127.0.0.1:{port}/check/api/things", args.seconds,
                                         headers=["Authorization: Bearer " + tokens[0]], pids=[authz.pid])
    finally:
        stop(authz)
    if args.old:
        authz, port = start_authz(args.old, workdir, jwks_path, 10000, "cached-old")
        try:
            results["old authz cache hit"] = wrk(f"http://127.0.0.1:{port}/check/api/things", args.seconds,
                                                 headers=["Authorization: Bearer " + tokens[0]], pids=[authz.pid])
        finally:
            stop(authz)
    authz, port = start_authz(args.jwtcheck, workdir, jwks_path, 0, "fresh")
    try:
        results["authz fresh RS256"] = wrk(f"http://127.0.0.1:{port}/check/api/things", args.seconds, script=rotate,
                                           pids=[authz.pid])
    finally:
        stop(authz)
    library = library_two_thread_rs256(args.bench) if args.bench else None

    load = open("/proc/loadavg").read().split()[:3]
    print(f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{args.seconds}s, keep-alive, {os.cpu_count()} CPUs, "
          f"load average {' '.join(load)}\n")
    print("| case | req/s | p50 ms | p99 ms | server CPU us/req | non-2xx |\n|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | {r['cpu_us']:.1f} | {r['non2xx']} |")
    hit = results["authz cache hit"]["rps"] / results["nginx return 204"]["rps"]
    print(f"\ncache hit / nginx return 204: {hit:.2f} (target >= 0.5: {'met' if hit >= 0.5 else 'MISSED'})")
    fresh = results["authz fresh RS256"]["rps"]
    if library:
        ratio = fresh / library
        print(f"fresh RS256 / library 2-thread RS256 ({library:.0f}/s): {ratio:.2f} "
              f"(target >= 0.7: {'met' if ratio >= 0.7 else 'MISSED'})")
    else:
        print(f"fresh RS256: {fresh:.0f}/s (give --bench build-bench/tools/bench/jwtcheck-bench for the ratio)")
    if "old authz cache hit" in results:
        old = results["old authz cache hit"]
        new = results["authz cache hit"]
        print(f"cache hit, this binary / --old: {new['rps'] / old['rps']:.2f}x req/s, "
              f"{new['cpu_us'] / old['cpu_us']:.2f}x CPU per request")
    bad = [name for name, r in results.items() if "authz" in name and r["non2xx"]]
    if bad:
        sys.exit(f"refused requests in {bad}: the measurement is void")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
