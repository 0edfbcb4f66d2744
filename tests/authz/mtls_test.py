#!/usr/bin/python3
"""`jwtcheck authz` and certificate-bound tokens (RFC 8705 §3) behind a TLS-terminating gateway:
the client certificate comes in a header (nginx's URL-escaped PEM, Envoy's X-Forwarded-Client-Cert
Cert="…", Caddy's and Traefik's base64 DER); a token whose cnf has x5t#S256 passes only with that
certificate; a forged header naming another certificate, a missing one, or a malformed one get
401 invalid_token (never a crash); the issuer's mtls mode (off, allowed, required) applies.

Usage: mtls_test.py JWTCHECK SOURCE_ROOT"""
import base64
import datetime
import hashlib
import json
import os
import subprocess
import sys
import unittest
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None


def self_signed(name):
    """(PEM text, DER bytes) of a fresh self-signed client certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode(), cert.public_bytes(serialization.Encoding.DER)


def x5t_s256(der):
    return base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b"=").decode()


def nginx_header(pem):
    """nginx $ssl_client_escaped_cert: the PEM, URL-escaped."""
    return urllib.parse.quote(pem, safe="")


def envoy_header(pem, name):
    return f'By=spiffe://authz;Hash=abc;Cert="{urllib.parse.quote(pem, safe="")}";Subject="CN={name}";URI='


def with_issuer_keys(text, extra):
    """The fixture's config with `extra` lines added to its [[issuer]] table."""
    return text.replace("\n\n[[route]]", "\n" + extra + "\n\n[[route]]", 1)


class MtlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = fx.new_workdir()
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        cls.pem_a, cls.der_a = self_signed("client-a")
        cls.pem_b, cls.der_b = self_signed("client-b")
        cls.bound = cls.tenant.mint("--scope", "read:things",
                                    "--claims", json.dumps({"cnf": {"x5t#S256": x5t_s256(cls.der_a)}}))
        cls.bearer = cls.tenant.mint("--scope", "read:things")
        cls.instances = []

    @classmethod
    def tearDownClass(cls):
        for authz in cls.instances:
            authz.stop()
        cls.tenant.stop()

    @classmethod
    def start(cls, name, service="", issuer=""):
        config = os.path.join(cls.workdir, name + ".toml")
        text = fx.config_text(cls.tenant)
        if issuer:
            text = with_issuer_keys(text, issuer)
        if service:
            text = text.replace("[service]\n", "[service]\n" + service, 1)
        with open(config, "w") as f:
            f.write(text)
        authz = fx.Authz(JWTCHECK, config)
        authz.wait_ready()
        cls.instances.append(authz)
        return authz

    @classmethod
    def allowed(cls):
        if not hasattr(cls, "_allowed"):
            cls._allowed = cls.start("allowed")
        return cls._allowed

    def check(self, authz, token, headers=None):
        all_headers = {"Authorization": "Bearer " + token, "X-Forwarded-Method": "GET",
                       "X-Forwarded-Uri": "/api/things", **(headers or {})}
        status, response_headers, body = fx.request(authz.port, "GET", "/check", all_headers)
        return status, response_headers, json.loads(body)

    def assert_refused(self, result, reason):
        status, headers, body = result
        self.assertEqual(status, 401, body)
        self.assertEqual(body["reason"], reason, body)
        self.assertIn('error="invalid_token"', headers["www-authenticate"])

    def test_bound_token_with_its_certificate_from_nginx_passes(self):
        status, headers, body = self.check(self.allowed(), self.bound, {"X-SSL-Client-Cert": nginx_header(self.pem_a)})
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["x-jwtcheck-scope"], "read:things")

    def test_bound_token_with_base64_der_from_caddy_or_traefik_passes(self):
        der64 = base64.b64encode(self.der_a).decode()
        self.assertEqual(self.check(self.allowed(), self.bound, {"X-SSL-Client-Cert": der64})[0], 200)
        escaped = urllib.parse.quote(der64, safe="")  # Traefik URL-escapes it
        self.assertEqual(self.check(self.allowed(), self.bound, {"X-SSL-Client-Cert": escaped})[0], 200)

    def test_forged_header_with_another_certificate_is_refused(self):
        result = self.check(self.allowed(), self.bound, {"X-SSL-Client-Cert": nginx_header(self.pem_b)})
        self.assert_refused(result, "mtls_thumbprint_mismatch")

    def test_bound_token_without_certificate_is_refused(self):
        self.assert_refused(self.check(self.allowed(), self.bound), "mtls_bound_token_without_certificate")

    def test_two_certificate_headers_are_refused(self):
        # http.client sends a list value as two headers of the same name.
        authz = self.allowed()
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", authz.port, timeout=10)
        conn.putrequest("GET", "/check")
        conn.putheader("Authorization", "Bearer " + self.bound)
        conn.putheader("X-Forwarded-Method", "GET")
        conn.putheader("X-Forwarded-Uri", "/api/things")
        conn.putheader("X-SSL-Client-Cert", nginx_header(self.pem_a))
        conn.putheader("X-SSL-Client-Cert", nginx_header(self.pem_b))
        conn.endheaders()
        response = conn.getresponse()
        body = json.loads(response.read())
        conn.close()
        self.assertEqual(response.status, 401)
        self.assertEqual(body["reason"], "mtls_certificate_malformed")

    def test_malformed_headers_get_a_clear_401_and_the_service_lives_on(self):
        authz = self.allowed()
        for value in ("%zz", "not a certificate!", base64.b64encode(b"junk bytes, not DER").decode(),
                      nginx_header("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "%",
                      "A" * 20000):
            with self.subTest(value=value[:40]):
                status, headers, body = self.check(authz, self.bound, {"X-SSL-Client-Cert": value})
                self.assertEqual(status, 431 if len(value) > 8000 else 401, body)
                if status == 401:
                    self.assertEqual(body["reason"], "mtls_certificate_malformed", body)
                    self.assertIn('error="invalid_token"', headers["www-authenticate"])
                    if len(value) > 3:
                        self.assertNotIn(value, body["description"])
        self.assertEqual(fx.request(authz.port, "GET", "/healthz")[0], 200)

    def test_bearer_token_passes_without_the_header_being_read(self):
        authz = self.allowed()
        self.assertEqual(self.check(authz, self.bearer)[0], 200)
        self.assertEqual(self.check(authz, self.bearer, {"X-SSL-Client-Cert": "%zz"})[0], 200)

    def test_envoy_forwarded_client_cert(self):
        authz = self.start("envoy", service='client_cert_header = "X-Forwarded-Client-Cert"\n')
        self.assertEqual(self.check(authz, self.bound, {"X-Forwarded-Client-Cert": envoy_header(self.pem_a, "a")})[0], 200)
        self.assert_refused(self.check(authz, self.bound, {"X-Forwarded-Client-Cert": envoy_header(self.pem_b, "b")}),
                            "mtls_thumbprint_mismatch")
        # The default header is not looked at when another one is configured.
        self.assert_refused(self.check(authz, self.bound, {"X-SSL-Client-Cert": nginx_header(self.pem_a)}),
                            "mtls_bound_token_without_certificate")
        two = envoy_header(self.pem_a, "a") + "," + envoy_header(self.pem_b, "b")
        self.assert_refused(self.check(authz, self.bound, {"X-Forwarded-Client-Cert": two}), "mtls_certificate_malformed")
        self.assert_refused(self.check(authz, self.bound, {"X-Forwarded-Client-Cert": 'Hash=abc;Subject="CN=x"'}),
                            "mtls_certificate_malformed")
        self.assert_refused(self.check(authz, self.bound, {"X-Forwarded-Client-Cert": 'Cert="unterminated'}),
                            "mtls_certificate_malformed")

    def test_required_mode_refuses_bearer_tokens(self):
        authz = self.start("required", issuer='mtls = "required"')
        self.assert_refused(self.check(authz, self.bearer, {"X-SSL-Client-Cert": nginx_header(self.pem_a)}),
                            "mtls_binding_required")
        self.assertEqual(self.check(authz, self.bound, {"X-SSL-Client-Cert": nginx_header(self.pem_a)})[0], 200)

    def test_off_mode_refuses_bound_tokens(self):
        authz = self.start("off", issuer='mtls = "off"')
        self.assert_refused(self.check(authz, self.bound, {"X-SSL-Client-Cert": nginx_header(self.pem_a)}),
                            "mtls_disabled")
        self.assertEqual(self.check(authz, self.bearer)[0], 200)

    def test_bad_mode_in_config_or_flag_is_refused_at_start(self):
        config = os.path.join(self.workdir, "bad.toml")
        with open(config, "w") as f:
            f.write(with_issuer_keys(fx.config_text(self.tenant), 'mtls = "sometimes"'))
        run = subprocess.run([JWTCHECK, "authz", "--config", config], capture_output=True, text=True, timeout=30)
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn('"mtls"', run.stderr)
        run = subprocess.run([JWTCHECK, "authz", "--issuer", "https://x.example/", "--audience", "a",
                              "--jwks-file", config, "--mtls", "sometimes"], capture_output=True, text=True, timeout=30)
        self.assertEqual(run.returncode, 2, run.stderr)


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
