#!/usr/bin/env python
"""The two figures of bench/capacity.json that `make bench` does not give, measured on loopback.

  store    the PostgreSQL conversation store (privacy.tracker_store.MaskingSQLTrackerStore, the
           production store) on a database of its own: W processes, each a Rasa replica doing
           turns back to back (read the conversation, add one turn's events, save), for W = 1, 2,
           4, ... until the p95 of a store round passes 1 s or W reaches --max-writers. Prints
           events/s, the round's p50/p95, and the CPU seconds PostgreSQL's own backends spent per
           event (what the store's primary must supply, whatever the clients cost).
  actions  the action server (runtime/action_server.py, one Sanic worker) answering action_route
           for a programme question, C concurrent callers, for a few seconds each: calls/s, p95,
           and the server's CPU seconds per call.

Bounded in time (each phase --seconds), loopback only; it drops its database and stops its server.
Figures, not assertions. `python bench/capacity_measure.py store|actions [--seconds 10]`
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = dict(host="127.0.0.1", port=5432, user="postgres")
TURN_MESSAGES = 5
FAQ = "환급금 언제 들어와요?"


def pct(values: List[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] if values else float("nan")


def proc_cpu_seconds(pids: List[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def with_descendants(pid: int) -> List[int]:
    """The process and every process under it (a Sanic server may serve from a child)."""
    parents: Dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [pid], [pid]
    while frontier:
        frontier = [p for p, pp in parents.items() if pp in frontier]
        found += frontier
    return found


# -- store -------------------------------------------------------------------------------------
def turn_events(i: int, first: bool):
    """One message's events as Rasa stores them for a programme question: what a real turn stores
    (the parse data with its intent ranking, the routed action, its slots, the answer, back to
    listening), and on a conversation's first message the session start before it."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

    events = []
    if first:
        events += [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    ranking = [{"name": f"ask_intent_{k}", "confidence": round(0.9 / (k + 1), 4)} for k in range(10)]
    events += [
        UserUttered(
            FAQ,
            intent={"name": "ask_refund_schedule", "confidence": 0.93},
            entities=[],
            parse_data={
                "text": FAQ,
                "intent": {"name": "ask_refund_schedule", "confidence": 0.93},
                "entities": [],
                "intent_ranking": ranking,
            },
            input_channel="rest",
        ),
        ActionExecuted("action_route", policy="RulePolicy", confidence=1.0),
        # The four slots action_route sets for a programme question, and an answer of its length.
        SlotSet("answer_kind", "faq"),
        SlotSet("answer_topic", "ask_refund_schedule"),
        SlotSet("context_topic", "ask_refund_schedule"),
        SlotSet("case", None),
        BotUttered("환급금은 해지일과 신청일에 따라 나누어 지급돼요. " * 8, {"buttons": None}),
        ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0),
    ]
    return events


def store_writer(db: str, seconds: float, ready, go, out) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    from privacy.tracker_store import MaskingSQLTrackerStore

    store = MaskingSQLTrackerStore(
        dialect="postgresql",
        host=PG["host"],
        port=PG["port"],
        username=PG["user"],
        db=db,
        login_db="postgres",
    )
    with store.engine.connect() as conn:
        ready.put(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar())
    go.wait()

    async def run() -> Dict:
        rounds: List[float] = []
        events = 0
        end = time.time() + seconds
        while time.time() < end:
            sender = uuid.uuid4().hex
            for i in range(TURN_MESSAGES):
                t0 = time.perf_counter()
                tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
                new = turn_events(i, first=i == 0)
                for e in new:
                    tracker.update(e)
                await store.save(tracker)
                rounds.append(time.perf_counter() - t0)
                events += len(new)
                if time.time() >= end:
                    break
        return {"rounds": rounds, "events": events}

    out.put(asyncio.run(run()))


