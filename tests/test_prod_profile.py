"""The production profile (scripts/run_prod.sh): PostgreSQL conversation and subscriber stores,
Redis lock store, two Rasa replicas behind nginx, a supervised action server. Conversation
order across replicas, and survival: a replica killed under load, the action server and the
subscriber database down and back, everything restarted, a verification burst across replicas."""

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import aiohttp
import pytest
import yaml
from sqlalchemy import text

from support.services import free_port, reachable, skip_unless_required
from support.stack import MODEL, ROOT, api_headers

pytestmark = [pytest.mark.stack, pytest.mark.postgres]
sys.path.insert(0, str(ROOT / "bench"))
import load  # noqa: E402  bench/load.py: the REST token and headers bench/soak.py's customers send

REST = {"Authorization": "Bearer " + load.REST_TOKEN}
APOLOGY = re.compile(r"죄송.*(114|1588-0010)")


def _admin(engine, sql, **params):
    """Run one statement on the server's admin database (conftest's AUTOCOMMIT engine)."""
    with engine.connect() as conn:
        conn.execute(text(sql), params)


class Prod:
    def __init__(self, tmp: Path):
        name = "kt_test_" + uuid.uuid4().hex[:8]
        self.sub_db, self.tracker_db = name, name + "_tracker"
        self.role = name.replace("kt_test_", "kt_bot_")  # the bot's own database role and Redis user
        self.port, self.action_port = free_port(), free_port()
        base = free_port()
        while reachable(base + 1):  # run_prod.sh counts the replicas' ports up from the base
            base = free_port()
        self.replica_ports = [base, base + 1]
        self.tmp, self.proc = tmp, None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        env = dict(
            os.environ,
            RASA_PORT=str(self.port),
            ACTION_PORT=str(self.action_port),
            REPLICAS="2",
            REPLICA_BASE_PORT=str(self.replica_ports[0]),
            RUN_DIR=str(self.tmp / "run"),
            SUBSCRIBER_DB=self.sub_db,
            TRACKER_DB=self.tracker_db,
            REDIS_DB="5",
            BOT_TODAY="2026-01-20",
            RASA_JWT_SECRET="test-rasa-jwt-secret-0123456789abcdef012",
            BOT_SEAL_KEY="s" * 40,
            AGENT_JWT_SECRET="x" * 32,
            RASA_TELEMETRY_ENABLED="false",
            VERIFY_MAX_FAILURES="5",
            PG_USER=self.role,
            REDIS_USER=self.role,
            VAR_DIR=str(self.tmp / "var"),
            KAKAO_SKILL_SECRET=load.KAKAO_SECRET,
            REST_CHANNEL_TOKEN=load.REST_TOKEN,
        )
        log_path = self.tmp / "run_prod.log"
        self.log = open(log_path, "a")
        seen = log_path.stat().st_size  # a restart appends: only what this start prints counts
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
                pytest.fail("production profile exited:\n" + (self.tmp / "run_prod.log").read_text())
            if "Ctrl-C" in log_path.read_bytes()[seen:].decode("utf-8", "replace"):
                return
            time.sleep(1)
        pytest.fail("production profile did not start:\n" + (self.tmp / "run_prod.log").read_text())

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.log.close()

    def pid(self, name):
        return int((self.tmp / "run" / f"{name}.pid").read_text())

    def kill(self, name):
        """SIGKILL a process and its children (the action server's Sanic workers), as a crash would."""
        pid = self.pid(name)
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for p in [pid] + [int(c) for c in children]:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def say(self, sender, message, base=None):
        req = urllib.request.Request(
            (base or self.url) + "/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json", **REST},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return "\n".join(m.get("text", "") for m in json.loads(resp.read()))

    def events(self, sender):
        """The stored conversation of a REST sender (rest:<sender>), through the API with a header token."""
        req = urllib.request.Request(f"{self.url}/conversations/rest:{sender}/tracker", headers=api_headers())
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())["events"]


