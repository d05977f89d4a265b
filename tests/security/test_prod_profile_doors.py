"""Findings 1, 4 and 9 in the production profile (scripts/run_prod.sh, one replica): every port
on loopback, the REST channel behind its token, the database reached as a least-privilege role
with a password, Redis as its own user with a password, the API only with header tokens; and its
logs and stores scanned like the embedded stack's."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

import pytest
from sec import (
    KAKAO_SECRET,
    MODEL,
    REST_TOKEN,
    ROOT,
    Response,
    agent_token,
    api_headers,
    free_port,
    request,
    scan,
    skip_unless_required,
    stack_sources,
)
from sqlalchemy import create_engine, text
from test_1_action_server import LOOPBACK, _listening

SECRETS = {
    "ACTION_SERVER_TOKEN": "p-action-server-token-0123456789abcdef0123",
    "RASA_JWT_SECRET": "sec-rasa-jwt-secret-0123456789abcdef0123",  # the one api_headers() signs with
    "AGENT_JWT_SECRET": "p-agent-jwt-secret-0123456789abcdef012345",
    "WEB_SESSION_SECRET": "p-web-session-secret-0123456789abcdef0123",
    "BOT_SEAL_KEY": "p-seal-key-0123456789abcdef0123456789abcd",
    "PG_PASSWORD": "p-pg-password-0123456789abcdef0123456789",
    "REDIS_PASSWORD": "p-redis-password-0123456789abcdef01234567",
}


class Prod:
    def __init__(self, tmp):
        tag = uuid.uuid4().hex[:8]
        self.tmp, self.role, self.redis_user, self.redis_db = tmp, f"kt_bot_{tag}", f"kt_bot_{tag}", 7
        self.sub_db, self.tracker_db = f"kt_secp_{tag}", f"kt_secp_{tag}_t"
        self.port, self.action_port = free_port(), free_port()
        self.replica_port, self.tls_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        env = dict(
            os.environ,
            RASA_PORT=str(self.port),
            ACTION_PORT=str(self.action_port),
            REPLICAS="1",
            REPLICA_BASE_PORT=str(self.replica_port),
            TLS_PORT=str(self.tls_port),
            RUN_DIR=str(self.tmp / "run"),
            VAR_DIR=str(self.tmp / "var"),
            SUBSCRIBER_DB=self.sub_db,
            TRACKER_DB=self.tracker_db,
            PG_USER=self.role,
            REDIS_USER=self.redis_user,
            REDIS_DB=str(self.redis_db),
            BOT_TODAY="2026-01-20",
            RASA_TELEMETRY_ENABLED="false",
            KAKAO_SKILL_SECRET=KAKAO_SECRET,
            REST_CHANNEL_TOKEN=REST_TOKEN,
            ACTION_WORKERS="1",
            RASA_AUTH_TOKEN="sec-old-query-token",
            **SECRETS,
        )
        self.log = open(self.tmp / "run_prod.log", "w")
        self.proc = subprocess.Popen(
            [str(ROOT / "scripts" / "run_prod.sh")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("production profile exited:\n" + (self.tmp / "run_prod.log").read_text()[-4000:])
            if "Ctrl-C" in (self.tmp / "run_prod.log").read_text(errors="replace"):
                return
            time.sleep(1)
        pytest.fail("production profile did not start:\n" + (self.tmp / "run_prod.log").read_text()[-4000:])

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.log.close()

    def rest(self, sender, message, token=REST_TOKEN) -> Response:
        return request(
            self.url + "/webhooks/rest/webhook",
            {"sender": sender, "message": message},
            {"Authorization": "Bearer " + token} if token else {},
        )


@pytest.fixture(scope="module")
def prod(tmp_path_factory, pg_admin):
    if not MODEL.exists():
        pytest.fail("no trained model")
    if shutil.which("nginx") is None or shutil.which("redis-cli") is None:
        skip_unless_required("the production profile needs nginx, PostgreSQL and Redis on this machine")
    p = Prod(tmp_path_factory.mktemp("prod_sec"))
    try:
        p.start()
        yield p
    finally:
        if p.proc is not None:
            p.stop()
        with pg_admin.connect() as conn:
            for db in (p.sub_db, p.tracker_db):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{p.role}"'))
        subprocess.run(["redis-cli", "ACL", "DELUSER", p.redis_user], capture_output=True)


def test_every_port_of_the_production_profile_is_on_loopback(prod):
    for port in (prod.port, prod.tls_port, prod.replica_port, prod.action_port):
        addresses = _listening(port)
        assert addresses and set(addresses) <= LOOPBACK, (port, addresses)


def test_the_rest_channel_is_closed_without_its_token(prod):
    for token in (None, "wrong", REST_TOKEN + "x"):
        r = prod.rest("p-notoken", "제 환급금 언제 들어와요?", token=token)
        assert r.status == 401, r.text
    assert "2026년" in prod.rest("p-ok", "환급금 언제 들어와요?").texts()


def test_the_api_takes_header_tokens_only(prod):
    prod.rest("p-api", "안녕하세요")
    for query in ("", "?token=sec-old-query-token"):
        assert request(f"{prod.url}/conversations/rest:p-api/tracker{query}").status == 401
        assert request(f"{prod.url}/conversations/p-api/tracker{query}").status == 401
    r = request(f"{prod.url}/conversations/rest:p-api/tracker", headers=api_headers())
    assert r.status == 200 and r.json["events"]


def test_the_bot_uses_its_own_least_privilege_database_role(prod, pg_admin):
    prod.rest("p-db", "제 환급금 언제 들어와요?")
    assert "2026년 1월 22일" in prod.rest("p-db", "010-2025-0003 790125").texts()
    with pg_admin.connect() as conn:
        users = {
            u
            for (u,) in conn.execute(
                text("select distinct usename from pg_stat_activity where datname in (:a, :b)"),
                {"a": prod.sub_db, "b": prod.tracker_db},
            )
        }
        superuser = conn.execute(
            text("select rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = :r"),
            {"r": prod.role},
        ).scalar()
    assert users == {prod.role}, users
    assert superuser is False
    url = f"postgresql+psycopg2://{prod.role}:{SECRETS['PG_PASSWORD']}@127.0.0.1:5432/{prod.sub_db}"
    engine = create_engine(url, future=True)
    try:
        for statement in (
            "delete from subscriber_lines",
            "update subscriber_lines set name = 'x'",
            "delete from audit_log",
            "select question from audit_log",
            "drop table audit_log",
            "create table stolen (x int)",
            "delete from refund_applications",
        ):
            with engine.connect() as conn:
                with pytest.raises(Exception, match="permission denied|must be owner"):
                    conn.execute(text(statement))
    finally:
        engine.dispose()


def test_the_lock_store_uses_its_own_redis_user_with_a_password(prod):
    prod.rest("p-redis", "환급금 언제 들어와요?")
    clients = subprocess.run(["redis-cli", "CLIENT", "LIST"], capture_output=True, text=True).stdout
    ours = [line for line in clients.splitlines() if f" db={prod.redis_db} " in line]
    assert ours and all(f" user={prod.redis_user} " in line for line in ours), ours
    import redis

    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(host="127.0.0.1", port=6379, username=prod.redis_user, password="wrong").ping()
    own = redis.Redis(
        host="127.0.0.1",
        port=6379,
        db=prod.redis_db,
        username=prod.redis_user,
        password=SECRETS["REDIS_PASSWORD"],
    )
    with pytest.raises(redis.exceptions.NoPermissionError):
        own.get("someone-elses-key")
    with pytest.raises(redis.exceptions.NoPermissionError):
        own.flushdb()
    own.close()
    rules = subprocess.run(
        ["redis-cli", "ACL", "GETUSER", prod.redis_user], capture_output=True, text=True
    ).stdout
    assert "ktremedy:*" in rules and "nopass" not in rules


# -- issue 21 ------------------------------------------------------------------------------------------
def _revoke(prod, *args, admin_url=None):
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        BOT_PROFILE="prod",
        VAR_DIR=str(prod.tmp / "var"),
        DATABASE_URL=f"postgresql+psycopg2://{prod.role}:{SECRETS['PG_PASSWORD']}@127.0.0.1:5432/{prod.sub_db}",
    )
    env.pop("ADMIN_DATABASE_URL", None)
    if admin_url:
        env["ADMIN_DATABASE_URL"] = admin_url
    code = "import sys; from connectors.cli import revoke_main; sys.exit(revoke_main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_revoking_an_agent_token_in_production_needs_the_administrator_and_really_revokes(prod):
    """Finding 4: without DATABASE_URL the command wrote to the embedded SQLite file and printed
    "revoked"; the bot's own role may not write revocations. Now it refuses, and with the
    administrator's URL the token is refused by the running production profile."""
    token = agent_token("p-agent-rev", secret=SECRETS["AGENT_JWT_SECRET"])

    def lookup():
        return request(
            prod.url + "/webhooks/agent/webhook",
            {"sender": "rev-tab", "message": "D-0001 조회"},
            {"Authorization": "Bearer " + token},
        )

    assert "[D-0001]" in lookup().texts()
    refused = _revoke(prod, "--agent", "p-agent-rev")
    assert refused.returncode == 2 and "ADMIN_DATABASE_URL" in refused.stderr, refused.stderr[-2000:]
    assert "revoked:" not in refused.stdout
    assert "[D-0001]" in lookup().texts()  # nothing was revoked, and nobody was told it was
    as_bot = _revoke(prod, "--agent", "p-agent-rev", admin_url=_revoke_env_bot_url(prod))
    assert as_bot.returncode != 0 and "revoked:" not in as_bot.stdout  # the bot's role may not write them
    admin = f"postgresql+psycopg2://postgres@127.0.0.1:5432/{prod.sub_db}"
    done = _revoke(prod, "--agent", "p-agent-rev", admin_url=admin)
    assert done.returncode == 0 and "revoked:" in done.stdout and prod.sub_db in done.stdout, done.stderr[
        -2000:
    ]
    r = lookup()
    assert r.status == 401 and "D-0001" not in r.text, r.text


