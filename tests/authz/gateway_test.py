#!/usr/bin/python3
"""`jwtcheck authz` behind REAL nginx (auth_request) and REAL Caddy (forward_auth), configured with
examples/gateways/nginx.conf and examples/gateways/Caddyfile (only their ports replaced), in front
of an upstream that echoes the headers it received; tokens from the local tenant (`jwtcheck serve`,
`jwtcheck mint`). Never skips: a missing nginx or caddy fails the test.

Usage: gateway_test.py JWTCHECK SOURCE_ROOT"""
import os
import sys
import unittest

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None

# The addresses in the example files, replaced by the ports this run uses.
AUTHZ_ADDRESS = "127.0.0.1:9190"
UPSTREAM_ADDRESS = "127.0.0.1:8080"
NGINX_ADDRESS = "127.0.0.1:8000"
CADDY_ADDRESS = "127.0.0.1:8001"


def example(name):
    with open(os.path.join(SOURCE_ROOT, "examples", "gateways", name)) as f:
        return f.read()


def with_ports(text, authz_port, upstream_port, gateway_address, gateway_port):
    for address in (AUTHZ_ADDRESS, UPSTREAM_ADDRESS, gateway_address):
        if address not in text:
            raise AssertionError(f"the example no longer names {address}: update the test")
    return (text.replace(AUTHZ_ADDRESS, f"127.0.0.1:{authz_port}")
            .replace(UPSTREAM_ADDRESS, f"127.0.0.1:{upstream_port}")
            .replace(gateway_address, f"127.0.0.1:{gateway_port}"))


class GatewayTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.nginx_bin = fx.require_program("nginx")
        cls.caddy_bin = fx.require_program("caddy")
        cls.workdir = fx.new_workdir()
        cls.stoppers = []
        try:
            cls.start_all()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start_all(cls):
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        cls.stoppers.append(cls.tenant.stop)
        cls.upstream = fx.EchoUpstream()
        cls.stoppers.append(cls.upstream.stop)
        config = os.path.join(cls.workdir, "authz.toml")
        with open(config, "w") as f:
            f.write(fx.config_text(cls.tenant))
        cls.authz = fx.Authz(JWTCHECK, config)
        cls.stoppers.append(cls.authz.stop)
        cls.authz.wait_ready()

        # nginx: the example server block inside a minimal nginx.conf of this run.
        cls.nginx_port = fx.free_port()
        nginx_dir = os.path.join(cls.workdir, "nginx")
        os.makedirs(nginx_dir)
        with open(os.path.join(nginx_dir, "server.conf"), "w") as f:
            f.write(with_ports(example("nginx.conf"), cls.authz.port, cls.upstream.port, NGINX_ADDRESS,
                               cls.nginx_port))
        with open(os.path.join(nginx_dir, "nginx.conf"), "w") as f:
            f.write(f"""
daemon off;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {nginx_dir}/body;
    proxy_temp_path {nginx_dir}/proxy;
    fastcgi_temp_path {nginx_dir}/fastcgi;
    uwsgi_temp_path {nginx_dir}/uwsgi;
    scgi_temp_path {nginx_dir}/scgi;
    include {nginx_dir}/server.conf;
}}
""")
        cls.nginx = fx.Process([cls.nginx_bin, "-p", nginx_dir, "-c", os.path.join(nginx_dir, "nginx.conf")],
                               stdout=fx.subprocess.DEVNULL, stderr=fx.subprocess.DEVNULL)
        cls.stoppers.append(cls.nginx.stop)

        # Caddy: the example Caddyfile after a global block of this run (no admin API, no state in $HOME).
        cls.caddy_port = fx.free_port()
        caddy_dir = os.path.join(cls.workdir, "caddy")
        os.makedirs(caddy_dir)
        caddyfile = os.path.join(caddy_dir, "Caddyfile")
        with open(caddyfile, "w") as f:
            f.write("{\n\tadmin off\n}\n\n")
            f.write(with_ports(example("Caddyfile"), cls.authz.port, cls.upstream.port, CADDY_ADDRESS, cls.caddy_port))
        env = dict(os.environ, HOME=caddy_dir, XDG_DATA_HOME=caddy_dir, XDG_CONFIG_HOME=caddy_dir)
        with open(os.path.join(caddy_dir, "caddy.log"), "w") as caddy_log:
            cls.caddy = fx.Process([cls.caddy_bin, "run", "--config", caddyfile, "--adapter", "caddyfile"],
                                   env=env, stdout=fx.subprocess.DEVNULL, stderr=caddy_log)
        cls.stoppers.append(cls.caddy.stop)
        cls.nginx.wait_port("nginx", cls.nginx_port, os.path.join(nginx_dir, "error.log"))
        cls.caddy.wait_port("caddy", cls.caddy_port, os.path.join(caddy_dir, "caddy.log"))

        cls.valid = cls.tenant.mint("--scope", "read:things")
        cls.expired = cls.tenant.mint("--scope", "read:things", "--expires-in", "-3600")
        cls.forged = cls.tenant.forged("--scope", "read:things", "--client-id", "intruder")
        cls.wrong_aud = cls.tenant.mint("--scope", "read:things", "--audience", "https://another-api/")
        cls.wrong_iss = cls.tenant.mint("--scope", "read:things", "--issuer", "https://someone-else.example/")

    @classmethod
    def tearDownClass(cls):
        for stop in reversed(cls.stoppers):
            stop()

    def gateways(self):
        return {"nginx": self.nginx_port, "caddy": self.caddy_port}

    def through(self, port, method, token, path="/api/things"):
        headers = {} if token is None else {"Authorization": "Bearer " + token}
        return fx.request(port, method, path, headers)

    def test_valid_token_reaches_upstream_with_identity_headers(self):
        for name, port in self.gateways().items():
            with self.subTest(gateway=name):
                status, _, body = self.through(port, "GET", self.valid)
                self.assertEqual(status, 200, body)
                seen = fx.json.loads(body)
                self.assertEqual(seen["path"], "/api/things")
                got = seen["headers"]
                self.assertEqual(got.get("x-jwtcheck-issuer"), self.tenant.issuer)
                client_id = self.tenant.info["client_id"]
                self.assertEqual(got.get("x-jwtcheck-subject"), client_id + "@clients")
                self.assertEqual(got.get("x-jwtcheck-client-id"), client_id)
                self.assertEqual(got.get("x-jwtcheck-scope"), "read:things")

    def test_missing_token_gets_401_without_error_attribute(self):
        for name, port in self.gateways().items():
            with self.subTest(gateway=name):
                status, headers, _ = self.through(port, "GET", None)
                self.assertEqual(status, 401)
                self.assertEqual(headers.get("www-authenticate"), 'Bearer realm="api"')

    def test_bad_tokens_get_401_with_invalid_token_challenge(self):
        cases = {"expired": (self.expired, "expired"), "forged": (self.forged, "signature"),
                 "wrong audience": (self.wrong_aud, "aud"), "wrong issuer": (self.wrong_iss, "issuer")}
        for name, port in self.gateways().items():
            for case, (token, word) in cases.items():
                with self.subTest(gateway=name, token=case):
                    status, headers, body = self.through(port, "GET", token)
                    self.assertEqual(status, 401, body)
                    challenge = headers.get("www-authenticate", "")
                    self.assertTrue(challenge.startswith('Bearer realm="api", error="invalid_token", error_description="'),
                                    challenge)
                    self.assertIn(word, challenge.lower())
                    self.assertNotIn(token, challenge + body)
                    self.assertNotIn(token.split(".")[2], challenge + body)

    def test_missing_route_scope_gets_403(self):
        for name, port in self.gateways().items():
            with self.subTest(gateway=name):
                status, headers, body = self.through(port, "POST", self.valid)
                self.assertEqual(status, 403, body)
                self.assertNotIn("x-jwtcheck-subject", body)
        # Caddy passes the whole answer through: the RFC 6750 challenge names the missing scope.
        _, headers, body = self.through(self.caddy_port, "POST", self.valid)
        self.assertEqual(headers.get("www-authenticate"),
                         'Bearer realm="api", error="insufficient_scope", error_description="the token lacks the '
                         'scope(s): write:things", scope="write:things"')
        self.assertEqual(fx.json.loads(body)["reason"], "insufficient_scope")

    def test_client_cannot_pick_the_route_with_forwarded_headers(self):
        # Through nginx, a client's X-Forwarded-Uri is dropped: the POST still needs write:things.
        status, _, _ = fx.request(self.nginx_port, "POST", "/api/things",
                                  {"Authorization": "Bearer " + self.valid, "X-Forwarded-Method": "GET",
                                   "X-Forwarded-Uri": "/api/things"})
        self.assertEqual(status, 403)
        status, _, _ = fx.request(self.caddy_port, "POST", "/api/things",
                                  {"Authorization": "Bearer " + self.valid, "X-Original-Method": "GET",
                                   "X-Original-URI": "/api/things"})
        self.assertEqual(status, 403)

    def test_refusals_are_logged_without_the_token(self):
        self.through(self.nginx_port, "GET", self.expired)
        with open(self.authz.log_path) as f:
            log = f.read()
        refused = [e for e in self.authz.events() if e.get("event") == "refused" and e.get("reason") == "expired"]
        self.assertTrue(refused, log)
        self.assertEqual(refused[-1]["issuer"], self.tenant.issuer)
        self.assertEqual(refused[-1]["kid"], self.tenant.kid)
        self.assertEqual(refused[-1]["route"], "read")
        for token in (self.valid, self.expired, self.forged, self.wrong_aud, self.wrong_iss):
            self.assertNotIn(token.split(".")[2], log)


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
