"""Helpers of the attack suite (tests/security): the stack under attack, requests, tokens."""

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
PG_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def skip_unless_required(reason: str, flag: str = "REQUIRE_POSTGRES") -> None:
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}")
    pytest.skip(reason)


TODAY = "2026-01-20"
ACTION_TOKEN = "sec-action-server-token-0123456789abcdef0"
RASA_JWT_SECRET = "sec-rasa-jwt-secret-0123456789abcdef0123"
WEB_SESSION_SECRET = "sec-web-session-secret-0123456789abcdef0"
AGENT_SECRET = "sec-agent-jwt-secret-0123456789abcdef0123"
SEAL_KEY = "sec-seal-key-0123456789abcdef0123456789"
REST_TOKEN = "sec-rest-channel-token-0123456789abcdef0"
KAKAO_BOT_ID = "5f0c1a2b3c4d5e6f7a8b9c0e"
KAKAO_SECRET = "sec-kakao-skill-secret-0123456789abcdef"
ALLOWED_ORIGIN = "https://www.kt.com"
# A customer born after 2015, so that full dates of such years are tested as birth dates too.
YOUNG = {
    "subscriber_id": "Y-0001",
    "name": "한아름",
    "phone": "010-2025-0099",
    "birth_date": "2016-05-05",
    "line_type": "mobile",
    "carrier": "kt",
    "status": "terminated",
    "joined_on": "2022-05-05",
    "last_contract_event": "",
    "last_contract_event_on": "",
    "terminated_on": "2025-11-20",
    "termination_type": "cancel",
    "penalty_krw": "50000",
    "installment_krw": "0",
    "refund_applied_on": "",
}


# -- the stack under attack ---------------------------------------------------------------------------
def api_headers() -> dict:
    import jwt

    now = int(time.time())
    token = jwt.encode(
        {"user": {"username": "security-suite", "role": "admin"}, "iat": now, "exp": now + 600},
        RASA_JWT_SECRET,
        algorithm="HS256",
    )
    return {"Authorization": "Bearer " + token}


def agent_token(agent="sec-agent", hours=1.0, now=None, secret=AGENT_SECRET, **extra) -> str:
    import jwt

    now = int(time.time() if now is None else now)
    claims = {"sub": agent, "iat": now, "exp": int(now + hours * 3600), "jti": uuid.uuid4().hex, **extra}
    return jwt.encode(claims, secret, algorithm="HS256")


class Response:
    def __init__(self, status, headers, raw: bytes):
        self.status, self.headers, self.raw = status, headers, raw
        self.text = raw.decode("utf-8", "replace")
        try:
            self.json = json.loads(raw) if raw else None
        except ValueError:
            self.json = None

    def texts(self) -> str:
        body = self.json
        if isinstance(body, list):
            return "\n".join(str(m.get("text", "")) for m in body if isinstance(m, dict))
        if isinstance(body, dict) and "template" in body:  # Kakao skill response: every kind of bubble
            out = []
            for o in body["template"].get("outputs", []):
                card = o.get("textCard") or o.get("itemCard") or {}
                out.append(o.get("simpleText", {}).get("text", ""))
                out.extend(str(card.get(k) or "") for k in ("title", "description"))
                out.append(str((card.get("head") or {}).get("title") or ""))
                out.extend(
                    f"{r.get('title', '')} {r.get('description', '')}" for r in card.get("itemList") or []
                )
                summary = card.get("itemListSummary") or {}
                out.append(f"{summary.get('title', '')} {summary.get('description', '')}")
            return "\n".join(t for t in out if t.strip())
        return self.text


def request(url, body=None, headers=None, method=None, timeout=60) -> Response:
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(
        url,
        data=data,
        method=method or ("POST" if data is not None else "GET"),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers), e.read() or b"")


def answers(url) -> bool:
    try:
        return request(url, timeout=2).status < 500
    except OSError:
        return False


def client_address(address: str) -> dict:
    """A request from ``address``: the stack trusts X-Real-IP from loopback (TRUSTED_PROXIES), as
    behind nginx; requests without it come from loopback, which the per-address guessing limits
    do not count (test_11_guessing.py)."""
    return {"X-Real-IP": address}


