#!/usr/bin/python3
"""`jwtcheck authz` and DPoP-bound tokens (RFC 9449 §7): the `DPoP` scheme with its proof, the
binding modes off / allowed / required (config key `dpop`, quick flag `--dpop`), and one refusal,
with its own reason code and a `WWW-Authenticate: DPoP` challenge, for each attack. Proofs are made
here by an independent implementation (python3-jwcrypto), tokens by `jwtcheck mint`.

Usage: dpop_test.py JWTCHECK SOURCE_ROOT"""
import base64
import hashlib
import http.client
import json
import os
import ssl
import urllib.parse
import subprocess
import sys
import time
import unittest
import uuid

from jwcrypto import jwk, jwt

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None
HOST = "api.example"
PATH = "/api/things"
URL = f"https://{HOST}{PATH}"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_proof(key, method, url, token, iat=None, jti=None, alg="ES256", header_jwk=None):
    claims = {"jti": jti or str(uuid.uuid4()), "htm": method, "htu": url,
              "iat": int(time.time()) if iat is None else iat}
    if token is not None:
        claims["ath"] = b64url(hashlib.sha256(token.encode()).digest())
    header = {"typ": "dpop+jwt", "alg": alg,
              "jwk": header_jwk if header_jwk is not None else key.export_public(as_dict=True)}
    proof = jwt.JWT(header=header, claims=claims)
    proof.make_signed_token(key)
    return proof.serialize()


def issuer_config(tenant, mode):
    """The gateway tests' config with `dpop = MODE` in its issuer (None: the default)."""
    # The tenant's own tokens carry its scopes (read:reports …): a route for them.
    text = fx.config_text(tenant, extra_routes='[[route]]\nname = "reports"\npath = "/reports/**"\n'
                                                'scopes = ["read:reports"]\n')
    if mode is None:
        return text
    cacert_line = f'cacert = "{tenant.ca_cert}"'
    return text.replace(cacert_line, cacert_line + f'\ndpop = "{mode}"')


class DpopAuthzTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = fx.new_workdir()
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        cls.key = jwk.JWK.generate(kty="EC", crv="P-256")
        cls.other_key = jwk.JWK.generate(kty="EC", crv="P-256")
        cls.jkt = cls.key.thumbprint()
        cls.bound = cls.tenant.mint("--scope", "read:things", "--claims", json.dumps({"cnf": {"jkt": cls.jkt}}))
        cls.bearer = cls.tenant.mint("--scope", "read:things")
        cls.services = {}
        for mode in (None, "off", "required"):
            path = os.path.join(cls.workdir, f"authz-{mode or 'default'}.toml")
            with open(path, "w") as f:
                f.write(issuer_config(cls.tenant, mode))
            cls.services[mode] = fx.Authz(JWTCHECK, path)
            cls.services[mode].wait_ready()

    @classmethod
    def tearDownClass(cls):
        for service in cls.services.values():
            service.stop()
        cls.tenant.stop()

    def check(self, token, proof=None, scheme="DPoP", method="GET", mode=None, extra=(), path=PATH):
        """(status, headers, reason) of a check of METHOD https://api.example/PATH."""
        conn = http.client.HTTPConnection("127.0.0.1", self.services[mode].port, timeout=10)
        conn.putrequest("GET", "/check")
        headers = [("Authorization", f"{scheme} {token}"), ("X-Forwarded-Method", method),
                   ("X-Forwarded-Uri", path + "?page=2"), ("X-Forwarded-Proto", "https"),
                   ("X-Forwarded-Host", HOST)]
        if proof is not None:
            headers.append(("DPoP", proof))
        for name, value in [*headers, *extra]:
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        for secret in (token, proof):
            if secret:
                self.assertNotIn(secret.split(".")[-1], body, "an answer never carries the token or the proof")
        reason = json.loads(body).get("reason", "") if body else ""
        return response.status, {k.lower(): v for k, v in response.getheaders()}, reason

    def assert_refused(self, reason, *args, error="invalid_dpop_proof", **kwargs):
        status, headers, got = self.check(*args, **kwargs)
        self.assertEqual((status, got), (401, reason))
        challenge = headers["www-authenticate"]
        self.assertTrue(challenge.startswith('DPoP realm="api", algs="'), challenge)
        self.assertIn("ES256", challenge)
        self.assertIn(f'error="{error}"', challenge)

    def test_a_bound_token_with_its_proof_passes(self):
        status, headers, reason = self.check(self.bound, make_proof(self.key, "GET", URL, self.bound))
        self.assertEqual((status, reason), (200, ""))
        self.assertEqual(headers["x-jwtcheck-scope"], "read:things")

    def test_the_url_is_compared_normalised_without_query(self):
        proof = make_proof(self.key, "GET", f"HTTPS://API.EXAMPLE:443{PATH}", self.bound)
        self.assertEqual(self.check(self.bound, proof)[0], 200)

    def test_a_replayed_proof_is_refused(self):
        proof = make_proof(self.key, "GET", URL, self.bound)
        self.assertEqual(self.check(self.bound, proof)[0], 200)
        self.assert_refused("dpop_jti_replayed", self.bound, proof)

    def test_each_wrong_part_of_a_proof_has_its_own_reason(self):
        self.assert_refused("dpop_htm_mismatch", self.bound, make_proof(self.key, "POST", URL, self.bound))
        self.assert_refused("dpop_htu_mismatch", self.bound,
                            make_proof(self.key, "GET", f"https://elsewhere.example{PATH}", self.bound))
        self.assert_refused("dpop_ath_mismatch", self.bound, make_proof(self.key, "GET", URL, self.bearer))
        self.assert_refused("dpop_key_mismatch", self.bound, make_proof(self.other_key, "GET", URL, self.bound))
        self.assert_refused("dpop_iat_invalid", self.bound,
                            make_proof(self.key, "GET", URL, self.bound, iat=int(time.time()) - 3600))
        self.assert_refused("dpop_iat_invalid", self.bound,
                            make_proof(self.key, "GET", URL, self.bound, iat=int(time.time()) + 3600))
        private_jwk = self.key.export_private(as_dict=True)
        self.assert_refused("dpop_key_invalid", self.bound,
                            make_proof(self.key, "GET", URL, self.bound, header_jwk=private_jwk))
        secret = jwk.JWK.generate(kty="oct", size=256)
        self.assert_refused("dpop_alg_not_allowed", self.bound,
                            make_proof(secret, "GET", URL, self.bound, alg="HS256",
                                       header_jwk=self.key.export_public(as_dict=True)))
        self.assert_refused("dpop_proof_malformed", self.bound, "not-a-proof")
        # Past the library's 8 KiB proof limit, the HTTP layer's header limit refuses it first.
        conn = http.client.HTTPConnection("127.0.0.1", self.services[None].port, timeout=10)
        conn.request("GET", "/check", headers={"Authorization": "DPoP " + self.bound, "DPoP": "a" * 9000})
        response = conn.getresponse()
        response.read()
        conn.close()
        self.assertIn(response.status, (400, 401, 431))

    def test_two_dpop_headers_are_refused(self):
        first = make_proof(self.key, "GET", URL, self.bound)
        second = make_proof(self.key, "GET", URL, self.bound)
        self.assert_refused("dpop_proof_malformed", self.bound, first, extra=[("DPoP", second)])

    def test_a_bound_token_is_never_a_bearer_token(self):
        proof = make_proof(self.key, "GET", URL, self.bound)
        self.assert_refused("dpop_proof_missing", self.bound, proof, scheme="Bearer", error="invalid_token")
        self.assert_refused("dpop_proof_missing", self.bound, None, scheme="Bearer", error="invalid_token")
        self.assert_refused("dpop_proof_missing", self.bound, None, error="invalid_token")

    def test_the_dpop_scheme_needs_a_bound_token(self):
        proof = make_proof(self.key, "GET", URL, self.bearer)
        self.assert_refused("dpop_token_not_bound", self.bearer, proof, error="invalid_token")

    def test_a_missing_scope_gets_a_dpop_challenge(self):
        status, headers, reason = self.check(self.bound, make_proof(self.key, "POST", URL, self.bound), method="POST")
        self.assertEqual((status, reason), (403, "insufficient_scope"))
        self.assertTrue(headers["www-authenticate"].startswith("DPoP "))
        self.assertIn('error="insufficient_scope"', headers["www-authenticate"])

    def test_bearer_tokens_pass_when_dpop_is_allowed(self):
        self.assertEqual(self.check(self.bearer, scheme="Bearer")[0], 200)

    def test_required_refuses_bearer_tokens_and_accepts_bound_ones(self):
        self.assert_refused("dpop_binding_required", self.bearer, None, scheme="Bearer", mode="required",
                            error="invalid_token")
        proof = make_proof(self.key, "GET", URL, self.bound)
        self.assertEqual(self.check(self.bound, proof, mode="required")[0], 200)

    def test_off_refuses_bound_tokens_and_accepts_bearer_ones(self):
        proof = make_proof(self.key, "GET", URL, self.bound)
        status, _, reason = self.check(self.bound, proof, mode="off")
        self.assertEqual((status, reason), (401, "dpop_disabled"))
        self.assertEqual(self.check(self.bearer, scheme="Bearer", mode="off")[0], 200)

    def token_request(self, proof_headers):
        """(status, answer) of a client-credentials request to the tenant with these headers."""
        info = self.tenant.info
        url = urllib.parse.urlsplit(info["token_url"])
        context = ssl.create_default_context(cafile=self.tenant.ca_cert)
        conn = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=10)
        body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": info["client_id"],
                                       "client_secret": info["client_secret"], "audience": info["audience"]})
        conn.putrequest("POST", url.path)
        for name, value in [("Content-Type", "application/x-www-form-urlencoded"),
                            ("Content-Length", str(len(body))), *proof_headers]:
            conn.putheader(name, value)
        conn.endheaders(body.encode())
        response = conn.getresponse()
        answer = json.loads(response.read().decode())
        conn.close()
        return response.status, answer

    def test_the_tenant_binds_a_token_to_the_key_of_its_proof_end_to_end(self):
        token_url = self.tenant.info["token_url"]
        status, answer = self.token_request([("DPoP", make_proof(self.key, "POST", token_url, None))])
        self.assertEqual((status, answer["token_type"]), (200, "DPoP"), answer)
        token = answer["access_token"]
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        self.assertEqual(payload["cnf"], {"jkt": self.jkt})
        reports = f"https://{HOST}/reports/1"
        self.assertEqual(self.check(token, make_proof(self.key, "GET", reports, token), path="/reports/1")[0], 200)
        self.assert_refused("dpop_proof_missing", token, None, scheme="Bearer", error="invalid_token", path="/reports/1")
        # Without a proof: a bearer token, as before.
        status, answer = self.token_request([])
        self.assertEqual((status, answer["token_type"]), (200, "Bearer"))
        self.assertNotIn("cnf", json.loads(base64.urlsafe_b64decode(answer["access_token"].split(".")[1] + "==")))

    def test_the_tenant_refuses_a_bad_proof_with_invalid_dpop_proof(self):
        token_url = self.tenant.info["token_url"]
        for headers in ([("DPoP", make_proof(self.key, "GET", token_url, None))],
                        [("DPoP", make_proof(self.key, "POST", "https://elsewhere.example/oauth/token", None))],
                        [("DPoP", "not-a-proof")],
                        [("DPoP", make_proof(self.key, "POST", token_url, None)),
                         ("DPoP", make_proof(self.key, "POST", token_url, None))]):
            status, answer = self.token_request(headers)
            self.assertEqual((status, answer["error"]), (400, "invalid_dpop_proof"), answer)
            self.assertNotIn("access_token", answer)

    def test_an_unknown_mode_is_refused_naming_file_line_and_key(self):
        path = os.path.join(self.workdir, "bad-mode.toml")
        with open(path, "w") as f:
            f.write(issuer_config(self.tenant, "sometimes"))
        out = subprocess.run([JWTCHECK, "config", "check", path], capture_output=True, text=True)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("dpop", out.stdout + out.stderr)
        self.assertIn(path + ":", out.stdout + out.stderr)


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
