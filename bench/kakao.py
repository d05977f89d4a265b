#!/usr/bin/env python
"""`make bench-kakao` (and part of `make bench`): the KakaoTalk door's answer time, as Kakao sees it.

Kakao waits 5 s for a skill's answer, then shows the customer an error. This starts the stack
itself (embedded profile via scripts/run_stack.sh; with --prod, scripts/run_prod.sh with one Rasa
replica behind nginx on PostgreSQL and Redis) with a local callback sink allowed as callback host,
and measures:

* the first KakaoTalk request after the server opens its port, against the median of the next ten
  (the cost of a cold model falls into the first customer's turn unless the server warmed up);
* N closed-loop KakaoTalk conversations (20 and 50): each sends its next message once it has its
  answer, directly or by callback, as a customer does. "answer" is the HTTP answer Kakao gets (the
  reply, or useCallback); "customer has it" is when the reply reached the customer (the direct
  answer, or the callback POST). Without a callback URL the door answers the reply or "ask again";
* the event loop's lag under that load: a trivial GET (the door's health URL) every 200 ms.

Figures, never assertions. bench/out/kakao.json keeps the last run.

    bench/kakao.py [--seconds 20] [--prod] [--conversations 20 50]
"""

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import FAQ, HEADERS, OUT, Launched, free_port, our_env, pct, seed  # noqa: E402

# Questions a customer asks in a row; a conversation starts anew after them.
QUESTIONS = (
    FAQ,
    "면제되는 해지 기간 안내 부탁드립니다",
    "남는 고객 혜택 종류 알려 주세요",
    "OTT 이용권 종류",
)
TURNS = 8


def kakao_request(user: str, text: str, callback: str = None) -> dict:
    body = {
        "userRequest": {
            "utterance": text,
            "user": {"id": user, "type": "botUserKey", "properties": {}},
            "timezone": "Asia/Seoul",
            "lang": "ko",
        },
        "bot": {"id": "bench"},
        "action": {"params": {}, "clientExtra": None},
        "contexts": [],
    }
    if callback:
        body["userRequest"]["callbackUrl"] = callback
    return body


class Sink:
    """The local stand-in for Kakao's callback URL: one asyncio.Event per user id."""

    def __init__(self):
        self.waiting = {}
        self.posts = 0

    async def handle(self, request):
        self.posts += 1
        user = request.match_info["user"]
        if user in self.waiting:
            self.waiting[user].set()
        return web.json_response({"status": "SUCCESS"})

    async def start(self, port):
        app = web.Application()
        app.router.add_post("/cb/{user}", self.handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        return runner


async def one_request(session, url, body):
    start = time.perf_counter()
    try:
        async with session.post(
            url, json=body, headers=HEADERS, timeout=aiohttp.ClientTimeout(total=30)
        ) as r:
            data = await r.json(content_type=None)
            ok = r.status == 200 and isinstance(data, dict)
    except Exception:
        data, ok = None, False
    return time.perf_counter() - start, ok, data


def kind_of(data) -> str:
    if not isinstance(data, dict):
        return "error"
    if data.get("useCallback"):
        return "callback"
    text = json.dumps(data, ensure_ascii=False)
    return "ask_again" if "다시 보내 주세요" in text else "reply"


async def first_request(base):
    """The first request and ten after it, each on a new connection as the first one must be, each
    a new conversation: only the server's own warmth differs."""
    url = base + "/webhooks/kakao/webhook"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as session:
        first, _, _ = await one_request(session, url, kakao_request("first-0", FAQ))
        warm = []
        for i in range(10):
            seconds, _, _ = await one_request(session, url, kakao_request(f"first-{i + 1}", FAQ))
            warm.append(seconds)
    return {"first_ms": first * 1000, "warm_median_ms": sorted(warm)[5] * 1000}


async def load(base, sink, sink_port, conversations, seconds, with_callback, tag):
    url = base + "/webhooks/kakao/webhook"
    answers, has_it, kinds, lags = [], [], {}, []
    stop_at = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=conversations + 10)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def customer(c):
            i = 0
            while time.perf_counter() < stop_at:
                user = f"{tag}-{c}-{i // TURNS}"
                callback = f"http://127.0.0.1:{sink_port}/cb/{user}" if with_callback else None
                arrived = sink.waiting[user] = asyncio.Event()
                seconds_, ok, data = await one_request(
                    session, url, kakao_request(user, QUESTIONS[i % len(QUESTIONS)], callback)
                )
                kind = kind_of(data) if ok else "error"
                kinds[kind] = kinds.get(kind, 0) + 1
                answers.append(seconds_)
                if kind == "callback":
                    started = time.perf_counter() - seconds_
                    try:
                        await asyncio.wait_for(arrived.wait(), timeout=60)
                        has_it.append(time.perf_counter() - started)
                    except asyncio.TimeoutError:
                        kinds["callback_lost"] = kinds.get("callback_lost", 0) + 1
                elif kind == "reply":
                    has_it.append(seconds_)
                sink.waiting.pop(user, None)
                i += 1

        async def probe():
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                try:
                    async with session.get(base + "/webhooks/kakao/") as r:
                        await r.read()
                    lags.append(time.perf_counter() - start)
                except Exception:
                    pass
                await asyncio.sleep(0.2)

        started = time.perf_counter()
        await asyncio.gather(probe(), *(customer(c) for c in range(conversations)))
        elapsed = time.perf_counter() - started

    def ms(values, q):
        return pct(values, q) * 1000 if values else float("nan")

    return {
        "conversations": conversations,
        "callback": with_callback,
        "messages": len(answers),
        "msgs_per_s": len(answers) / elapsed,
        "answer_p50_ms": ms(answers, 50),
        "answer_p99_ms": ms(answers, 99),
        "answer_max_ms": ms(answers, 100),
        "over_4500_ms": sum(a > 4.5 for a in answers),
        "customer_has_it_p50_ms": ms(has_it, 50),
        "customer_has_it_p99_ms": ms(has_it, 99),
        "kinds": kinds,
        "loop_lag_p50_ms": ms(lags, 50),
        "loop_lag_p99_ms": ms(lags, 99),
        "loop_lag_max_ms": ms(lags, 100),
    }