class SecStack:
    def __init__(self, tmp: Path, rasa_port: int, action_port: int, db_url: str, callback_port: int):
        self.tmp, self.rasa_port, self.action_port, self.db_url = tmp, rasa_port, action_port, db_url
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.action_url = f"http://127.0.0.1:{action_port}"
        self.log_dir = tmp / "log"
        self.tracker_db = tmp / "tracker.sqlite3"
        self.callback_port = callback_port

    def post(self, path, body, headers=None, timeout=60) -> Response:
        return request(self.url + path, body, headers, timeout=timeout)

    def get(self, path, headers=None) -> Response:
        return request(self.url + path, None, headers)

    def rest(self, sender, message, timeout=60) -> Response:
        return self.post(
            "/webhooks/rest/webhook",
            {"sender": sender, "message": message},
            {"Authorization": "Bearer " + REST_TOKEN},
            timeout,
        )

    def web_session(self) -> str:
        r = self.post("/webhooks/web/session", {})
        assert r.status == 200, r.text
        return r.json["session"]

    def web(self, session, message, timeout=60, address=None) -> Response:
        return self.post(
            "/webhooks/web/webhook",
            {"sender": session, "message": message},
            client_address(address) if address else None,
            timeout=timeout,
        )

    def kakao(
        self,
        utterance,
        user="sec-kakao-user",
        callback=None,
        secret=KAKAO_SECRET,
        bot_id=KAKAO_BOT_ID,
        timeout=60,
    ) -> Response:
        return self.post(
            "/webhooks/kakao/webhook",
            kakao_request(utterance, user, callback, bot_id),
            {"X-Skill-Secret": secret} if secret else {},
            timeout,
        )

    def agent(self, message, sender="sec-tab", token=None, timeout=60) -> Response:
        return self.post(
            "/webhooks/agent/webhook",
            {"sender": sender, "message": message},
            {"Authorization": "Bearer " + (token or agent_token())},
            timeout,
        )

    def stored(self, like: str = "%") -> list:
        """Stored events (the conversation store) of conversations whose id matches ``like``."""
        import sqlite3

        with sqlite3.connect(self.tracker_db) as conn:
            return [
                (sid, json.loads(data))
                for sid, data in conn.execute(
                    "select sender_id, data from events where sender_id like ?", (like,)
                )
            ]

    def engine(self):
        return create_engine(self.db_url, future=True)


def kakao_request(utterance, user="sec-kakao-user", callback=None, bot_id=KAKAO_BOT_ID) -> dict:
    user_request = {
        "timezone": "Asia/Seoul",
        "utterance": utterance,
        "lang": "ko",
        "user": {"id": user, "type": "botUserKey", "properties": {"botUserKey": user}},
        "block": {"id": "b1", "name": "폴백"},
        "params": {},
    }
    if callback:
        user_request["callbackUrl"] = callback
    return {
        "intent": {"id": "b1", "name": "폴백"},
        "userRequest": user_request,
        "contexts": [],
        "bot": {"id": bot_id, "name": "KT"},
        "action": {"name": "rasa", "clientExtra": None, "params": {}, "id": "a1", "detailParams": {}},
    }


def admin_engine():
    return create_engine(
        PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )


@contextmanager
def fresh_database(admin, prefix="kt_sec"):
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def seed(db_url: str, tmp: Path) -> None:
    from subscriber_db import make_engine
    from subscriber_db.csv_import import COLUMNS, import_csv
    from subscriber_db.demo_data import write_csv

    path = tmp / "demo.csv"
    write_csv(path, crowd=30)
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=COLUMNS).writerow(YOUNG)
    engine = make_engine(db_url)
    try:
        assert import_csv(path, engine).ok
    finally:
        engine.dispose()
    path.unlink()  # the extract itself is not a store the bot keeps


