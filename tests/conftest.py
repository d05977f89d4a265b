"""Shared fixtures: the subscriber database on SQLite and (when reachable) PostgreSQL."""
import os
import socket as _socket
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from subscriber_db import SubscriberRepository, make_engine

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


def skip_unless_required(reason: str, flag: str = "REQUIRE_POSTGRES") -> None:
    """Skip with a visible reason; where CI requires the service (flag=1), fail instead."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}")
    pytest.skip(reason)


def reachable(port: int, host: str = "127.0.0.1") -> bool:
    with _socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


def _postgres_reason():
    try:
        engine = create_engine(PG_ADMIN_URL, future=True, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "not reachable here"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def postgres_admin():
    reason = _postgres_reason()
    if reason:
        skip_unless_required(reason)
    engine = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'subscribers.sqlite3'}"


@pytest.fixture
def postgres_url(postgres_admin):
    """A fresh database for one test, dropped afterwards."""
    name = f"kt_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with postgres_admin.connect() as conn:
        conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
        ), {"n": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request):
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def repo(engine):
    r = SubscriberRepository(engine)
    r.create_schema()
    return r


AFTER_PROGRAM = date(2026, 11, 25)


# -- the running stack (real Rasa with the trained model, real action server) -------------
import json as _json
import signal as _signal
import subprocess as _subprocess
import time as _time
import urllib.request as _request
import urllib.error as _error
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    with _socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ACTION_TOKEN = "test-action-server-token-0123456789abcdef"
RASA_JWT_SECRET = "test-rasa-jwt-secret-0123456789abcdef012"
WEB_SESSION_SECRET = "test-web-session-secret-0123456789abcdef"


def api_headers(secret: str = RASA_JWT_SECRET) -> dict:
    """Authorization for Rasa's HTTP API: a short-lived admin JWT in the header."""
    from auth.api_token import issue

    return {"Authorization": "Bearer " + issue(secret, "tests", hours=1)}


class Stack:
    def __init__(self, url: str, banner: str, tmp: Path, action_port: int = 0, subscriber_db: str = None):
        self.url, self.banner, self.tmp = url, banner, tmp
        self.action_url = f"http://127.0.0.1:{action_port}"
        self.tracker_db = tmp / "tracker.sqlite3"
        self.subscriber_db = subscriber_db or f"sqlite:///{tmp / 'subscribers.sqlite3'}"

    def web_session(self) -> str:
        """A web chat conversation id, issued by the server as the widget gets one."""
        status, body = self.post("/webhooks/web/session", {})
        assert status == 200, body
        return body["session"]

    def tracker(self, sender: str) -> dict:
        req = _request.Request(f"{self.url}/conversations/{sender}/tracker", headers=api_headers())
        with _request.urlopen(req, timeout=30) as resp:
            return _json.loads(resp.read())

    def say(self, sender: str, text: str, metadata=None):
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        req = _request.Request(self.url + "/webhooks/rest/webhook", data=_json.dumps(body).encode(),
                               headers={"Content-Type": "application/json"})
        with _request.urlopen(req, timeout=60) as resp:
            return _json.loads(resp.read())

    def text(self, sender: str, text: str) -> str:
        return "\n".join(r.get("text", "") for r in self.say(sender, text))

    def post(self, path: str, body, headers=None, timeout: float = 60):
        """(status, parsed JSON body) of a POST to the Rasa server; body bytes are sent as they are."""
        data = body if isinstance(body, bytes) else _json.dumps(body).encode()
        req = _request.Request(self.url + path, data=data,
                               headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with _request.urlopen(req, timeout=timeout) as resp:
                return resp.status, _json.loads(resp.read())
        except _error.HTTPError as e:
            return e.code, _json.loads(e.read() or b"null")

    def get(self, path: str):
        with _request.urlopen(self.url + path, timeout=30) as resp:
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
        f'  db: "{tmp / "tracker.sqlite3"}"\n', encoding="utf-8")
    db_url = db_url or f"sqlite:///{tmp / 'subscribers.sqlite3'}"
    write_csv(tmp / "demo.csv", crowd=50)
    engine = make_engine(db_url)
    assert import_csv(tmp / "demo.csv", engine).ok
    engine.dispose()
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), ENDPOINTS=str(endpoints),
               LOG_DIR=str(tmp / "log"), BOT_TODAY=today, DATABASE_URL=db_url, RASA_TELEMETRY_ENABLED="false",
               BOT_SEAL_KEY="test-seal-key", ACTION_SERVER_TOKEN=ACTION_TOKEN, RASA_JWT_SECRET=RASA_JWT_SECRET,
               WEB_SESSION_SECRET=WEB_SESSION_SECRET, **(extra_env or {}))
    proc = _subprocess.Popen([str(ROOT / "scripts" / "run_stack.sh")], cwd=ROOT, env=env,
                             stdout=_subprocess.PIPE, stderr=_subprocess.STDOUT, text=True, start_new_session=True)
    banner = []
    try:
        deadline = _time.time() + 240
        for line in proc.stdout:
            banner.append(line)
            if "Ctrl-C" in line or _time.time() > deadline:
                break
        if proc.poll() is not None or "Ctrl-C" not in "".join(banner):
            pytest.fail("stack did not start:\n" + "".join(banner))
        yield Stack(f"http://127.0.0.1:{rasa_port}", "".join(banner), tmp, action_port, db_url)
    finally:
        os.killpg(proc.pid, _signal.SIGTERM)
        proc.wait(timeout=30)


# -- the stack behind the channel and browser tests: all three doors configured ------------------
AGENT_SECRET = "channel-test-agent-secret-32-bytes-long"
BOT_ID = "5f0c1a2b3c4d5e6f7a8b9c0d"
SKILL_SECRET = "skill-header-secret"


def bearer(agent="agent07", hours=1.0, now=None):
    from connectors.agent_auth import issue_token

    return {"Authorization": "Bearer " + issue_token(agent, AGENT_SECRET, hours, now)}


@pytest.fixture(scope="session")
def channel_stack(tmp_path_factory):
    env = {"AGENT_JWT_SECRET": AGENT_SECRET, "KAKAO_BOT_ID": BOT_ID, "KAKAO_SKILL_SECRET": SKILL_SECRET}
    with running_stack(tmp_path_factory.mktemp("channels"), "2026-01-20", env) as s:
        yield s
