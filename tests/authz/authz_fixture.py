"""Real parts for the `jwtcheck authz` tests, each started on its own loopback port and stopped by
its PID: the local HTTPS tenant (`jwtcheck serve`), tokens (`jwtcheck mint`), an upstream that
echoes the headers it received, the authz service, nginx and Caddy."""
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

STARTUP_SECONDS = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what, predicate, seconds=STARTUP_SECONDS):
    """Polls an outside process (a port, an endpoint) until it answers; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what}: not ready within {seconds} s")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def request(port, method, path, headers=None, version11=True):
    """(status, headers as a dict with lower-case names, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    if not version11:
        conn._http_vsn, conn._http_vsn_str = 10, "HTTP/1.0"
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode()
    result = (response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    conn.close()
    return result


class Process:
    """A child process, stopped by its PID (SIGTERM, then SIGKILL after 10 s)."""

    def __init__(self, args, **kwargs):
        self.args = args
        self.proc = subprocess.Popen(args, **kwargs)

    def wait_port(self, what, port, log_path):
        """Until something listens on `port`; fails at once, with the log, if the process exits."""
        def listening():
            if self.proc.poll() is not None:
                with open(log_path) as f:
                    raise AssertionError(f"{what} exited with {self.proc.returncode}: {f.read()[-2000:]}")
            return port_open(port)
        wait_until(what, listening)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


class Tenant:
    """`jwtcheck serve`: its issuer, audience, CA, and `jwtcheck mint` with its key."""

    def __init__(self, jwtcheck, workdir):
        self.jwtcheck = jwtcheck
        self.state_dir = os.path.join(workdir, "tenant")
        os.makedirs(self.state_dir)
        self.process = Process([jwtcheck, "serve", "--json", "--state-dir", self.state_dir],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.info = json.loads(self.process.proc.stdout.readline())
        self.issuer = self.info["issuer"]
        self.domain = self.info["domain"]
        self.audience = self.info["audience"]
        self.ca_cert = self.info["ca_cert"]
        with open(os.path.join(self.state_dir, "mint.json")) as f:
            self.kid = json.load(f)["kid"]
        self.other_key = os.path.join(workdir, "other-key.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                        "-out", self.other_key], check=True, capture_output=True)

    def mint(self, *args):
        out = subprocess.run([self.jwtcheck, "mint", "--tenant-dir", self.state_dir, *args],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def forged(self, *args):
        """Same issuer, audience and kid as the tenant's, signed by another RSA key."""
        out = subprocess.run([self.jwtcheck, "mint", "--key-file", self.other_key, "--alg", "RS256",
                              "--kid", self.kid, "--issuer", self.issuer, "--audience", self.audience, *args],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def stop(self):
        self.process.stop()
        self.process.proc.stdout.close()


class EchoUpstream:
    """The API behind the gateway: answers 200 with the request's method, path and headers."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                body = json.dumps({"method": self.command, "path": self.path,
                                   "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Authz:
    """`jwtcheck authz --config FILE --listen 127.0.0.1:0`; its port from its "listening" log line."""

    def __init__(self, jwtcheck, config_path, extra=()):
        self.log_path = config_path + ".log"
        self.log = open(self.log_path, "w+")
        self.process = Process([jwtcheck, "authz", "--config", config_path, "--listen", "127.0.0.1:0", *extra],
                               stdout=subprocess.DEVNULL, stderr=self.log)
        self.port = None
        self.admin_port = None

        def listening():
            for event in self.events():
                if event.get("event") == "listening":
                    self.port = int(event["listen"].rsplit(":", 1)[1])
                    if "admin_listen" in event:
                        self.admin_port = int(event["admin_listen"].rsplit(":", 1)[1])
                    return True
            if self.process.proc.poll() is not None:
                raise AssertionError("jwtcheck authz exited: " + open(self.log_path).read())
            return False

        wait_until("jwtcheck authz listening", listening)

    def events(self):
        with open(self.log_path) as f:
            return [json.loads(line) for line in f if line.startswith("{")]

    def wait_ready(self):
        wait_until("jwtcheck authz /readyz", lambda: request(self.admin_port or self.port, "GET", "/readyz")[0] == 200)

    def stop(self):
        code = self.process.stop()
        self.log.close()
        return code


def config_text(tenant, extra_routes=""):
    """The authz config the gateway tests use: the local tenant, a read and a write route."""
    return f"""
[service]
realm = "api"

[[issuer]]
issuer = "{tenant.issuer}"
audiences = ["{tenant.audience}"]
tenant = "{tenant.domain}"
cacert = "{tenant.ca_cert}"

{extra_routes}
[[route]]
name = "read"
methods = ["GET", "HEAD"]
path = "/api/**"
scopes = ["read:things"]

[[route]]
name = "write"
methods = ["POST", "PUT", "DELETE"]
path = "/api/**"
scopes = ["write:things"]
"""


def require_program(name):
    path = shutil.which(name) or (f"/usr/sbin/{name}" if os.path.exists(f"/usr/sbin/{name}") else None)
    if path is None:
        raise AssertionError(f"{name} is not installed: run tools/install-deps.sh (this test never skips)")
    return path


def new_workdir():
    return tempfile.mkdtemp(prefix="jwtcheck-authz-")