@contextmanager
def launched(tmp: Path, db_url: str, extra_env=None):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test` (it trains models/current.tar.gz first)")
    rasa_port, action_port, callback_port = free_port(), free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        "  headers:\n    Authorization: Bearer ${ACTION_SERVER_TOKEN}\n"
        f'tracker_store:\n  type: privacy.tracker_store.MaskingSQLTrackerStore\n  dialect: "sqlite"\n'
        f'  db: "{tmp / "tracker.sqlite3"}"\n',
        encoding="utf-8",
    )
    seed(db_url, tmp)
    env = dict(
        os.environ,
        RASA_PORT=str(rasa_port),
        ACTION_PORT=str(action_port),
        ENDPOINTS=str(endpoints),
        LOG_DIR=str(tmp / "log"),
        VAR_DIR=str(tmp / "var"),
        BOT_TODAY=TODAY,
        DATABASE_URL=db_url,
        RASA_TELEMETRY_ENABLED="false",
        BOT_SEAL_KEY=SEAL_KEY,
        ACTION_SERVER_TOKEN=ACTION_TOKEN,
        RASA_JWT_SECRET=RASA_JWT_SECRET,
        WEB_SESSION_SECRET=WEB_SESSION_SECRET,
        AGENT_JWT_SECRET=AGENT_SECRET,
        KAKAO_BOT_ID=KAKAO_BOT_ID,
        KAKAO_SKILL_SECRET=KAKAO_SECRET,
        REST_CHANNEL_TOKEN=REST_TOKEN,
        CORS_ORIGINS=ALLOWED_ORIGIN,
        KAKAO_CALLBACK_HOSTS=f"bot-api.kakao.com http://127.0.0.1:{callback_port}",
        RASA_AUTH_TOKEN="sec-old-query-token",
        TRUSTED_PROXIES="127.0.0.1",
        VERIFY_SLOW_AFTER="2",
        VERIFY_SLOW_SECONDS="120",
        VERIFY_ADDRESS_MAX_FAILURES="6",
        **(extra_env or {}),
    )
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "run_stack.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    banner = []
    try:
        deadline = time.time() + 240
        for line in proc.stdout:
            banner.append(line)
            if "Ctrl-C" in line or time.time() > deadline:
                break
        if proc.poll() is not None or "Ctrl-C" not in "".join(banner):
            pytest.fail("stack did not start:\n" + "".join(banner))
        yield SecStack(tmp, rasa_port, action_port, db_url, callback_port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def run_python(code: str, env=None, timeout=30):
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env or dict(os.environ, PYTHONPATH=str(ROOT)),
    )


# -- the scan: no full phone number, birth date or name anywhere the bot keeps things -------------------
def _fold(text: str) -> str:
    import unicodedata

    if text.isascii():
        return text
    return "".join(
        str(unicodedata.digit(c))
        if unicodedata.category(c) == "Nd"
        else (" " if unicodedata.category(c) in ("Cf", "Zs") else c)
        for c in text
    )


def personal_patterns():
    """(what, regex) for every demo customer's phone, birth date (in every format the bot reads)
    and name, any full mobile number, and the registration-number shape."""
    import re
    from datetime import date

    from subscriber_db.demo_data import DEMO_CUSTOMERS

    people = [(c.name, c.phone, c.birth_date) for c in DEMO_CUSTOMERS] + [
        (YOUNG["name"], YOUNG["phone"], YOUNG["birth_date"])
    ]
    # Issue 21: the spellings masking once missed (ㅡ as a dash, _ ~ , brackets, spaced dashes).
    loose = r"[\s.\-/_~,()ㅡ]{0,5}"
    # Not inside a longer run of letters and digits (a hex signature, a hash, an id).
    before, after = r"(?<![0-9A-Za-z*])", r"(?![0-9A-Za-z])"
    found = [
        (
            "a full mobile number",
            re.compile(before + r"01[016789]\)?" + loose + r"\d{3,4}" + loose + r"\d{4}" + after),
        ),
        ("a registration number", re.compile(before + r"\d{6}\s{0,2}-?\s{0,2}[1-8]\d{6}" + after)),
    ]
    for name, _, born in people:
        d = date.fromisoformat(born)
        y, yy, m, dd = d.year, f"{d.year % 100:02d}", d.month, d.day
        year = rf"(?:{y}|{yy})"
        found.append(
            (
                f"birth date of {name}",
                re.compile(
                    rf"{before}{year}\s{{0,2}}(?:[.\-/_~ㅡ]|년)?\s{{0,2}}0?{m}\s{{0,2}}(?:[.\-/_~ㅡ]|월)?\s{{0,2}}0?{dd}{after}"
                ),
            )
        )
        found.append((f"name {name}", re.compile(re.escape(name))))
    return found


def scan(sources) -> list:
    """``sources``: {where: text}. Every (where, what, excerpt) that holds personal data."""
    findings = []
    patterns = personal_patterns()
    for where, text_ in sources.items():
        folded = _fold(text_)
        for what, pattern in patterns:
            for m in pattern.finditer(folded):
                excerpt = folded[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
                findings.append((where, what, excerpt))
                break
    return findings


# Cells of a stored row are read apart: a tab between them let a timestamp's microseconds
# ("…50.019191") and the next cell's year ("2026") read as one mobile number, a false finding
# that came and went with the clock. The scan's loose separators never cross this one.
CELL = " | "


def stack_sources(stack_log_dirs, tracker_sqlite=(), pg_urls=()) -> dict:
    """Everything the bot keeps: log files, the SQLite conversation store, every table of the
    PostgreSQL databases except the subscriber lines themselves (the store of record)."""
    import sqlite3

    sources = {}
    for log_dir in stack_log_dirs:
        for path in sorted(Path(log_dir).rglob("*.log")):
            sources[str(path)] = path.read_text(encoding="utf-8", errors="replace")
    for path in tracker_sqlite:
        if Path(path).exists():
            with sqlite3.connect(path) as conn:
                rows = conn.execute("select sender_id, data from events").fetchall()
            sources[str(path)] = "\n".join(f"{sid}{CELL}{data}" for sid, data in rows)
    for url in pg_urls:
        engine = create_engine(url, future=True)
        try:
            with engine.connect() as conn:
                tables = [
                    t
                    for (t,) in conn.execute(
                        text("select table_name from information_schema.tables where table_schema = 'public'")
                    )
                ]
                for table in tables:
                    if table == "subscriber_lines":
                        continue
                    rows = conn.execute(text(f'select * from "{table}"')).all()
                    sources[f"{url.rsplit('/', 1)[1]}.{table}"] = "\n".join(
                        CELL.join(map(str, r)) for r in rows
                    )
        finally:
            engine.dispose()
    return sources