def start_stack(tmp: Path, prod: bool, sink_port: int):
    extra = {
        "KAKAO_CALLBACK_HOSTS": f"http://127.0.0.1:{sink_port}",
        "LOG_DIR": str(tmp / "log"),
    }
    port = free_port()
    if prod:
        extra.update(
            RASA_PORT=str(port),
            ACTION_PORT=str(free_port()),
            REPLICAS="1",
            REPLICA_BASE_PORT=str(free_port() + 200),
            RUN_DIR=str(tmp / "prod"),
            SUBSCRIBER_DB="kt_remedy_bench",
            TRACKER_DB="kt_remedy_bench_kakao",
            REDIS_DB="3",
        )
        del extra["KAKAO_CALLBACK_HOSTS"]  # the production profile refuses a plain-http host
        script = "run_prod.sh"
    else:
        action_port = free_port()
        endpoints = tmp / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
            "  headers:\n    Authorization: Bearer ${ACTION_SERVER_TOKEN}\n"
            "tracker_store:\n  type: privacy.tracker_store.MaskingSQLTrackerStore\n"
            f'  dialect: "sqlite"\n  db: "{tmp / "tracker.sqlite3"}"\n',
            encoding="utf-8",
        )
        db_url = f"sqlite:///{tmp / 'subscribers.sqlite3'}"
        seed(db_url)
        extra.update(
            RASA_PORT=str(port), ACTION_PORT=str(action_port), ENDPOINTS=str(endpoints), DATABASE_URL=db_url
        )
        script = "run_stack.sh"
    base = f"http://127.0.0.1:{port}"
    stack = Launched([str(ROOT / "scripts" / script)], our_env(extra), ROOT, base + "/", tmp / "stack.log")
    return stack, base


async def measure(base, sink_port, args, name, prod):
    sink = Sink()
    runner = await sink.start(sink_port)
    try:
        row = {"profile": name, **await first_request(base)}
        row["load"] = []
        # The production profile allows https callback hosts only: there, no callback URL.
        for n in args.conversations:
            for with_callback in (False,) if prod else (True, False):
                tag = f"{'cb' if with_callback else 'nc'}{n}"
                row["load"].append(await load(base, sink, sink_port, n, args.seconds, with_callback, tag))
                print(f"  {name}: {n} conversations, callback={with_callback}: done", flush=True)
        row["callback_posts"] = sink.posts
        return row
    finally:
        await runner.cleanup()


def run(args, prod: bool):
    name = "prod (1 replica)" if prod else "embedded"
    with tempfile.TemporaryDirectory(prefix="kt-bench-kakao-") as tmp:
        sink_port = free_port()
        stack, base = start_stack(Path(tmp), prod, sink_port)
        try:
            return asyncio.run(measure(base, sink_port, args, name, prod))
        finally:
            stack.stop()


def fmt(v, digits=0):
    return "-" if v is None or v != v else f"{v:.{digits}f}"


def report(rows) -> str:
    lines = [
        "",
        "KakaoTalk door (Kakao's limit: 5,000 ms from its side)",
        "| profile | first request ms (warm median) | conversations | callback URL | answer p50 / p99 / max ms "
        "| >4.5 s | customer has it p50 / p99 ms | answers: reply / useCallback / ask again / error | msg/s "
        "| loop lag p50 / p99 / max ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        first = f"{fmt(r['first_ms'])} ({fmt(r['warm_median_ms'])})"
        for x in r["load"]:
            k = x["kinds"]
            lines.append(
                f"| {r['profile']} | {first} | {x['conversations']} | {'yes' if x['callback'] else 'no'} "
                f"| {fmt(x['answer_p50_ms'])} / {fmt(x['answer_p99_ms'])} / {fmt(x['answer_max_ms'])} "
                f"| {x['over_4500_ms']} "
                f"| {fmt(x['customer_has_it_p50_ms'])} / {fmt(x['customer_has_it_p99_ms'])} "
                f"| {k.get('reply', 0)} / {k.get('callback', 0)} / {k.get('ask_again', 0)} / "
                f"{k.get('error', 0) + k.get('callback_lost', 0)} "
                f"| {fmt(x['msgs_per_s'], 1)} "
                f"| {fmt(x['loop_lag_p50_ms'])} / {fmt(x['loop_lag_p99_ms'])} / {fmt(x['loop_lag_max_ms'])} |"
            )
            first = ""
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each load phase")
    parser.add_argument("--conversations", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--prod", action="store_true", help="also the production profile (1 replica)")
    args = parser.parse_args()
    print(f"KakaoTalk bench on {os.cpu_count()} cores; load phases of {args.seconds:.0f} s", flush=True)
    rows = [run(args, prod=False)]
    if args.prod:
        rows.append(run(args, prod=True))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "kakao.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
