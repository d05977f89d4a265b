"""Operators' report benchmark: a generated conversation store of ~1M events, SQLite and PostgreSQL.

Run with ``make bench-report [EVENTS=1000000]`` (or ``.venv/bin/python bench/report_bench.py
--events N [--days 30] [--skip-postgres] [--keep]``). The store follows the contract with the
conversation code (ops_report/sample_store.py: the mix of doors, answers, verifications and
unanswered questions the tests use), written as Rasa's tracker store writes it. Each
measurement runs in a child process that opens the store read-only, as the page does, and
reports its seconds and peak RSS as JSON:

- report: every figure of the page and the CSV, with both charts, over the whole store (cold);
- inbox: fetching, masking and grouping the unanswered messages (Kiwi already loaded; loading
  it is a one-time cost per server process, shown apart);
- for comparison on SQLite, the turns numbered with a window function and grouped in SQL.
"""

import argparse
import json
import math
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
TARGET_SECONDS = 10.0
FIRST = date(2026, 1, 1)
EVENTS_PER_CONVERSATION = 28  # what the generator's mix averages

CHILD = """
import json, resource, sys, time
from datetime import date
t0 = time.perf_counter()
from ops_report.service import OpsService
from ops_report.store import DayRange, count_events
from ops_report import inbox
imports = time.perf_counter() - t0
url, first, last = sys.argv[1:4]
days = DayRange(date.fromisoformat(first), date.fromisoformat(last))
service = OpsService(url, repo=None)
out = {"imports": imports, "events": count_events(service.engine)}
t = time.perf_counter(); page = service.report_json(days); out["report"] = time.perf_counter() - t
t = time.perf_counter(); service.report_csv(days); out["csv_cached"] = time.perf_counter() - t
out["rss_report_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter(); inbox.lemmas("환급 신청"); out["kiwi_load"] = time.perf_counter() - t
t = time.perf_counter(); box = service.inbox(days); out["inbox"] = time.perf_counter() - t
out.update(turns=page["totals"]["messages"], conversations=page["totals"]["conversations"],
           fallback_share=page["totals"]["fallback_share"], p50_ms=page["totals"]["p50_ms"],
           p95_ms=page["totals"]["p95_ms"], applications_filed=page["totals"]["applications_filed"],
           inbox_messages=box.messages, inbox_groups=len(box.groups),
           doors={d["door"]: d["messages"] for d in page["doors"]},
           rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""

# The alternative the report does not use (store.py says why): turns numbered and folded in SQL.
WINDOW_SQL = """
SELECT sender_id, turn, min(CASE WHEN type_name = 'user' THEN timestamp END),
       max(CASE WHEN type_name = 'bot' THEN timestamp END),
       max(CASE WHEN type_name = 'slot' AND action_name = 'answer_kind' THEN printf('%012d', id) || value END)
FROM (SELECT sender_id, id, type_name, timestamp, action_name,
             CASE WHEN type_name = 'user' THEN json_extract(data, '$.input_channel') END AS door,
             CASE WHEN type_name = 'user' THEN json_extract(data, '$.parse_data.intent.confidence') END AS conf,
             CASE WHEN type_name = 'slot' THEN json_extract(data, '$.value') END AS value,
             sum(CASE WHEN type_name = 'user' THEN 1 ELSE 0 END) OVER (PARTITION BY sender_id ORDER BY id) AS turn
      FROM events
      WHERE type_name IN ('user', 'bot') OR (type_name = 'slot' AND action_name IN ('answer_kind', 'answer_topic',
            'verification')) OR (type_name = 'action' AND action_name LIKE 'utter%'))
WHERE turn > 0 GROUP BY sender_id, turn
"""


def generate(url: str, events: int, days: int) -> int:
    import sqlalchemy as sa

    from ops_report import sample_store as ss

    engine = sa.create_engine(url, future=True)
    planner = ss.Planner(seed=1)
    per_day = math.ceil(events / EVENTS_PER_CONVERSATION / days)
    written, start = 0, time.perf_counter()
    for d in range(days):
        plans = [planner.conversation(FIRST + timedelta(days=d)) for _ in range(per_day)]
        # Conversations interleave in the store as a live server writes them.
        written += ss.write_rows(engine, sorted(ss.all_rows(plans), key=lambda r: r[2]))
    engine.dispose()
    print(
        f"  generated {written:,} events over {days} days in {time.perf_counter() - start:.0f} s", flush=True
    )
    return written


def measure(label: str, url: str, days: int) -> dict:
    env = dict(os.environ, SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONPATH=str(ROOT))
    last = FIRST + timedelta(days=days - 1)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, url, FIRST.isoformat(), last.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{label} report failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]), store=label)


def window_seconds(path: Path) -> float:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    rows = conn.execute(WINDOW_SQL).fetchall()
    seconds = time.perf_counter() - start
    conn.close()
    print(f"  window-function variant: {len(rows):,} turns in {seconds:.1f} s", flush=True)
    return seconds


def postgres(events: int, days: int, keep: bool) -> dict:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    name = f"kt_report_bench_{secrets.token_hex(4)}"
    admin = create_engine(ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        return {"store": "postgresql", "skipped": str(exc.orig).strip().splitlines()[0]}
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        print(f"PostgreSQL database {name}:", flush=True)
        generate(url, events, days)
        with create_engine(url, future=True).connect() as conn:
            conn.execute(text("ANALYZE events"))
        return measure("postgresql", url, days)
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the generated stores")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="report_bench_"))
    results = []
    try:
        path = tmp / "tracker.sqlite3"
        print(f"SQLite store {path}:", flush=True)
        generate(f"sqlite:///{path}", args.events, args.days)
        sqlite = measure("sqlite", f"sqlite:///{path}", args.days)
        sqlite["window"] = window_seconds(path)
        sqlite["size_mib"] = path.stat().st_size / 2**20
        results.append(sqlite)
        if not args.skip_postgres:
            results.append(postgres(args.events, args.days, args.keep))
    finally:
        if not args.keep:
            for f in tmp.glob("*"):
                f.unlink()
            tmp.rmdir()
        else:
            print(f"kept {tmp}")
    print()
    print(
        "| store | events | turns | report s (target < 10) | inbox s | Kiwi load s (once) | peak RSS MiB report / "
        "with Kiwi | SQL window variant s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        if "skipped" in r:
            print(f"| {r['store']} | skipped: {r['skipped']} |")
            continue
        window = f"{r['window']:.1f}" if "window" in r else "-"
        print(
            f"| {r['store']} | {r['events']:,} | {r['turns']:,} | **{r['report']:.1f}** | {r['inbox']:.1f} | "
            f"{r['kiwi_load']:.1f} | {r['rss_report_mib']:.0f} / {r['rss_mib']:.0f} | {window} |"
        )
    for r in results:
        if "skipped" not in r:
            print(
                f"{r['store']}: {r['conversations']:,} conversations, doors {r['doors']}, fallback "
                f"{r['fallback_share']}%, p50/p95 {r['p50_ms']}/{r['p95_ms']} ms, {r['applications_filed']:,} "
                f"applications filed; inbox {r['inbox_messages']:,} messages in {r['inbox_groups']} groups"
            )
    slow = [r["store"] for r in results if "report" in r and r["report"] >= TARGET_SECONDS]
    if slow:
        print(f"SLOWER than {TARGET_SECONDS:.0f} s: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
