#!/usr/bin/python3
"""`jwtcheck authz` on its own, as Envoy's ext_authz and any HTTP client see it: the /check prefix,
HTTP/1.0 and keep-alive, /healthz, /readyz before and after the keys, /metrics on --admin-listen,
routes and the default route, unknown issuers refused without a fetch, config errors naming file,
line and key, SIGHUP reloads (a bad config refused, the old one kept), SIGTERM exits 0.

Usage: service_test.py JWTCHECK SOURCE_ROOT"""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import unittest

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None


class ServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = fx.new_workdir()
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        cls.config = os.path.join(cls.workdir, "authz.toml")
        cls.write_config(fx.config_text(cls.tenant, extra_routes='[[route]]\nname = "health"\npath = "/health"\n'
                                                               'allow_anonymous = true\n'))
        cls.authz = fx.Authz(JWTCHECK, cls.config, ["--admin-listen", "127.0.0.1:0"])
        cls.authz.wait_ready()
        cls.reader = cls.tenant.mint("--scope", "read:things write:things")

    @classmethod
    def tearDownClass(cls):
        cls.authz.stop()
        cls.tenant.stop()

    @classmethod
    def write_config(cls, text):
        with open(cls.config, "w") as f:
            f.write(text)

    def check(self, method, path, token=None, headers=None, version11=True):
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = "Bearer " + token
        return fx.request(self.authz.port, method, path, all_headers, version11)

    def metrics(self):
        status, _, body = fx.request(self.authz.admin_port, "GET", "/metrics")
        self.assertEqual(status, 200)
        return body

    def test_envoy_path_prefix_carries_method_and_path(self):
        status, headers, _ = self.check("GET", "/check/api/things?x=1", self.reader)
        self.assertEqual(status, 200)
        self.assertEqual(headers["x-jwtcheck-scope"], "read:things write:things")
        status, _, body = self.check("GET", "/check/elsewhere", self.reader)
        self.assertEqual(status, 403)
        self.assertEqual(json.loads(body)["reason"], "no_route")
        status, _, _ = self.check("GET", "/check/health")
        self.assertEqual(status, 200)

    def test_http10_and_keep_alive(self):
        status, _, _ = self.check("GET", "/check", self.reader, {"X-Original-Method": "GET",
                                                                 "X-Original-URI": "/api/x"}, version11=False)
        self.assertEqual(status, 200)
        conn = http.client.HTTPConnection("127.0.0.1", self.authz.port, timeout=10)
        for _ in range(20):
            conn.request("GET", "/check", headers={"Authorization": "Bearer " + self.reader,
                                                   "X-Forwarded-Method": "DELETE", "X-Forwarded-Uri": "/api/1"})
            response = conn.getresponse()
            response.read()
            self.assertEqual(response.status, 200)
        conn.close()

    def test_health_readiness_and_metrics(self):
        self.assertEqual(fx.request(self.authz.port, "GET", "/healthz")[0], 200)
        status, _, body = fx.request(self.authz.admin_port, "GET", "/readyz")
        self.assertEqual(status, 200, body)
        self.check("GET", "/check/api/metrics-probe", self.reader)
        text = self.metrics()
        self.assertIn('jwtcheck_authz_requests_total{decision="allow",status="200",reason="ok"}', text)
        issuer = self.tenant.issuer
        self.assertRegex(text, r'jwtcheck_verifications_total\{issuer="%s",result="accepted"\} [1-9]' % re.escape(issuer))
        self.assertIn(f'jwtcheck_issuer_health{{issuer="{issuer}",state="ready"}} 1', text)
        self.assertIn(f'jwtcheck_issuer_health{{issuer="{issuer}",state="failed"}} 0', text)
        self.assertRegex(text, r'jwtcheck_jwks_fetches_total\{issuer="%s",result="ok"\} [1-9]' % re.escape(issuer))
        self.assertRegex(text, r'jwtcheck_jwks_age_seconds\{issuer="%s"\} \d+' % re.escape(issuer))
        self.assertRegex(text, r'jwtcheck_key_set_lookups_total\{issuer="%s",result="served"\} [1-9]' % re.escape(issuer))
        # A refusal by the issuer's verifier is counted under its reason.
        expired = self.tenant.mint("--expires-in", "-600")
        self.assertEqual(self.check("GET", "/check/api/x", expired)[0], 401)
        self.assertRegex(self.metrics(),
                         r'jwtcheck_verifications_total\{issuer="%s",result="refused",reason="expired"\} [1-9]' % re.escape(issuer))
        self.assertIn("jwtcheck_authz_request_duration_seconds_count", text)
        self.assertEqual(fx.request(self.authz.port, "GET", "/metrics")[0], 404, "moved to --admin-listen")
        self.assertNotIn(self.reader.split(".")[2], text)

    def test_unknown_issuer_is_refused_without_a_fetch(self):
        def fetches():
            for line in self.metrics().splitlines():
                if line.startswith("jwtcheck_jwks_fetches_total") and 'result="ok"' in line:
                    return int(line.rsplit(" ", 1)[1])
            raise AssertionError("no fetch counter")
        before = fetches()
        stranger = self.tenant.mint("--issuer", "https://stranger.example/", "--kid", "never-seen-kid")
        status, headers, body = self.check("GET", "/check/api/x", stranger)
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(body)["reason"], "unknown_issuer")
        self.assertIn('error="invalid_token"', headers["www-authenticate"])
        self.assertEqual(fetches(), before)

    def test_config_errors_name_file_line_and_key(self):
        bad = os.path.join(self.workdir, "bad.toml")
        with open(bad, "w") as f:
            f.write(fx.config_text(self.tenant).replace('name = "write"', 'name = "write"\nscopez = ["x"]'))
        out = subprocess.run([JWTCHECK, "authz", "--config", bad], capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 2, out.stderr)
        line = fx.config_text(self.tenant).replace('name = "write"', 'name = "write"\nscopez = ["x"]').splitlines()
        expected_line = line.index('scopez = ["x"]') + 1
        self.assertIn(f'{bad}:{expected_line}: key "scopez": unknown key in [[route]]', out.stdout + out.stderr)

    def test_config_check_accepts_the_examples_and_lists_the_issuers(self):
        for example, issuers in (("examples/jwtcheck.toml", 3), ("examples/gateways/authz.toml", 1)):
            path = os.path.join(SOURCE_ROOT, example)
            out = subprocess.run([JWTCHECK, "config", "check", "--json", path], capture_output=True, text=True,
                                 timeout=30)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            doc = json.loads(out.stdout)
            self.assertTrue(doc["valid"])
            self.assertEqual(len(doc["issuers"]), issuers)
        out = subprocess.run([JWTCHECK, "config", "check", os.path.join(SOURCE_ROOT, "examples/jwtcheck.toml")],
                             capture_output=True, text=True, timeout=30)
        self.assertIn("https://example-staging.eu.auth0.com/", out.stdout)
        self.assertIn("rfc9068", out.stdout)

    def test_config_check_refuses_what_authz_would_refuse_naming_the_entry(self):
        bad = os.path.join(self.workdir, "missing-jwks.toml")
        with open(bad, "w") as f:
            f.write('[[issuer]]\nissuer = "https://a.example/"\naudiences = ["x"]\n'
                    'jwks_file = "/nonexistent/jwks.json"\n\n[[route]]\npath = "/**"\n')
        for command in (["config", "check", bad], ["authz", "--config", bad]):
            out = subprocess.run([JWTCHECK, *command], capture_output=True, text=True, timeout=30)
            self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
            self.assertIn(f'{bad}:1: issuer "https://a.example/": cannot open /nonexistent/jwks.json',
                          out.stdout + out.stderr)
        out = subprocess.run([JWTCHECK, "config", "check", "--json", bad], capture_output=True, text=True, timeout=30)
        self.assertEqual(json.loads(out.stdout)["error"]["code"], "io_error")

    def test_an_unknown_profile_is_refused_naming_file_line_and_key(self):
        bad = os.path.join(self.workdir, "bad-profile.toml")
        text = fx.config_text(self.tenant).replace('cacert = ', 'profile = "rfc-9068"\ncacert = ', 1)
        with open(bad, "w") as f:
            f.write(text)
        out = subprocess.run([JWTCHECK, "authz", "--config", bad], capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 2, out.stderr)
        line = text.splitlines().index('profile = "rfc-9068"') + 1
        self.assertIn(f'{bad}:{line}: key "profile": expected "auth0", "rfc9068" or "any"', out.stdout + out.stderr)

    def test_a_taken_port_fails_at_once_instead_of_sharing_it(self):
        # cpp-httplib's default SO_REUSEPORT would let this second service bind the same port and
        # take a share of the gateway's requests: it must fail, naming the address, with exit 3.
        taken = f"127.0.0.1:{self.authz.port}"
        out = subprocess.run([JWTCHECK, "authz", "--config", self.config, "--listen", taken],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 3, out.stdout + out.stderr)
        self.assertIn(f"cannot listen on {taken}", out.stdout + out.stderr)
        self.assertEqual(self.check("GET", "/healthz")[0], 200, "the first service still answers")

    def test_sighup_reload_refuses_bad_config_and_applies_good_one(self):
        with open(self.config) as f:
            good = f.read()
        try:
            self.write_config(good + "\n[[route]]\npath = 42\n")
            os.kill(self.authz.process.proc.pid, signal.SIGHUP)
            fx.wait_until("reload refused", lambda: any(e["event"] == "reload_refused" for e in self.authz.events()))
            refused = [e for e in self.authz.events() if e["event"] == "reload_refused"][-1]
            self.assertIn('key "path"', refused["error"])
            self.assertIn(self.config, refused["error"])
            self.assertEqual(self.check("GET", "/check/api/x", self.reader)[0], 200, "the old config still serves")

            self.write_config(good.replace('scopes = ["read:things"]', 'scopes = ["admin"]'))
            os.kill(self.authz.process.proc.pid, signal.SIGHUP)
            fx.wait_until("reloaded", lambda: any(e["event"] == "reloaded" for e in self.authz.events()))
            fx.wait_until("new keys", lambda: fx.request(self.authz.admin_port, "GET", "/readyz")[0] == 200)
            status, headers, _ = self.check("GET", "/check/api/x", self.reader)
            self.assertEqual(status, 403)
            self.assertIn('scope="admin"', headers["www-authenticate"])
        finally:
            self.write_config(good)
            os.kill(self.authz.process.proc.pid, signal.SIGHUP)
            fx.wait_until("restored", lambda: sum(e["event"] == "reloaded" for e in self.authz.events()) >= 2)
            fx.wait_until("ready again", lambda: fx.request(self.authz.admin_port, "GET", "/readyz")[0] == 200)


class LifecycleTest(unittest.TestCase):
    def test_readyz_is_503_until_keys_and_sigterm_exits_0(self):
        workdir = fx.new_workdir()
        # A JWKS URL nobody answers: the service listens at once, and is not ready.
        dead_port = fx.free_port()
        config = os.path.join(workdir, "authz.toml")
        with open(config, "w") as f:
            f.write(f"""
[[issuer]]
issuer = "https://nobody.example/"
audiences = ["api"]
jwks_url = "https://127.0.0.1:{dead_port}/jwks.json"

[[route]]
path = "/**"
""")
        authz = fx.Authz(JWTCHECK, config)
        status, _, body = fx.request(authz.port, "GET", "/readyz")
        self.assertEqual(status, 503)
        self.assertIn("https://nobody.example/", json.loads(body)["description"])
        self.assertEqual(fx.request(authz.port, "GET", "/healthz")[0], 200)
        self.assertEqual(authz.stop(), 0)
        self.assertTrue(any(e["event"] == "stopped" for e in authz.events()))


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
