#!/usr/bin/python3
"""`jwtcheck authz`'s HTTP layer, on raw sockets: the header limit (431) and body limit (413),
HEAD, HTTP/1.0 closing, the idle keep-alive timeout, the connection cap (503 and close), and the
graceful stop (a request under way at SIGTERM is answered, then the service exits 0).

Usage: transport_test.py JWTCHECK SOURCE_ROOT"""
import os
import signal
import socket
import sys
import time
import unittest

import authz_fixture as fx

JWTCHECK = SOURCE_ROOT = None
IDLE_TIMEOUT = 5  # seconds, the service's keep-alive idle timeout


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=15)


_pending = {}  # bytes received past the answer read so far, per socket (pipelining)


def read_whole(sock, head_only=False):
    """(status line, headers as a dict with lower-case names, body bytes): one answer, its body
    read to its Content-Length (none after HEAD); bytes past it are kept for the next call."""
    data = _pending.pop(sock.fileno(), b"")
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed before a whole header: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = 0 if head_only else int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    body, extra = rest[:length], rest[length:]
    if extra:
        _pending[sock.fileno()] = extra
    return lines[0], headers, body if not head_only else extra


def closed_by_peer(sock):
    """True when the service closed the connection (EOF or reset) before the socket timeout."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


class TransportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = fx.new_workdir()
        cls.tenant = fx.Tenant(JWTCHECK, cls.workdir)
        cls.config = os.path.join(cls.workdir, "authz.toml")
        with open(cls.config, "w") as f:
            f.write(fx.config_text(cls.tenant))
        cls.authz = fx.Authz(JWTCHECK, cls.config, ["--max-connections", "3", "--threads", "2"])
        cls.authz.wait_ready()
        cls.reader = cls.tenant.mint("--scope", "read:things")

    @classmethod
    def tearDownClass(cls):
        cls.authz.stop()
        cls.tenant.stop()

    def check_request(self, method="GET", extra=""):
        return (f"{method} /check HTTP/1.1\r\nHost: authz\r\nAuthorization: Bearer {self.reader}\r\n"
                f"X-Forwarded-Method: GET\r\nX-Forwarded-Uri: /api/things\r\n{extra}\r\n").encode()

    def test_header_block_over_8_kib_is_431_and_closed(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request(extra="X-Padding: " + "a" * 9000 + "\r\n"))
            status, headers, body = read_whole(s)
            self.assertEqual(status, "HTTP/1.1 431 Request Header Fields Too Large")
            self.assertEqual(headers.get("connection"), "close")
            self.assertIn(b"header_too_large", body)
            self.assertTrue(closed_by_peer(s))

    def test_header_block_under_8_kib_is_served(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request(extra="X-Padding: " + "a" * 6000 + "\r\n"))
            status, _, _ = read_whole(s)
            self.assertEqual(status, "HTTP/1.1 200 OK")

    def test_body_over_1_kib_is_413_and_closed(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request("POST", "Content-Length: 2048\r\n") + b"x" * 2048)
            status, _, body = read_whole(s)
            self.assertEqual(status, "HTTP/1.1 413 Payload Too Large")
            self.assertIn(b"body_too_large", body)
            self.assertTrue(closed_by_peer(s))
        # A small body is read and ignored: the check is answered from the headers.
        with connect(self.authz.port) as s:
            s.sendall(self.check_request("POST", "Content-Length: 10\r\n") + b"x" * 10)
            self.assertEqual(read_whole(s)[0], "HTTP/1.1 200 OK")

    def test_malformed_request_is_400(self):
        with connect(self.authz.port) as s:
            s.sendall(b"GET /check HTTP/1.1\r\nNo colon here\r\n\r\n")
            status, _, _ = read_whole(s)
            self.assertEqual(status, "HTTP/1.1 400 Bad Request")
            self.assertTrue(closed_by_peer(s))

    def test_head_has_length_no_body_and_keeps_the_connection(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request("HEAD"))
            status, headers, rest = read_whole(s, head_only=True)
            self.assertEqual(status, "HTTP/1.1 200 OK")
            self.assertGreater(int(headers["content-length"]), 0)
            self.assertEqual(headers["x-jwtcheck-scope"], "read:things")
            self.assertEqual(rest, b"")
            # Had a body followed the HEAD answer, this GET's answer would not start the stream.
            s.sendall(self.check_request())
            status, _, body = read_whole(s)
            self.assertEqual(status, "HTTP/1.1 200 OK")
            self.assertIn(b"allowed", body)

    def test_http10_is_answered_in_10_and_closed(self):
        with connect(self.authz.port) as s:
            s.sendall(b"GET /check HTTP/1.0\r\nAuthorization: Bearer " + self.reader.encode() +
                      b"\r\nX-Original-Method: GET\r\nX-Original-URI: /api/x\r\n\r\n")
            status, headers, body = read_whole(s)
            self.assertEqual(status, "HTTP/1.0 200 OK")
            self.assertNotEqual(headers.get("connection", "").lower(), "keep-alive")
            self.assertIn(b"allowed", body)
            self.assertTrue(closed_by_peer(s))

    def test_http11_pipelined_requests_are_answered_in_order(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request() + b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            self.assertIn(b"allowed", read_whole(s)[2])
            self.assertIn(b"alive", read_whole(s)[2])

    def test_idle_keep_alive_connection_is_closed_after_the_timeout(self):
        with connect(self.authz.port) as s:
            s.sendall(self.check_request())
            self.assertEqual(read_whole(s)[0], "HTTP/1.1 200 OK")
            started = time.monotonic()
            self.assertTrue(closed_by_peer(s))
            waited = time.monotonic() - started
            self.assertGreater(waited, IDLE_TIMEOUT - 1)
            self.assertLess(waited, IDLE_TIMEOUT + 4)
        with connect(self.authz.port) as s:  # a connection that never sends a byte, too
            started = time.monotonic()
            self.assertTrue(closed_by_peer(s))
            self.assertLess(time.monotonic() - started, IDLE_TIMEOUT + 4)

    def test_connections_past_the_cap_get_503_and_close(self):
        # --max-connections 3: three open keep-alive connections, each seen answered (the service
        # may not have seen the earlier tests' connections close yet: those take a 503 and retry).
        held = []

        def hold_one():
            s = connect(self.authz.port)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            if read_whole(s)[0] == "HTTP/1.1 200 OK":
                held.append(s)
                return True
            s.close()
            return False

        try:
            for _ in range(3):
                fx.wait_until("a connection held", hold_one)
            with connect(self.authz.port) as s:
                status, headers, body = read_whole(s)
                self.assertEqual(status, "HTTP/1.1 503 Service Unavailable")
                self.assertEqual(headers.get("connection"), "close")
                self.assertIn(b"too many connections", body)
                self.assertTrue(closed_by_peer(s))
        finally:
            for s in held:
                s.close()
        # The held ones closed: the service takes connections again (once it has seen them close).
        fx.wait_until("a connection slot free", lambda: fx.request(self.authz.port, "GET", "/healthz")[0] == 200)


class GracefulStopTest(unittest.TestCase):
    def start_authz(self, threads):
        """A tenant of its own and the authz service in front of it with `threads` I/O threads,
        both stopped when the test ends (the service first); the tenant and the service."""
        workdir = fx.new_workdir()
        tenant = fx.Tenant(JWTCHECK, workdir)
        self.addCleanup(tenant.stop)
        config = os.path.join(workdir, "authz.toml")
        with open(config, "w") as f:
            f.write(fx.config_text(tenant))
        authz = fx.Authz(JWTCHECK, config, ["--threads", str(threads)])
        self.addCleanup(authz.stop)
        authz.wait_ready()
        return tenant, authz

    def test_request_under_way_at_sigterm_is_answered_then_exit_0(self):
        # One I/O thread: every request is handled on the blocking pool, its answer sent back.
        tenant, authz = self.start_authz(threads=1)
        token = tenant.mint("--scope", "read:things")
        busy = connect(authz.port)
        self.addCleanup(busy.close)
        idle = connect(authz.port)
        self.addCleanup(idle.close)
        for s in (busy, idle):  # both accepted and served once
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            self.assertEqual(read_whole(s)[0], "HTTP/1.1 200 OK")
        # Half a request: the service has begun reading it when the signal comes.
        busy.sendall(b"GET /check HTTP/1.1\r\nHost: a\r\nX-Forwarded-Method: GET\r\n")
        os.kill(authz.process.proc.pid, signal.SIGTERM)
        fx.wait_until("the listener closed", lambda: not fx.port_open(authz.port))
        self.assertTrue(closed_by_peer(idle))  # the idle keep-alive connection is closed
        busy.sendall(b"X-Forwarded-Uri: /api/x\r\nAuthorization: Bearer " + token.encode() + b"\r\n\r\n")
        status, headers, body = read_whole(busy)
        self.assertEqual(status, "HTTP/1.1 200 OK")
        self.assertEqual(headers.get("connection"), "close")
        self.assertIn(b"allowed", body)
        self.assertEqual(authz.process.proc.wait(timeout=10), 0)
        self.assertTrue(any(e["event"] == "stopped" for e in authz.events()))

    def test_sigterm_while_many_connections_close_exits_0(self):
        # Sessions ending on several threads while the stop walks them (a deadlock once).
        _, authz = self.start_authz(threads=8)
        conns = [connect(authz.port) for _ in range(64)]
        for s in conns:
            self.addCleanup(s.close)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        for s in conns:
            self.assertEqual(read_whole(s)[0], "HTTP/1.1 200 OK")
        for s in conns[:32]:
            s.close()
        os.kill(authz.process.proc.pid, signal.SIGTERM)
        for s in conns[32:]:
            s.close()
        self.assertEqual(authz.process.proc.wait(timeout=15), 0)


if __name__ == "__main__":
    JWTCHECK, SOURCE_ROOT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
