"""The running stack: `scripts/run_stack.sh` (what `make run` starts) with the trained model, on free ports."""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.services import free_port

ROOT = Path(__file__).resolve().parent.parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
AGENT_SECRET = "channel-test-agent-secret-32-bytes-long"
BOT_ID = "5f0c1a2b3c4d5e6f7a8b9c0d"
SKILL_SECRET = "skill-header-secret"
ACTION_TOKEN = "test-action-server-token-0123456789abcdef"
RASA_JWT_SECRET = "test-rasa-jwt-secret-0123456789abcdef012"
WEB_SESSION_SECRET = "test-web-session-secret-0123456789abcdef"


def api_headers(secret: str = RASA_JWT_SECRET) -> dict:
    """Authorization for Rasa's HTTP API: a short-lived admin JWT in the header."""
    from auth.api_token import issue

    return {"Authorization": "Bearer " + issue(secret, "tests", hours=1)}


def bearer(agent="agent07", hours=1.0, now=None):
    from connectors.agent_auth import issue_token

    return {"Authorization": "Bearer " + issue_token(agent, AGENT_SECRET, hours, now)}


class Stack:
    def __init__(self, url: str, log: Path, tmp: Path, action_port: int = 0, subscriber_db: str = None):
        self.url, self.log, self.tmp = url, log, tmp
        self.action_url = f"http://127.0.0.1:{action_port}"
        self.tracker_db = tmp / "tracker.sqlite3"
        self.subscriber_db = subscriber_db or f"sqlite:///{tmp / 'subscribers.sqlite3'}"

    def web_session(self) -> str:
        """A web chat conversation id, issued by the server as the widget gets one."""
        status, body = self.post("/webhooks/web/session", {})
        assert status == 200, body
        return body["session"]

    def tracker(self, sender: str) -> dict:
        req = urllib.request.Request(f"{self.url}/conversations/{sender}/tracker", headers=api_headers())
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    @property
    def banner(self) -> str:
        """What the launcher printed (the URLs follow the health checks by a moment)."""
        deadline = time.time() + 15
        while "Ctrl-C" not in self.log.read_text(encoding="utf-8") and time.time() < deadline:
            time.sleep(0.2)
        return self.log.read_text(encoding="utf-8")

    def say(self, sender: str, text: str, metadata=None):
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        req = urllib.request.Request(
            self.url + "/webhooks/rest/webhook",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read())

    def text(self, sender: str, text: str) -> str:
        return "\n".join(r.get("text", "") for r in self.say(sender, text))

    def post(self, path: str, body, headers=None, timeout: float = 60):
        """(status, parsed JSON body) of a POST to the Rasa server; body bytes are sent as they are."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        req = urllib.request.Request(
            self.url + path, data=data, headers={"Content-Type": "application/json", **(headers or {})}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def get(self, path: str):
        with urllib.request.urlopen(self.url + path, timeout=30) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")


@contextmanager
def running_stack(tmp: Path, today: str, extra_env=None, db_url: str = None):
    """`scripts/run_stack.sh` (what `make run` starts) on free ports, seeded demo database
    (SQLite in ``tmp``, or ``db_url``)."""
    from subscriber_db import make_engine
    from subscriber_db.csv_import import import_csv
    from subscriber_db.demo_data import write_csv

    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains models/current.tar.gz first)")
    rasa_port, action_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        '  headers:\n    Authorization: Bearer ${ACTION_SERVER_TOKEN}\n'
        f'tracker_store:\n  type: privacy.tracker_store.MaskingSQLTrackerStore\n  dialect: "sqlite"\n'
        f'  db: "{tmp / "tracker.sqlite3"}"\n',
        encoding="utf-8",
    )
    db_url = db_url or f"sqlite:///{tmp / 'subscribers.sqlite3'}"
    write_csv(tmp / "demo.csv", crowd=50)
    engine = make_engine(db_url)
    assert import_csv(tmp / "demo.csv", engine).ok
    engine.dispose()
    env = dict(
        os.environ,
        RASA_PORT=str(rasa_port),
        ACTION_PORT=str(action_port),
        ENDPOINTS=str(endpoints),
        LOG_DIR=str(tmp / "log"),
        BOT_TODAY=today,
        # answers speak of the application hours (09:00-22:00): a pinned hour keeps every run alike
        BOT_NOW="12:00",
        DATABASE_URL=db_url,
        RASA_TELEMETRY_ENABLED="false",
        BOT_SEAL_KEY="test-seal-key",
        ACTION_SERVER_TOKEN=ACTION_TOKEN,
        RASA_JWT_SECRET=RASA_JWT_SECRET,
        WEB_SESSION_SECRET=WEB_SESSION_SECRET,
    )
    env.update(extra_env or {})  # a test's own values win (e.g. BOT_NOW)
    log = open(tmp / "launcher.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "run_stack.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # Ready when both servers answer their health URLs (not when a banner line is printed).
        urls = (f"http://127.0.0.1:{action_port}/health", f"http://127.0.0.1:{rasa_port}/")
        deadline = time.time() + 240
        while not all(_answers(u) for u in urls):
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                pytest.fail("stack did not start:\n" + log.read()[-5000:])
            time.sleep(0.5)
        yield Stack(f"http://127.0.0.1:{rasa_port}", tmp / "launcher.log", tmp, action_port, db_url)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:  # it had already stopped (and pytest.fail above says why)
            pass
        proc.wait(timeout=30)
        log.close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False
