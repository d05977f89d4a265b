#!/usr/bin/env python
"""`make soak`: the production profile under steady load, and nothing lost.

Starts the production profile (scripts/run_prod.sh: two Rasa replicas behind nginx, PostgreSQL,
Redis lock store) on databases of its own, then runs CONVERSATIONS concurrent customers for
SECONDS. Each customer has real conversations: program questions, a personal question with
verification (a generated demo line), rewards, thanks; then starts a new conversation. Afterwards
it reads the conversation store (the PostgreSQL events table, not the API) and checks that every
message sent is stored, once, in the order sent (phone numbers and birth dates masked, as stored).

An error is a non-200 answer, an empty answer, a transport error or the service apology: a bot
that apologises is not serving. Prints a report and writes bench/out/soak.json; exits 1 when
there was an error or a lost, duplicated or reordered message.

  --seconds 300 --conversations 50   (the defaults)
"""

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import aiohttp
import load  # bench/load.py: launcher, ports, percentiles, the generated demo customers
from sqlalchemy import create_engine, text

from privacy.masking import mask_all_digits, mask_text

PG = "postgresql+psycopg2://postgres@127.0.0.1:5432/"
APOLOGY = re.compile(r"죄송.*(114|1588-0010)")
SCRIPT = [  # one conversation; {id} is the customer's phone number and birth date
    "위약금 면제는 누가 받아요?",
    "환급금 언제 들어와요?",
    "제 환급금 언제 들어와요?",
    "{id}",
    "제 환급금 언제 들어와요?",
    "남으면 뭐 받아요?",
    "OTT는 뭐 고를 수 있어요?",
    "고마워요",
]


async def customer(session, url, c, stop_at, sent, stats):
    n = 0
    while time.perf_counter() < stop_at:
        sender = f"soak-{c}-{n}-{uuid.uuid4().hex[:4]}"
        phone, birth = load.crowd_identity(c * 7 + n)
        for line in SCRIPT:
            if time.perf_counter() >= stop_at:
                break
            message = line.format(id=f"{phone} {birth}")
            start = time.perf_counter()
            ok, reason = False, ""
            try:
                async with session.post(
                    url,
                    json={"sender": sender, "message": message},
                    headers=load.HEADERS,
                    timeout=aiohttp.ClientTimeout(total=30),
                ) as resp:
                    body = await resp.json(content_type=None)
                    answer = "\n".join(m.get("text", "") for m in body or [])
                    ok = resp.status == 200 and bool(answer.strip()) and not APOLOGY.search(answer)
                    reason = "" if ok else f"status {resp.status}: {answer[:80]!r}"
            except Exception as exc:  # counted and reported, the run goes on
                reason = type(exc).__name__
            sent[sender].append(message)  # sent, whatever the answer: it must be stored
            if ok:
                stats["latencies"].append((time.perf_counter() - start) * 1000)
            else:
                stats["errors"].append(reason)
        n += 1


def stored_user_texts(tracker_db, senders):
    engine = create_engine(PG + tracker_db, future=True)
    out = defaultdict(list)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT sender_id, data FROM events WHERE type_name = 'user' "
                    "AND sender_id LIKE 'rest:soak-%' ORDER BY id"
                )
            ).fetchall()
    finally:
        engine.dispose()
    for sender, data in rows:  # the REST door prefixes its conversations: rest:<sender>
        out[sender[len("rest:") :]].append(json.loads(data).get("text") or "")
    return out


def check_stored(sent, stored):
    """(lost, duplicated or reordered conversations, full personal data found in the store)."""
    problems, leaks = [], 0
    for sender, messages in sent.items():
        expected = [(m, mask_text(m), mask_all_digits(m)) for m in messages]
        got = stored.get(sender, [])
        if len(got) != len(expected) or any(g not in forms for g, forms in zip(got, expected, strict=False)):
            problems.append({"sender": sender, "sent": len(expected), "stored": len(got)})
        leaks += sum(
            1 for g, forms in zip(got, expected, strict=False) if forms[0] != forms[1] and g == forms[0]
        )
    return problems, leaks


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--conversations", type=int, default=50)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kt-soak-"))
    name = "kt_soak_" + uuid.uuid4().hex[:6]
    port = load.free_port()
    env = load.our_env(
        {
            "RASA_PORT": str(port),
            "ACTION_PORT": str(load.free_port()),
            "REPLICAS": "2",
            "REPLICA_BASE_PORT": str(load.free_port() + 300),
            "RUN_DIR": str(tmp / "run"),
            "SUBSCRIBER_DB": name,
            "TRACKER_DB": name + "_tracker",
            "REDIS_DB": "4",
        }
    )
    base = f"http://127.0.0.1:{port}"
    print(
        f"soak: production profile (2 replicas), {args.conversations} conversations, {args.seconds:.0f} s; "
        f"logs in {tmp}",
        flush=True,
    )
    stack = load.Launched(
        [str(load.ROOT / "scripts" / "run_prod.sh")], env, load.ROOT, base + "/", tmp / "prod.log"
    )
    sent, stats = defaultdict(list), {"latencies": [], "errors": []}
    try:

        async def run():
            connector = aiohttp.TCPConnector(limit=args.conversations + 10)
            async with aiohttp.ClientSession(connector=connector) as session:
                stop_at = time.perf_counter() + args.seconds
                await asyncio.gather(
                    *(
                        customer(session, base + "/webhooks/rest/webhook", c, stop_at, sent, stats)
                        for c in range(args.conversations)
                    )
                )

        start = time.perf_counter()
        asyncio.run(run())
        elapsed = time.perf_counter() - start
        rss = {k: load.peak_rss_mib(p) for k, p in load.named_processes(stack.proc.pid).items()}
        time.sleep(1)
        stored = stored_user_texts(name + "_tracker", sent)
    finally:
        stack.stop()
        admin = create_engine(PG + "postgres", future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for db in (name, name + "_tracker"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()

    problems, leaks = check_stored(sent, stored)
    lat = stats["latencies"]
    total = sum(len(m) for m in sent.values())
    report = {
        "conversations_concurrent": args.conversations,
        "seconds": round(elapsed, 1),
        "conversations_had": len(sent),
        "messages_sent": total,
        "answered": len(lat),
        "msgs_per_s": round(len(lat) / elapsed, 1),
        "p50_ms": round(load.pct(lat, 50)),
        "p95_ms": round(load.pct(lat, 95)),
        "p99_ms": round(load.pct(lat, 99)),
        "errors": len(stats["errors"]),
        "error_kinds": sorted(set(stats["errors"]))[:10],
        "messages_stored": sum(len(v) for v in stored.values()),
        "conversations_not_stored_exactly": len(problems),
        "examples": problems[:5],
        "unmasked_personal_data_in_store": leaks,
        "peak_rss_mib": {k: round(v) for k, v in rss.items()},
    }
    load.OUT.mkdir(parents=True, exist_ok=True)
    (load.OUT / "soak.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = not stats["errors"] and not problems and not leaks and total > 0
    print("soak: PASS" if ok else "soak: FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
