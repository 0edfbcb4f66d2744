#!/usr/bin/python3
"""docs/json-output.md is the truth about --json: run every command for real (a local tenant from
`jwtcheck serve`, keys made with the openssl tool) and check each JSON document against the schema
the page documents for it. A small JSON Schema subset is validated here (type, const, enum, required,
properties, additionalProperties, items), so the test needs nothing beyond python3.

Usage: json_output_schema_test.py JWTCHECK DOCS_JSON_OUTPUT_MD"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
failures = []


def type_matches(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def validate(value, schema, where):
    """Problems of `value` against `schema`, as "where: what" strings."""
    problems = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(type_matches(value, n) for n in names):
            return problems + [f"{where}: expected {'/'.join(names)}, got {type(value).__name__}"]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        problems += [f"{where}: {r} is missing" for r in schema.get("required", []) if r not in value]
        extra = schema.get("additionalProperties", True)
        for key, member in value.items():
            if key in properties:
                problems += validate(member, properties[key], f"{where}.{key}")
            elif extra is False:
                problems.append(f"{where}: {key} is not documented")
            elif isinstance(extra, dict):
                problems += validate(member, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += validate(item, schema["items"], f"{where}[{i}]")
    return problems


def schemas_of(page):
    found = dict(re.findall(r"<!-- schema: (\w+) -->\s*```json\n(.*?)```", page, re.DOTALL))
    return {name: json.loads(text) for name, text in found.items()}


def run(jwtcheck, args, stdin=None, env=None, expect_exit=None):
    done = subprocess.run([jwtcheck, *args], input=stdin, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, **(env or {})))
    if expect_exit is not None and done.returncode != expect_exit:
        failures.append(f"jwtcheck {' '.join(args[:2])}: exit {done.returncode}, expected {expect_exit}: {done.stderr}")
    return done


def check(schemas, kind, what, done):
    lines = done.stdout.splitlines()
    if len(lines) != 1:
        failures.append(f"{what}: {len(lines)} lines on stdout, expected one JSON document: {done.stdout[:300]!r}")
        return None
    try:
        document = json.loads(lines[0])
    except json.JSONDecodeError as error:
        failures.append(f"{what}: not JSON ({error}): {lines[0][:300]}")
        return None
    failures.extend(f"{what} ({kind} schema): {p}" for p in validate(document, schemas[kind], "$"))
    return document


def main():
    jwtcheck, page_path = sys.argv[1], sys.argv[2]
    schemas = schemas_of(open(page_path, encoding="utf-8").read())
    for kind in ["error", "report", "inspect", "token", "mint", "serve"]:
        if kind not in schemas:
            failures.append(f"{page_path} documents no schema for {kind}")
    if failures:
        return report()

    with tempfile.TemporaryDirectory() as tmp:
        private = os.path.join(tmp, "private.pem")
        public = os.path.join(tmp, "public.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                        private], check=True, capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", private, "-pubout", "-out", public], check=True, capture_output=True)
        policy = ["-i", "https://tenant.example/", "-a", "https://api.example"]

        minted = check(schemas, "mint", "mint --json",
                       run(jwtcheck, ["mint", "--json", "--key-file", private, "--alg", "ES256", *policy, "-s", "read",
                                      "--claims", '{"https://example.com/roles":["admin"],"org":{"tier":3}}'],
                           expect_exit=0))
        token = minted["access_token"] if minted else ""
        check(schemas, "inspect", "inspect --json", run(jwtcheck, ["inspect", "--json", token], expect_exit=0))
        check(schemas, "report", "verify --json (valid)",
              run(jwtcheck, ["verify", "--json", "--key-file", public, *policy, token], expect_exit=0))
        check(schemas, "report", "verify --json --require-scope",
              run(jwtcheck, ["verify", "--json", "--key-file", public, *policy, "--require-scope", "read", token],
                  expect_exit=0))
        custom = check(schemas, "report", "verify --json --claim",
                       run(jwtcheck, ["verify", "--json", "--key-file", public, *policy, "--claim", "/org/tier=3",
                                      "--claim-contains", "https://example.com/roles=admin", token], expect_exit=0))
        if custom:
            claims = custom["claims"]
            if claims.get("https://example.com/roles") != ["admin"] or claims.get("org") != {"tier": 3}:
                failures.append(f"verify --json --claim: custom claims are not JSON values: {claims!r}")
            names = [c["name"] for c in custom["checks"]]
            if "/org/tier" not in names or "https://example.com/roles" not in names:
                failures.append(f"verify --json --claim: no check per required claim: {names}")
            tier = next((c for c in custom["checks"] if c["name"] == "/org/tier"), None)
            if tier and (tier["expected"] != 3 or tier["actual"] != 3):
                failures.append(f"verify --json --claim: expected/actual are not JSON values: {tier!r}")
        check(schemas, "report", "verify --json (refused)",
              run(jwtcheck, ["verify", "--json", "--key-file", public, "-i", "https://other/", "-a", "x", token],
                  expect_exit=1))
        # A certificate-bound token (RFC 8705): the binding member, passed and refused.
        cert = os.path.join(tmp, "client.pem")
        subprocess.run(["openssl", "req", "-x509", "-key", private, "-subj", "/CN=client", "-days", "1", "-out", cert],
                       check=True, capture_output=True)
        der = subprocess.run(["openssl", "x509", "-in", cert, "-outform", "DER"], check=True, capture_output=True).stdout
        x5t = base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b"=").decode()
        bound = check(schemas, "mint", "mint --json (certificate-bound)",
                      run(jwtcheck, ["mint", "--json", "--key-file", private, "--alg", "ES256", *policy,
                                     "--claims", json.dumps({"cnf": {"x5t#S256": x5t}})], expect_exit=0))
        bound_token = bound["access_token"] if bound else ""
        passed = check(schemas, "report", "verify --json --client-cert",
                       run(jwtcheck, ["verify", "--json", "--key-file", public, *policy, "--client-cert", cert,
                                      bound_token], expect_exit=0))
        if passed and (passed["binding"]["bound"] != ["certificate"] or not passed["binding"]["passed"]):
            failures.append(f"verify --json --client-cert: binding {passed['binding']!r}")
        check(schemas, "report", "verify --json (bound, no certificate)",
              run(jwtcheck, ["verify", "--json", "--key-file", public, *policy, bound_token], expect_exit=1))
        check(schemas, "report", "demo --json", run(jwtcheck, ["demo", "--json"], expect_exit=0))
        check(schemas, "error", "a parse error", run(jwtcheck, ["verify", "--jsn", "--json", token], expect_exit=2))
        check(schemas, "error", "an unreadable key file",
              run(jwtcheck, ["verify", "--json", "--key-file", os.path.join(tmp, "none.pem"), *policy, token],
                  expect_exit=3))

        serve = subprocess.Popen([jwtcheck, "serve", "--json", "--state-dir", tmp], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        try:
            first = subprocess.CompletedProcess([], 0, serve.stdout.readline(), "")
            info = check(schemas, "serve", "serve --json", first)
            if info:
                request = ["-t", info["domain"], "--cacert", info["ca_cert"], "-c", info["client_id"], "-a",
                           info["audience"]]
                secret = {"JWTCHECK_CLIENT_SECRET": info["client_secret"]}
                check(schemas, "token", "token --json",
                      run(jwtcheck, ["token", "--json", *request], env=secret, expect_exit=0))
                check(schemas, "report", "check --json",
                      run(jwtcheck, ["check", "--json", *request], env=secret, expect_exit=0))
                checked = check(schemas, "report", "check --json --claim",
                                run(jwtcheck, ["check", "--json", *request, "--claim", "/gty=client-credentials"],
                                    env=secret, expect_exit=0))
                if checked and "/gty" not in [c["name"] for c in checked["checks"]]:
                    failures.append("check --json --claim: no check for the required claim")
                check(schemas, "error", "token --json with a wrong secret",
                      run(jwtcheck, ["token", "--json", *request], env={"JWTCHECK_CLIENT_SECRET": "wrong"},
                          expect_exit=3))
        finally:
            serve.terminate()
            serve.wait(timeout=30)
    return report()


def report():
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("every --json document matches docs/json-output.md")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
