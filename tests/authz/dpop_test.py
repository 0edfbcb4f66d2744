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
    text = fx.config_text(tenant)
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

    def check(self, token, proof=None, scheme="DPoP", method="GET", mode=None, extra=()):
        """(status, headers, reason) of a check of METHOD https://api.example/api/things."""
        conn = http.client.HTTPConnection("127.0.0.1", self.services[mode].port, timeout=10)
        conn.putrequest("GET", "/check")
        headers = [("Authorization", f"{scheme} {token}"), ("X-Forwarded-Method", method),
                   ("X-Forwarded-Uri", PATH + "?page=2"), ("X-Forwarded-Proto", "https"),
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
