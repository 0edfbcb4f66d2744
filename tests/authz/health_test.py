#!/usr/bin/python3
"""`jwtcheck authz` readiness and counters, on real processes: /readyz answers from the issuers' own
health (the IssuerSet's, as /metrics exports it) and names the issuers that cannot verify; per-issuer
counters continue across a SIGHUP reload (kept issuers), disappear (removed ones) or start at 0 (new
ones), and a check under way during the reload is counted once it ends; tokens naming an issuer
that is not configured are counted in /metrics as such.

Usage: health_test.py JWTCHECK SOURCE_ROOT"""
import json
import os
import re
import signal
import socket
import ssl
import sys
import threading
import unittest
import urllib.request

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None

HEALTH = re.compile(r'^jwtcheck_issuer_health\{issuer="([^"]*)",state="([a-z]+)"\} 1$', re.M)


class Relay:
    """A TCP relay from a port of its own to the tenant's: the JWKS "server" of an issuer, down
    (nothing listening) until start()."""

    def __init__(self, target_port):
        self.port = fx.free_port()
        self.target_port = target_port
        self.listener = None
        self.gate = threading.Event()  # cleared: connections are accepted and held, not relayed
        self.gate.set()
        self.held = 0
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client):
        if not self.gate.is_set():
            with self.lock:
                self.held += 1
            self.gate.wait()
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def held_connections(self):
        with self.lock:
            return self.held

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self):
        if self.listener is not None:
            self.listener.close()


def metrics(authz):
    status, _, body = fx.request(authz.admin_port or authz.port, "GET", "/metrics")
    assert status == 200, status
    return body


def readyz(authz):
    status, _, body = fx.request(authz.admin_port or authz.port, "GET", "/readyz")
    return status, json.loads(body)


def sample(text, name, **labels):
    """The value of the one sample of `name` with exactly these labels (in any order), or None."""
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', line[len(name):line.rindex("}") + 1]))
        if found == labels:
            return int(float(line.rsplit(" ", 1)[1]))
    return None


class HealthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = fx.new_workdir()
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        # The tenant's JWKS as a file, for issuers whose keys are fixed (always ready).
        context = ssl.create_default_context(cafile=cls.tenant.ca_cert)
        with urllib.request.urlopen(cls.tenant.info["jwks_url"], context=context, timeout=10) as response:
            cls.jwks_file = os.path.join(cls.workdir, "jwks.json")
            with open(cls.jwks_file, "wb") as f:
                f.write(response.read())

    @classmethod
    def tearDownClass(cls):
        cls.tenant.stop()

    def issuer_block(self, issuer, keys):
        return f'[[issuer]]\nissuer = "{issuer}"\naudiences = ["{self.tenant.audience}"]\n{keys}\n\n'

    def file_issuer(self, issuer):
        return self.issuer_block(issuer, f'jwks_file = "{self.jwks_file}"')

    def start(self, name, issuers):
        config = os.path.join(self.workdir, name + ".toml")
        with open(config, "w") as f:
            f.write(issuers + '[[route]]\npath = "/**"\n')
        authz = fx.Authz(JWTCHECK, config, ["--admin-listen", "127.0.0.1:0"])
        self.addCleanup(authz.stop)
        return authz, config

    def check(self, authz, token):
        return fx.request(authz.port, "GET", "/check/api/x", {"Authorization": "Bearer " + token})

    def assert_readyz_agrees_with_metrics(self, authz):
        status, body = readyz(authz)
        from_readyz = {i["issuer"]: i["health"] for i in body["issuers"]}
        from_metrics = dict(HEALTH.findall(metrics(authz)))
        self.assertEqual(from_readyz, from_metrics)
        self.assertEqual(status == 200, all(h != "failed" for h in from_metrics.values()), body)
        return status, body

    def test_readyz_names_the_issuer_whose_jwks_is_down_until_its_keys_load(self):
        relay = Relay(int(self.tenant.domain.rsplit(":", 1)[1]))
        self.addCleanup(relay.stop)
        remote = self.issuer_block(self.tenant.issuer, f'jwks_url = "https://127.0.0.1:{relay.port}/.well-known/jwks.json"\n'
                                                       f'cacert = "{self.tenant.ca_cert}"\nrefetch_cooldown_seconds = 1')
        fixed = "https://fixed.example/"
        authz, _ = self.start("down", self.file_issuer(fixed) + remote)
        token = self.tenant.mint("--scope", "read:things")
        self.assertEqual(self.check(authz, token)[0], 503, "no keys yet: retryable")

        status, body = self.assert_readyz_agrees_with_metrics(authz)
        self.assertEqual(status, 503, body)
        self.assertEqual(body["status"], "not_ready")
        self.assertEqual(body["reason"], "issuer_not_ready")
        self.assertIn(self.tenant.issuer + ": no usable keys", body["description"])
        self.assertNotIn(fixed, body["description"], "the issuer with keys is not named")
        self.assertEqual({i["issuer"]: i["health"] for i in body["issuers"]},
                         {fixed: "ready", self.tenant.issuer: "failed"})
        text = json.dumps(body)
        for part in token.split("."):
            self.assertNotIn(part, text)
        self.assertNotIn(self.tenant.info["client_secret"], text)

        relay.start()  # the JWKS server comes up: the next retry (1 s cooldown) loads the keys
        fx.wait_until("/readyz 200 once the keys load", lambda: readyz(authz)[0] == 200)
        status, body = self.assert_readyz_agrees_with_metrics(authz)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["status"], "ready")
        self.assertNotIn("reason", body)
        self.assertEqual(self.check(authz, token)[0], 200)

    def test_counters_continue_across_a_sighup_reload(self):
        kept, removed, added, stranger = ("https://kept.example/", "https://removed.example/",
                                          "https://added.example/", "https://stranger.example/")
        authz, config = self.start("reload", self.file_issuer(kept) + self.file_issuer(removed))
        authz.wait_ready()
        kept_token = self.tenant.mint("--issuer", kept)
        expired = self.tenant.mint("--issuer", kept, "--expires-in", "-600")
        for _ in range(3):
            self.assertEqual(self.check(authz, kept_token)[0], 200)
        self.assertEqual(self.check(authz, expired)[0], 401)
        self.assertEqual(self.check(authz, self.tenant.mint("--issuer", removed))[0], 200)
        self.assertEqual(self.check(authz, self.tenant.mint("--issuer", stranger))[0], 401)
        before = metrics(authz)
        self.assertEqual(sample(before, "jwtcheck_verifications_total", issuer=kept, result="accepted"), 3)
        self.assertEqual(sample(before, "jwtcheck_verifications_total", issuer=kept, result="refused", reason="expired"), 1)
        self.assertEqual(sample(before, "jwtcheck_verifications_total", issuer=removed, result="accepted"), 1)
        self.assertEqual(sample(before, "jwtcheck_verifications_total", issuer="", result="refused",
                                reason="unknown_issuer"), 1)

        with open(config, "w") as f:
            f.write(self.file_issuer(kept) + self.file_issuer(added) + '[[route]]\npath = "/**"\n')
        os.kill(authz.process.proc.pid, signal.SIGHUP)
        fx.wait_until("reloaded", lambda: any(e["event"] == "reloaded" for e in authz.events()))
        after = metrics(authz)
        self.assertIn("jwtcheck_authz_config_reloads_total{result=\"ok\"} 1", after)
        # Kept: continues (a reset would read 0); removed: gone; added: starts at 0.
        self.assertEqual(sample(after, "jwtcheck_verifications_total", issuer=kept, result="accepted"), 3)
        self.assertEqual(sample(after, "jwtcheck_verifications_total", issuer=kept, result="refused", reason="expired"), 1)
        self.assertNotIn(f'issuer="{removed}"', after)
        self.assertEqual(sample(after, "jwtcheck_verifications_total", issuer=added, result="accepted"), 0)
        self.assertEqual(sample(after, "jwtcheck_verifications_total", issuer="", result="refused",
                                reason="unknown_issuer"), 1)
        # And they go on counting from there.
        self.assertEqual(self.check(authz, kept_token)[0], 200)
        self.assertEqual(self.check(authz, self.tenant.mint("--issuer", added))[0], 200)
        self.assertEqual(self.check(authz, self.tenant.mint("--issuer", removed))[0], 401, "no longer trusted")
        later = metrics(authz)
        self.assertEqual(sample(later, "jwtcheck_verifications_total", issuer=kept, result="accepted"), 4)
        self.assertEqual(sample(later, "jwtcheck_verifications_total", issuer=added, result="accepted"), 1)
        self.assertEqual(sample(later, "jwtcheck_verifications_total", issuer="", result="refused",
                                reason="unknown_issuer"), 2)
        self.assertNotIn(f'issuer="{removed}"', later)

    def test_a_check_under_way_during_a_reload_is_counted_once_it_ends(self):
        relay = Relay(int(self.tenant.domain.rsplit(":", 1)[1]))
        relay.start()
        self.addCleanup(relay.stop)
        self.addCleanup(relay.gate.set)
        issuer = self.tenant.issuer
        authz, config = self.start("inflight", "[service]\nmax_key_wait_ms = 10000\n\n" + self.issuer_block(
            issuer, f'jwks_url = "https://127.0.0.1:{relay.port}/.well-known/jwks.json"\n'
                    f'cacert = "{self.tenant.ca_cert}"\nrefetch_cooldown_seconds = 1'))
        authz.wait_ready()

        def refused(text):
            return sum(int(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                       if line.startswith(f'jwtcheck_verifications_total{{issuer="{issuer}",result="refused"'))

        self.assertEqual(refused(metrics(authz)), 0)
        # Past the 1 s cooldown since the first fetch, so that an unknown kid's refetch starts at
        # once and the check waits for it (max_key_wait_ms), instead of being refused as pending.
        fx.wait_until("the keys older than the cooldown",
                      lambda: sample(metrics(authz), "jwtcheck_jwks_age_seconds", issuer=issuer) >= 2)
        # A kid the JWKS lacks: the check waits for the refetch, which the relay holds.
        relay.gate.clear()
        unknown_kid = self.tenant.mint("--kid", "kid-not-in-the-jwks")
        answer = {}
        checking = threading.Thread(target=lambda: answer.update(result=self.check(authz, unknown_kid)))
        checking.start()
        fx.wait_until("the refetch is held", lambda: relay.held_connections() >= 1)
        os.kill(authz.process.proc.pid, signal.SIGHUP)
        fx.wait_until("reloaded", lambda: any(e["event"] == "reloaded" for e in authz.events()))
        self.assertTrue(checking.is_alive(), answer)
        self.assertEqual(refused(metrics(authz)), 0)
        relay.gate.set()  # the refetch brings a JWKS without the kid: refused
        checking.join(timeout=30)
        self.assertEqual(answer["result"][0], 401, answer["result"])
        # Counted by the retired issuer set, after the reload: added to the kept issuer's counters.
        self.assertEqual(refused(metrics(authz)), 1)

    def test_unknown_issuer_tokens_are_counted_in_metrics_without_a_fetch(self):
        relay = Relay(int(self.tenant.domain.rsplit(":", 1)[1]))
        relay.start()
        self.addCleanup(relay.stop)
        authz, _ = self.start("unknown", self.issuer_block(
            self.tenant.issuer, f'jwks_url = "https://127.0.0.1:{relay.port}/.well-known/jwks.json"\n'
                                f'cacert = "{self.tenant.ca_cert}"'))
        authz.wait_ready()
        fetches = sample(metrics(authz), "jwtcheck_jwks_fetches_total", issuer=self.tenant.issuer, result="ok")
        stranger = self.tenant.mint("--issuer", "https://stranger.example/", "--kid", "never-seen-kid")
        for _ in range(2):
            status, _, body = self.check(authz, stranger)
            self.assertEqual((status, json.loads(body)["reason"]), (401, "unknown_issuer"))
        status, _, body = self.check(authz, "not-a-token")
        self.assertEqual(status, 401, body)
        text = metrics(authz)
        self.assertEqual(sample(text, "jwtcheck_verifications_total", issuer="", result="refused",
                                reason="unknown_issuer"), 2)
        self.assertEqual(sample(text, "jwtcheck_verifications_total", issuer="", result="refused",
                                reason="malformed_token"), 1, "an unreadable token, before any issuer")
        self.assertEqual(sample(text, "jwtcheck_authz_requests_total", decision="deny", status="401",
                                reason="unknown_issuer"), 2, "the service's own count agrees")
        self.assertEqual(sample(text, "jwtcheck_jwks_fetches_total", issuer=self.tenant.issuer, result="ok"), fetches)
        self.assertNotIn("stranger.example", text, "the untrusted iss is not a label value")


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