@pytest.fixture(scope="module")
def prod(tmp_path_factory, postgres_admin):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test`")
    if shutil.which("nginx") is None or not reachable(6379):
        skip_unless_required("the production profile needs nginx, PostgreSQL and Redis on this machine")
    p = Prod(tmp_path_factory.mktemp("prod"))
    p.start()
    try:
        yield p
    finally:
        p.stop()
        for db in (p.sub_db, p.tracker_db):
            _admin(postgres_admin, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        _admin(postgres_admin, f'DROP ROLE IF EXISTS "{p.role}"')
        subprocess.run(["redis-cli", "ACL", "DELUSER", p.role], capture_output=True)


# -- the deployment description beside it ----------------------------------------------------------
def test_compose_describes_the_same_processes_and_settings():
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text(encoding="utf-8"))
    endpoints = (ROOT / "deploy" / "endpoints.prod.yml").read_text(encoding="utf-8")
    services = compose["services"]
    needed = set(re.findall(r"\$\{([A-Z_]+)\}", endpoints))
    for name in ("rasa", "actions"):
        assert needed <= set(services[name]["environment"]), name
    assert services["rasa"]["deploy"]["replicas"] >= 2
    assert "deploy/endpoints.prod.yml" in " ".join(services["rasa"]["command"])
    assert "credentials.yml" in " ".join(services["rasa"]["command"])
    assert "ACTION_SERVER_SANIC_WORKERS" in services["actions"]["environment"]
    assert "./nginx.conf.template:/etc/kt/nginx.conf.template:ro" in services["nginx"]["volumes"]
    run_prod = (ROOT / "scripts" / "run_prod.sh").read_text(encoding="utf-8")
    assert "deploy/endpoints.prod.yml" in run_prod and "deploy/nginx.conf.template" in run_prod
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "requirements.lock" in dockerfile and "python:3.10" in dockerfile


# -- one conversation, two replicas, at once: the lock store keeps the turns in order -------------
def test_concurrent_messages_of_one_conversation_are_handled_one_at_a_time(prod):
    sender = "order-" + uuid.uuid4().hex[:6]
    bases = [f"http://127.0.0.1:{p}" for p in prod.replica_ports]

    async def burst():
        async with aiohttp.ClientSession(headers=REST) as session:

            async def send(i):
                async with session.post(
                    bases[i % 2] + "/webhooks/rest/webhook",
                    json={"sender": sender, "message": f"{i}번째 질문: 환급금 언제 들어와요?"},
                ) as r:
                    return r.status, await r.json()

            return await asyncio.gather(*(send(i) for i in range(10)))

    results = asyncio.run(burst())
    assert all(status == 200 and body for status, body in results)
    events = [e for e in prod.events(sender) if e["event"] in ("user", "bot", "action")]
    users = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(users) == sorted(f"{i}번째 질문: 환급금 언제 들어와요?" for i in range(10))  # none lost
    # Each turn is whole: a user message, its answer, then listening, before the next message.
    turn = []
    for e in events:
        if e["event"] == "user":
            assert not turn or turn[-1] == ("action", "action_listen"), turn
            turn = [("user", None)]
        elif turn:
            turn.append((e["event"], e.get("name")))
    assert turn[-1] == ("action", "action_listen")


def test_verification_burst_against_one_number_is_locked_across_replicas(prod):
    bases = [f"http://127.0.0.1:{p}" for p in prod.replica_ports]
    for attempt in range(5):  # five conversations, alternating replicas, wrong birth date
        sender = f"burst-{attempt}-{uuid.uuid4().hex[:4]}"
        prod.say(sender, "제가 대상인지 확인해 주세요", bases[attempt % 2])
        prod.say(sender, "010-2025-0005 000101", bases[attempt % 2])
    sender = "burst-right-" + uuid.uuid4().hex[:4]
    prod.say(sender, "제가 대상인지 확인해 주세요", bases[1])
    answer = prod.say(sender, "010-2025-0005 960707", bases[1])  # the right birth date, too late
    assert "잠겼어요" in answer and "기기변경" not in answer  # nothing about the line


# -- survival ------------------------------------------------------------------------------------------
def test_a_short_soak_loses_nothing(prod):
    """bench/soak.py's customers and store check, 20 conversations for 20 s (`make soak`: 50 for 5 min)."""
    import sys
    from collections import defaultdict

    sys.path.insert(0, str(ROOT / "bench"))
    import soak

    sent, stats = defaultdict(list), {"latencies": [], "errors": []}

    async def run():
        async with aiohttp.ClientSession() as session:
            stop_at = time.perf_counter() + 20
            await asyncio.gather(
                *(
                    soak.customer(session, prod.url + "/webhooks/rest/webhook", c, stop_at, sent, stats)
                    for c in range(20)
                )
            )

    asyncio.run(run())
    assert stats["errors"] == []
    problems, leaks = soak.check_stored(sent, soak.stored_user_texts(prod.tracker_db, sent))
    assert sum(len(m) for m in sent.values()) > 100
    assert problems == [] and leaks == 0


def test_a_replica_killed_under_load_costs_at_most_a_retry(prod):
    senders = [f"kill-{i}-{uuid.uuid4().hex[:4]}" for i in range(10)]
    sent = {s: 0 for s in senders}
    failures_after_retry = []

    async def client(session, sender, stop_at):
        while time.time() < stop_at:
            for _attempt in range(2):
                try:
                    async with session.post(
                        prod.url + "/webhooks/rest/webhook",
                        json={"sender": sender, "message": "환급금 언제 들어와요?"},
                        timeout=aiohttp.ClientTimeout(total=30),
                    ) as r:
                        if r.status == 200 and "2026년" in json.dumps(await r.json(), ensure_ascii=False):
                            sent[sender] += 1
                            break
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    pass
            else:
                failures_after_retry.append(sender)

    async def run():
        async with aiohttp.ClientSession(headers=REST) as session:
            stop_at = time.time() + 15
            load = asyncio.gather(*(client(session, s, stop_at) for s in senders))
            await asyncio.sleep(4)
            prod.kill("rasa-0")
            await load

    # A customer half-way through verification when the replica dies finishes on the other one.
    mid = "kill-mid-" + uuid.uuid4().hex[:4]
    replica_0 = f"http://127.0.0.1:{prod.replica_ports[0]}"
    prod.say(mid, "제 환급금 언제 들어와요?", replica_0)
    assert "생년월일" in prod.say(mid, "010-2025-0003", replica_0)
    asyncio.run(run())
    # Through the load balancer, while replica 0 is down or still starting: its history came along.
    assert "2026년 1월 22일" in prod.say(mid, "790125")
    assert not failures_after_retry
    assert sum(sent.values()) > 50
    for sender in senders:  # every answered message is in the stored conversation
        assert sum(1 for e in prod.events(sender) if e["event"] == "user") >= sent[sender]


def test_action_server_down_gives_an_apology_then_recovers_by_itself(prod):
    prod.kill("actions")
    time.sleep(0.5)
    answer = prod.say("down-" + uuid.uuid4().hex[:4], "환급금 언제 들어와요?")
    assert APOLOGY.search(answer), answer
    assert "Traceback" not in answer
    deadline = time.time() + 120
    while time.time() < deadline:
        answer = prod.say("up-" + uuid.uuid4().hex[:4], "환급금 언제 들어와요?")
        if "2026년 1월 22일" in answer:
            break
        time.sleep(2)
    assert "2026년 1월 22일" in answer


def test_subscriber_database_down_gives_an_apology_then_recovers(prod, postgres_admin):
    sender = "dbdown-" + uuid.uuid4().hex[:4]
    prod.say(sender, "제 환급금 언제 들어와요?")
    _admin(postgres_admin, f'ALTER DATABASE "{prod.sub_db}" ALLOW_CONNECTIONS false')
    _admin(
        postgres_admin,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db",
        db=prod.sub_db,
    )
    try:
        answer = prod.say(sender, "010-2025-0001 880412")
        assert APOLOGY.search(answer), answer
    finally:
        _admin(postgres_admin, f'ALTER DATABASE "{prod.sub_db}" ALLOW_CONNECTIONS true')
    sender = "dbup-" + uuid.uuid4().hex[:4]
    prod.say(sender, "제 환급금 언제 들어와요?")
    assert "2026년 2월 5일" in prod.say(sender, "010-2025-0001 880412")


def test_restart_everything_and_the_conversation_resumes(prod):
    sender = "restart-" + uuid.uuid4().hex[:4]
    prod.say(sender, "제 환급금 언제 들어와요?")
    assert "생년월일" in prod.say(sender, "010-2025-0003")  # the form waits for the birth date
    prod.stop()
    prod.start()
    assert "2026년 1월 22일" in prod.say(sender, "790125")  # same conversation, after the restart