def _revoke_env_bot_url(prod):
    return f"postgresql+psycopg2://{prod.role}:{SECRETS['PG_PASSWORD']}@127.0.0.1:5432/{prod.sub_db}"


def test_the_bots_role_may_label_in_the_operators_inbox(prod):
    """Finding 10: the bot's database role had no grant on inbox_labels, so labelling failed."""
    engine = create_engine(_revoke_env_bot_url(prod), future=True)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "insert into inbox_labels (text_hash, text, label, messages, operator, labelled_at) "
                    "values (:h, '요금제 바꾸면?', 'out_of_scope', 1, 'p-ops', now())"
                ),
                {"h": "p" * 64},
            )
            conn.execute(
                text("update inbox_labels set label = 'ask_refund_scope' where text_hash = :h"),
                {"h": "p" * 64},
            )
            assert conn.execute(text("select count(*) from inbox_labels")).scalar() >= 1
            conn.execute(text("delete from inbox_labels where text_hash = :h"), {"h": "p" * 64})
    finally:
        engine.dispose()


def test_failed_verifications_are_counted_in_the_lock_stores_redis(prod):
    """Finding 2 in production: the sliding windows live in Redis under the bot's own user."""
    prod.rest("p-guess", "제가 대상인지 확인해 주세요")
    answer = prod.rest("p-guess", "010-9876-5432 900101").texts()
    assert "본인 확인이 되지 않았어요" in answer, answer
    count = subprocess.run(
        ["redis-cli", "-n", str(prod.redis_db), "ZCARD", "ktremedy:guess:global"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert int(count or 0) >= 1, count


def test_customers_reach_the_production_profile_over_https(prod):
    """Finding 6: nginx terminates TLS (a self-signed certificate for one machine unless
    TLS_CERT_FILE is given) and names the client to the replicas."""
    import ssl
    import urllib.request

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with urllib.request.urlopen(
        f"https://127.0.0.1:{prod.tls_port}/webhooks/web/", timeout=30, context=context
    ) as r:
        assert r.status == 200 and "Strict-Transport-Security" in r.headers


def test_the_production_profile_keeps_no_personal_data(prod):
    prod.rest("p-scan", "제가 대상인지 확인해 주세요")
    prod.rest("p-scan", "010-2025-0001 19880412")
    prod.rest("p-scan-2", "010-2025-0004 951231 환급 신청할게요")
    admin = "postgresql+psycopg2://postgres@127.0.0.1:5432/"
    sources = stack_sources([prod.tmp / "run"], [], [admin + prod.sub_db, admin + prod.tracker_db])
    findings = scan(sources)
    assert findings == [], "\n".join(f"{w}: {what}: …{e}…" for w, what, e in findings[:20])
    assert re.search(r"010-\*{4}-0001", sources[f"{prod.tracker_db}.events"])  # it was stored, masked
