"""Issue 21, finding 6: the production nginx template served plain HTTP, had no limit_req and
left every path open. It now terminates TLS, rate-limits the web door per client address, and
lets only INTERNAL_NETWORKS reach the REST, agent and operator doors, Rasa's HTTP API and plain
HTTP. Here the template is filled the way run_prod.sh fills it, in front of a stand-in upstream
that echoes what it got, with loopback outside the internal networks (and then inside)."""

import http.server
import shutil
import signal
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from sec import ROOT, free_port, skip_unless_required


class Echo(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = f"upstream {self.path} real-ip={self.headers.get('X-Real-IP')}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@contextmanager
def nginx(tmp_path, internal):
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        skip_unless_required("nginx and openssl are needed", "REQUIRE_POSTGRES")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    run = tmp_path / f"nginx-{free_port()}"
    run.mkdir()
    cert, key = run / "cert.pem", run / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    plain, tls = free_port(), free_port()
    conf = (
        (ROOT / "deploy" / "nginx.conf.template")
        .read_text()
        .replace("@RUN_DIR@", str(run))
        .replace("@LISTEN@", f"127.0.0.1:{plain}")
        .replace("@TLS_LISTEN@", f"127.0.0.1:{tls}")
        .replace("@TLS_CERT@", str(cert))
        .replace("@TLS_KEY@", str(key))
        .replace("@INTERNAL_NETWORKS@", " ".join(f"{n} 1;" for n in internal))
        .replace("@RASA_SERVERS@", f"    server 127.0.0.1:{upstream.server_address[1]};")
    )
    (run / "nginx.conf").write_text(conf)
    proc = subprocess.Popen(
        ["nginx", "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            if call(f"https://127.0.0.1:{tls}/webhooks/web/")[0] in (200, 403, 429):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{plain}", f"https://127.0.0.1:{tls}"
    finally:
        proc.send_signal(signal.SIGQUIT)
        proc.wait(timeout=20)
        upstream.shutdown()


def call(url, body=None):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # self-signed for the test
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10, context=context) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return 0, ""


def test_outside_the_internal_networks_only_the_customers_doors_answer_over_https(tmp_path):
    with nginx(tmp_path, internal=["10.255.255.0/24"]) as (plain, tls):
        status, text = call(tls + "/webhooks/web/")
        assert status == 200 and "real-ip=127.0.0.1" in text, (status, text)
        assert call(tls + "/webhooks/kakao/webhook", b"{}")[0] == 200
        assert call(plain + "/webhooks/web/")[0] == 403  # plain HTTP from outside
        for path in (
            "/webhooks/rest/webhook",
            "/webhooks/agent/",
            "/webhooks/agent/webhook",
            "/webhooks/ops/",
            "/webhooks/ops/api/report",
            "/conversations/web:x/tracker",
            "/model/parse",
            "/version",
            "/status",
            "/",
        ):
            assert call(tls + path)[0] == 403, path


def test_new_web_conversations_are_rate_limited_per_address(tmp_path):
    with nginx(tmp_path, internal=["10.255.255.0/24"]) as (_, tls):
        statuses = [call(tls + "/webhooks/web/session", b"{}")[0] for _ in range(40)]
    assert statuses.count(429) >= 20 and statuses[0] == 200, statuses


def test_internal_networks_reach_every_path_unlimited(tmp_path):
    with nginx(tmp_path, internal=["127.0.0.1/32", "::1/128"]) as (plain, tls):
        assert call(plain + "/webhooks/rest/webhook", b"{}")[0] == 200
        assert call(tls + "/version")[0] == 200
        assert all(call(plain + "/webhooks/web/session", b"{}")[0] == 200 for _ in range(30))
