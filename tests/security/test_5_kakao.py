"""Finding 5: KakaoTalk was open by default and userRequest.callbackUrl accepted any URL, so a
forged skill request made the server POST to an address of the attacker's choice."""

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sec import HERE, KAKAO_SECRET, ROOT, answers, free_port, kakao_request, request


class Catcher(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        self.server.hits.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def catchers():
    servers = []
    for _ in range(2):
        server = http.server.HTTPServer(("127.0.0.1", 0), Catcher)
        server.hits = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield servers
    for server in servers:
        server.shutdown()


@pytest.fixture
def kakao_door(catchers, tmp_path):
    """The door alone, with one catcher allowed explicitly (as tests may) and the other not."""
    allowed, _ = catchers
    port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        KAKAO_REPLY_BUDGET="0.1",
        KAKAO_SKILL_SECRET=KAKAO_SECRET,
        KAKAO_BOT_ID="",
        KAKAO_CALLBACK_HOSTS=f"bot-api.kakao.com http://127.0.0.1:{allowed.server_port}",
        VAR_DIR=str(tmp_path),
        RASA_TELEMETRY_ENABLED="false",
    )
    log = open(tmp_path / "harness.log", "w")
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "kakao_harness.py"), str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/webhooks/kakao/webhook"
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not answers(url.replace("/webhook", "/")):
            assert proc.poll() is None, (tmp_path / "harness.log").read_text()
            time.sleep(0.3)
        yield url
    finally:  # also when it never came up: no server left behind
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()


def _send(url, callback, user="cb-user"):
    return request(
        url,
        kakao_request("환급금 언제 들어와요?", user=user, callback=callback, bot_id="any"),
        {"X-Skill-Secret": KAKAO_SECRET},
    )


def test_a_forged_callback_url_gets_no_request(kakao_door, catchers):
    allowed, forbidden = catchers
    port = forbidden.server_port
    for n, callback in enumerate(
        [
            f"http://127.0.0.1:{port}/steal",
            f"https://127.0.0.1:{port}/steal",
            f"http://bot-api.kakao.com@127.0.0.1:{port}/steal",
            f"https://bot-api.kakao.com@127.0.0.1:{port}/steal",
            f"http://127.0.0.1:{port}#@bot-api.kakao.com/",
            f"ftp://127.0.0.1:{port}/steal",
        ]
    ):
        r = _send(kakao_door, callback, user=f"cb-{n}")
        assert r.status == 200 and r.json.get("useCallback") is not True, (callback, r.text)
    time.sleep(2.0)  # a callback would have been posted by now (the turn takes 0.5 s)
    assert forbidden.hits == []


def test_an_allowed_callback_is_used_once(kakao_door, catchers):
    allowed, _ = catchers
    r = _send(kakao_door, f"http://127.0.0.1:{allowed.server_port}/callback/ok", user="cb-ok")
    assert r.json.get("useCallback") is True
    deadline = time.time() + 10
    while not allowed.hits and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    assert allowed.hits == ["/callback/ok"]


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://bot-api.kakao.com/v1/callback/abc", True),
        ("https://BOT-API.kakao.com/v1/callback/abc", True),
        ("http://bot-api.kakao.com/v1/callback/abc", False),  # not https
        ("https://bot-api.kakao.com.evil.example/cb", False),
        ("https://evil.example/?bot-api.kakao.com", False),
        ("https://user:pw@bot-api.kakao.com/cb", False),
        ("https://bot-api.kakao.com:8443/cb", False),
        ("javascript:alert(1)", False),
        ("", False),
        (None, False),
        (["https://bot-api.kakao.com/"], False),
    ],
)
def test_callback_hosts_are_an_https_allow_list(url, ok):
    from connectors.kakao import callback_allowed

    assert callback_allowed(url, ("bot-api.kakao.com",)) is ok


def test_without_the_skill_secret_the_door_says_nothing(sec_stack, rejected):
    for headers in ({}, {"X-Skill-Secret": "wrong"}, {"X-Skill-Secret": KAKAO_SECRET + "x"}):
        r = sec_stack.post(
            "/webhooks/kakao/webhook", kakao_request("제 환급금 언제 들어와요?", user="sec-nosecret"), headers
        )
        assert r.status == 403, r.text
        r = sec_stack.post("/webhooks/kakao/webhook", b"{broken", headers)
        assert r.status == 403, r.text  # not even whether the body parsed
    rejected.add("sec-nosecret")
    rejected.add("kakao:sec-nosecret")


def _run_prod(tmp: Path, **env_changes):
    env = dict(
        os.environ,
        RUN_DIR=str(tmp / "run"),
        RASA_PORT=str(free_port()),
        ACTION_PORT=str(free_port()),
        REPLICA_BASE_PORT=str(free_port()),
        SUBSCRIBER_DB="kt_sec_never",
        TRACKER_DB="kt_sec_never_t",
        SKIP_SEED="1",
        VAR_DIR=str(tmp / "var"),
        RASA_TELEMETRY_ENABLED="false",
        KAKAO_SKILL_SECRET="k" * 40,
        REST_CHANNEL_TOKEN="r" * 40,
    )
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "run_prod.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=30)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
        return None, out  # still running after 30 s: it started


@pytest.mark.parametrize("missing", ["KAKAO_SKILL_SECRET", "REST_CHANNEL_TOKEN"])
def test_the_production_profile_does_not_start_without_the_callers_secrets(tmp_path, missing):
    code, out = _run_prod(tmp_path, **{missing: None})
    assert code not in (None, 0), out[-2000:]
    assert missing in out


def test_the_door_itself_refuses_production_without_the_secret(tmp_path):
    code = (
        "import settings; settings.reset()\n"
        "from connectors.kakao import KakaoInput\n"
        "try:\n    KakaoInput.from_credentials(None)\nexcept Exception as e:\n    print('refused', type(e).__name__)\n"
        "else:\n    print('started')\n"
    )
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), BOT_PROFILE="prod", KAKAO_SKILL_SECRET="", VAR_DIR=str(tmp_path)
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert "refused" in out.stdout, out.stdout + out.stderr[-2000:]