def measure_store(seconds: float, max_writers: int) -> List[Dict]:
    from sqlalchemy import create_engine, text

    import privacy.tracker_store  # noqa: F401  (imported before fork: children share it)

    db = "kt_capacity_" + uuid.uuid4().hex[:8]
    admin = create_engine(
        f"postgresql+psycopg2://{PG['user']}@{PG['host']}:{PG['port']}/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{db}"'))
    results = []
    try:
        writers = 1
        while writers <= max_writers:
            ctx = mp.get_context("fork")
            out, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
            procs = [
                ctx.Process(target=store_writer, args=(db, seconds, ready, go, out)) for _ in range(writers)
            ]
            for p in procs:
                p.start()
            # Every writer connected (the pool keeps that backend) before the clock starts; their
            # backends' CPU is read at the start and at the end.
            pids = [ready.get(timeout=120) for _ in procs]
            cpu0 = proc_cpu_seconds(pids)
            go.set()
            got = [out.get(timeout=seconds + 120) for _ in procs]
            cpu1 = proc_cpu_seconds(pids)
            for p in procs:
                p.join(timeout=30)
            rounds = [r for g in got for r in g["rounds"]]
            events = sum(g["events"] for g in got)
            row = {
                "writers": writers,
                "events_per_s": events / seconds,
                "rounds": len(rounds),
                "round_p50_ms": 1000 * statistics.median(rounds),
                "round_p95_ms": 1000 * pct(rounds, 95),
                "pg_cpu_s_per_1000_events": 1000 * (cpu1 - cpu0) / events,
                "events_per_pg_core_s": events / max(cpu1 - cpu0, 1e-9),
            }
            results.append(row)
            print(
                json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}),
                flush=True,
            )
            if row["round_p95_ms"] > 1000:
                break
            writers *= 2
    finally:
        with admin.connect() as c:
            c.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"), {"d": db}
            )
            c.execute(text(f'DROP DATABASE IF EXISTS "{db}"'))
        admin.dispose()
    return results


# -- actions -----------------------------------------------------------------------------------
def action_payload() -> Dict:
    import rasa
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    domain = Domain.load(str(ROOT / "domain.yml"))
    # The third message of a conversation: Rasa sends the whole conversation with each call.
    events = turn_events(0, first=True) + turn_events(1, first=False) + turn_events(2, first=False)[:1]
    tracker = DialogueStateTracker.from_events("capacity-" + uuid.uuid4().hex[:6], events, domain.slots)
    return {
        "next_action": "action_route",
        "sender_id": tracker.sender_id,
        "tracker": tracker.current_state(EventVerbosity.ALL),
        "domain": domain.as_dict(),
        "version": rasa.__version__,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_actions(seconds: float, concurrency: List[int]) -> List[Dict]:
    import aiohttp

    token = "capacity-action-token-" + uuid.uuid4().hex
    port = free_port()
    env = dict(
        os.environ,
        ACTION_SERVER_TOKEN=token,
        ACTION_SERVER_SANIC_WORKERS="1",
        BOT_PROFILE="embedded",
        VAR_DIR=str(ROOT / "var" / "capacity"),
        BIND_HOST="127.0.0.1",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "runtime.action_server", "--port", str(port), "--actions", "actions"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    payload = action_payload()
    url = f"http://127.0.0.1:{port}"
    results = []

    async def run() -> None:
        headers = {"Authorization": "Bearer " + token}
        async with aiohttp.ClientSession(headers=headers) as s:
            for _ in range(600):
                try:
                    async with s.get(url + "/health") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
            async with s.post(url + "/webhook", json=payload) as r:
                body = await r.json()
                assert r.status == 200 and body.get("responses"), (r.status, body)
            for c in concurrency:
                times: List[float] = []
                end = time.time() + seconds
                server_pids = with_descendants(server.pid)
                cpu0 = proc_cpu_seconds(server_pids)

                async def caller(end: float, times: List[float]) -> None:
                    while time.time() < end:
                        t0 = time.perf_counter()
                        async with s.post(url + "/webhook", json=payload) as r:
                            await r.read()
                            assert r.status == 200
                        times.append(time.perf_counter() - t0)

                await asyncio.gather(*(caller(end, times) for _ in range(c)))
                cpu = proc_cpu_seconds(server_pids) - cpu0
                row = {
                    "callers": c,
                    "calls_per_s": len(times) / seconds,
                    "p50_ms": 1000 * statistics.median(times),
                    "p95_ms": 1000 * pct(times, 95),
                    "server_cpu_ms_per_call": 1000 * cpu / len(times),
                    "calls_per_core_s": len(times) / max(cpu, 1e-9),
                }
                results.append(row)
                print(
                    json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}),
                    flush=True,
                )

    try:
        asyncio.run(run())
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["store", "actions"])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-writers", type=int, default=8)
    args = parser.parse_args(argv)
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    if args.what == "store":
        measure_store(args.seconds, args.max_writers)
    else:
        measure_actions(args.seconds, [1, 4, 8])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
