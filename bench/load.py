#!/usr/bin/env python
"""`make bench`: speed of our bot against a bare `rasa init` bot, on this machine, in one run.

Starts every server itself (our embedded profile via scripts/run_stack.sh, the production
profile via scripts/run_prod.sh with 1 and 2 replicas, and a fresh `rasa init` bot), drives
them over HTTP with closed-loop clients (each conversation sends its next message when the
answer arrives) and prints one table plus bench/out/bench.json. Figures, never assertions.

  --quick      shorter load phases, no training-time measurement, no production profile
  --skip-prod  embedded profile and the bare bot only
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"
TOKEN = "bench-token"  # the bare `rasa init` bot's query-string API token (stock Rasa)
# Our bot: the REST door and the Kakao skill need their secrets, the API a header JWT.
REST_TOKEN = "bench-rest-channel-token-0123456789abcdef"
KAKAO_SECRET = "bench-kakao-skill-secret-0123456789abcdef"
JWT_SECRET = "bench-rasa-jwt-secret-0123456789abcdef012"
HEADERS = {"Authorization": "Bearer " + REST_TOKEN, "X-Skill-Secret": KAKAO_SECRET}
FAQ = "환급금 언제 들어와요?"
PERSONAL = "제 환급금 언제 들어와요?"
BARE_TEXT = "hello there"
# Verified customers for the personal turn: the generated crowd lines of the demo data.
CROWD = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def peak_rss_mib(pid: int) -> float:
    """VmHWM of a process and its descendants (MiB), read from /proc while it still runs."""
    total = 0
    for p in [pid] + descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def descendants(pid: int):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    kids = [int(k) for k in out]
    return kids + [g for k in kids for g in descendants(k)]


def named_processes(root_pid: int):
    """{'rasa server': pid, ...} under a launcher script."""
    found = {}
    for p in descendants(root_pid):
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "rasa run actions" in cmd or "runtime.action_server" in cmd:
            found.setdefault("action server", p)
        elif "rasa run" in cmd or "runtime.rasa_server" in cmd:
            port = cmd.split("--port ")[1].split()[0]
            found[f"rasa server :{port}"] = p
        elif cmd.startswith("nginx"):
            found.setdefault("nginx", p)
    return found


class Launched:
    def __init__(self, cmd, env, cwd, ready_url, log):
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited; see {log}")
            try:
                import urllib.request

                urllib.request.urlopen(ready_url, timeout=2)
                return
            except Exception:
                time.sleep(1)
        raise RuntimeError(f"{cmd} did not start; see {log}")

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)
        except Exception:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


# -- load -------------------------------------------------------------------------------------
async def post(session, url, body, headers=None):
    start = time.perf_counter()
    try:
        async with session.post(
            url, json=body, headers=headers or HEADERS, timeout=aiohttp.ClientTimeout(total=30)
        ) as resp:
            data = await resp.json(content_type=None)
            ok = resp.status == 200 and bool(data)
    except Exception:
        ok = False
    return (time.perf_counter() - start) * 1000, ok


async def single_client(url, make_body, n):
    async with aiohttp.ClientSession() as session:
        for i in range(5):
            await post(session, url, make_body(i))
        out = []
        for i in range(n):
            ms, ok = await post(session, url, make_body(i))
            if ok:
                out.append(ms)
        return out


async def closed_loop(url, make_body, conversations, seconds, prepare=None):
    """`conversations` clients, each sending its next message when answered, for `seconds`."""
    latencies, errors = [], 0
    connector = aiohttp.TCPConnector(limit=conversations + 10)
    async with aiohttp.ClientSession(connector=connector) as session:
        if prepare:
            await asyncio.gather(*(prepare(session, c) for c in range(conversations)))
        stop_at = time.perf_counter() + seconds

        async def client(c):
            nonlocal errors
            i = 0
            while time.perf_counter() < stop_at:
                ms, ok = await post(session, url, make_body(c, i))
                i += 1
                if ok:
                    latencies.append(ms)
                else:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(client(c) for c in range(conversations)))
        elapsed = time.perf_counter() - start
    return {
        "msgs_per_s": len(latencies) / elapsed,
        "p50_ms": pct(latencies, 50),
        "p95_ms": pct(latencies, 95),
        "p99_ms": pct(latencies, 99),
        "errors": errors,
        "messages": len(latencies) + errors,
    }


# A conversation of TURNS messages, then a new one: a support chat is short, and a stored
# conversation is read back on every message, so one endless conversation would not be realistic.
TURNS = 10


def rest_body(text, prefix):
    return lambda c, i: {"sender": f"{prefix}-{c}-{i // TURNS}", "message": text}


async def verify(session, base, sender, n):
    """Verify one generated crowd customer in a conversation (not timed)."""
    phone, birth = crowd_identity(n)
    await post(session, base + "/webhooks/rest/webhook", {"sender": sender, "message": PERSONAL})
    await post(session, base + "/webhooks/rest/webhook", {"sender": sender, "message": f"{phone} {birth}"})


_CROWD = None


def crowd_identity(n):
    global _CROWD
    if _CROWD is None:
        from subscriber_db.demo_data import crowd_rows

        _CROWD = [(r["phone"], r["birth_date"].replace("-", "")[2:]) for r in crowd_rows(CROWD)]
    return _CROWD[n % len(_CROWD)]


async def parse_latency(base, text, n=100, ours=True):
    from auth.api_token import issue

    url = f"{base}/model/parse" if ours else f"{base}/model/parse?token={TOKEN}"
    headers = {**HEADERS, "Authorization": "Bearer " + issue(JWT_SECRET, "bench")} if ours else HEADERS
    async with aiohttp.ClientSession() as session:
        for _ in range(5):
            await post(session, url, {"text": text}, headers)
        out = []
        for _ in range(n):
            ms, ok = await post(session, url, {"text": text}, headers)
            if ok:
                out.append(ms)
    return out


def measure_bot(name, base, faq_body, personal, seconds, single_n, text):
    row = {"bot": name}
    faq = asyncio.run(
        single_client(base + "/webhooks/rest/webhook", lambda i: faq_body("single", i), single_n)
    )
    row["faq_single"] = {"p50_ms": statistics.median(faq), "p95_ms": pct(faq, 95), "p99_ms": pct(faq, 99)}
    if personal:

        async def personal_single():
            url, out = base + "/webhooks/rest/webhook", []
            async with aiohttp.ClientSession() as session:
                for i in range(single_n + 5):
                    sender = f"bench-personal-{i // TURNS}"
                    if i % TURNS == 0:  # a new customer verifies first (not timed)
                        await verify(session, base, sender, i // TURNS)
                    ms, ok = await post(session, url, {"sender": sender, "message": PERSONAL})
                    if ok and i >= 5:
                        out.append(ms)
            return out

        ms = asyncio.run(personal_single())
        row["personal_single"] = {
            "p50_ms": statistics.median(ms),
            "p95_ms": pct(ms, 95),
            "p99_ms": pct(ms, 99),
        }
    for conc in (20, 50):
        row[f"faq_c{conc}"] = asyncio.run(
            closed_loop(base + "/webhooks/rest/webhook", lambda c, i: faq_body(c, i), conc, seconds)
        )
    parse = asyncio.run(parse_latency(base, text, ours=personal))
    row["parse"] = {"p50_ms": statistics.median(parse), "p95_ms": pct(parse, 95)}
    return row


# -- the bots ------------------------------------------------------------------------------------
def our_env(extra=None):
    env = dict(
        os.environ,
        RASA_JWT_SECRET=JWT_SECRET,
        REST_CHANNEL_TOKEN=REST_TOKEN,
        KAKAO_SKILL_SECRET=KAKAO_SECRET,
        RASA_TELEMETRY_ENABLED="false",
        BOT_TODAY="2026-01-20",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    env.update(extra or {})
    return env


def seed(db_url):
    subprocess.run(
        [str(BIN / "seed-demo-subscribers"), "--crowd", str(CROWD)],
        check=True,
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=db_url),
        stdout=subprocess.DEVNULL,
    )


def train_time(project: Path, out: Path, extra_args=()) -> float:
    cache = tempfile.mkdtemp(prefix="rasa-cache-")  # from scratch: no cached components
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "rasa"), "train", "--out", str(out), "--fixed-model-name", "bench", *extra_args],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, RASA_CACHE_DIRECTORY=cache, RASA_TELEMETRY_ENABLED="false"),
    )
    shutil.rmtree(cache, ignore_errors=True)
    return time.perf_counter() - start


def run_ours(tmp: Path, args, results):
    rasa_port, action_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        '  headers:\n    Authorization: Bearer ${ACTION_SERVER_TOKEN}\n'
        f'tracker_store:\n  type: privacy.tracker_store.MaskingSQLTrackerStore\n'
        f'  dialect: "sqlite"\n  db: "{tmp / "tracker.sqlite3"}"\n',
        encoding="utf-8",
    )
    db_url = f"sqlite:///{tmp / 'subscribers.sqlite3'}"
    seed(db_url)
    env = our_env(
        {
            "RASA_PORT": str(rasa_port),
            "ACTION_PORT": str(action_port),
            "ENDPOINTS": str(endpoints),
            "LOG_DIR": str(tmp / "log"),
            "DATABASE_URL": db_url,
        }
    )
    base = f"http://127.0.0.1:{rasa_port}"
    stack = Launched([str(ROOT / "scripts" / "run_stack.sh")], env, ROOT, base + "/", tmp / "stack.log")
    try:
        time.sleep(2)
        row = measure_bot(
            "ours (embedded)", base, rest_body(FAQ, "faq"), True, args.seconds, args.single, FAQ
        )
        row["rss_mib"] = {k: peak_rss_mib(p) for k, p in named_processes(stack.proc.pid).items()}
        results.append(row)
        print("  ours (embedded): done", flush=True)
    finally:
        stack.stop()


def run_prod(tmp: Path, replicas: int, args, results):
    port = free_port()
    run_dir = tmp / f"prod{replicas}"
    env = our_env(
        {
            "RASA_PORT": str(port),
            "ACTION_PORT": str(free_port()),
            "REPLICAS": str(replicas),
            "REPLICA_BASE_PORT": str(free_port() + 200),
            "RUN_DIR": str(run_dir),
            "SUBSCRIBER_DB": "kt_remedy_bench",
            "TRACKER_DB": f"kt_remedy_bench_tracker{replicas}",
            "REDIS_DB": "3",
        }
    )
    base = f"http://127.0.0.1:{port}"
    stack = Launched(
        [str(ROOT / "scripts" / "run_prod.sh")], env, ROOT, base + "/", tmp / f"prod{replicas}.log"
    )
    try:
        time.sleep(2)
        row = {"bot": f"ours (prod, {replicas} replica{'s' if replicas > 1 else ''})"}
        for conc in (20, 50):
            row[f"faq_c{conc}"] = asyncio.run(
                closed_loop(
                    base + "/webhooks/rest/webhook", rest_body(FAQ, f"p{replicas}"), conc, args.seconds
                )
            )
        row["rss_mib"] = {k: peak_rss_mib(p) for k, p in named_processes(stack.proc.pid).items()}
        results.append(row)
        print(f"  prod {replicas}: done", flush=True)
    finally:
        stack.stop()


def run_bare(tmp: Path, args, results, train):
    project = tmp / "bare"
    project.mkdir()
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(
            os.environ,
            RASA_TELEMETRY_ENABLED="false",
            RASA_CACHE_DIRECTORY=tempfile.mkdtemp(prefix="rasa-cache-"),
        ),
    )
    init_s = time.perf_counter() - start
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    model = sorted((project / "models").glob("*.tar.gz"))[-1]
    server = Launched(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--enable-api",
            "--auth-token",
            TOKEN,
        ],
        dict(os.environ, RASA_TELEMETRY_ENABLED="false"),
        project,
        base + "/",
        tmp / "bare.log",
    )
    try:
        time.sleep(2)
        row = measure_bot(
            "bare rasa init",
            base,
            rest_body(BARE_TEXT, "bare"),
            False,
            args.seconds,
            args.single,
            BARE_TEXT,
        )
        row["rss_mib"] = {"rasa server": peak_rss_mib(server.proc.pid)}
        if train:
            row["train_s"] = train_time(project, tmp / "bare-models")
        row["init_s"] = init_s
        results.append(row)
        print("  bare rasa init: done", flush=True)
    finally:
        server.stop()


# -- report ------------------------------------------------------------------------------------
def fmt(v, digits=0):
    return "-" if v is None or v != v else f"{v:.{digits}f}"


def report(results):
    ours = next(r for r in results if r["bot"] == "ours (embedded)")
    bare = next(r for r in results if r["bot"] == "bare rasa init")
    lines = [
        "",
        "| bot | FAQ p50 / p95 / p99 ms (1 client) | personal p50 / p95 / p99 ms | msg/s @20 (p95 ms, errors) "
        "| msg/s @50 (p95 ms, errors) | /model/parse p50 ms | train s | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        faq, per = r.get("faq_single"), r.get("personal_single")
        c20, c50 = r.get("faq_c20"), r.get("faq_c50")
        rss = " + ".join(f"{k2} {fmt(v)}" for k2, v in r.get("rss_mib", {}).items())
        lines.append(
            "| "
            + " | ".join(
                [
                    r["bot"],
                    f"{fmt(faq['p50_ms'])} / {fmt(faq['p95_ms'])} / {fmt(faq['p99_ms'])}" if faq else "-",
                    f"{fmt(per['p50_ms'])} / {fmt(per['p95_ms'])} / {fmt(per['p99_ms'])}" if per else "-",
                    f"{fmt(c20['msgs_per_s'], 1)} ({fmt(c20['p95_ms'])}, {c20['errors']})" if c20 else "-",
                    f"{fmt(c50['msgs_per_s'], 1)} ({fmt(c50['p95_ms'])}, {c50['errors']})" if c50 else "-",
                    fmt(r["parse"]["p50_ms"], 1) if r.get("parse") else "-",
                    fmt(r.get("train_s")),
                    rss or "-",
                ]
            )
            + " |"
        )
    single = ours["faq_single"]["p50_ms"] / bare["faq_single"]["p50_ms"]
    thr = ours["faq_c20"]["msgs_per_s"] / bare["faq_c20"]["msgs_per_s"]
    lines += [
        "",
        f"ratios, ours (embedded) / bare: single-client FAQ p50 {single:.2f}× (target ≤ 0.33), "
        f"throughput @20 {thr:.2f}× (target ≥ 3, p95 < 500 ms, 0 errors: "
        f"p95 {fmt(ours['faq_c20']['p95_ms'])} ms, {ours['faq_c20']['errors']} errors)",
    ]
    prods = [r for r in results if r["bot"].startswith("ours (prod")]
    if len(prods) == 2:
        lines.append(
            f"production profile, 2 replicas / 1 replica @50: "
            f"{prods[1]['faq_c50']['msgs_per_s'] / prods[0]['faq_c50']['msgs_per_s']:.2f}×"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each load phase")
    parser.add_argument("--single", type=int, default=200, help="messages in each single-client run")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-prod", action="store_true")
    args = parser.parse_args()
    args.conversations = [20, 50]
    if args.quick:
        args.seconds, args.single = 8.0, 60
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    print(f"bench on {os.cpu_count()} cores; load phases of {args.seconds:.0f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="kt-bench-") as tmp:
        tmp = Path(tmp)
        run_ours(tmp, args, results)
        if not args.quick:
            results[-1]["train_s"] = train_time(ROOT, tmp / "ours-models")
        run_bare(tmp, args, results, train=not args.quick)
        if not (args.quick or args.skip_prod):
            for replicas in (1, 2):
                run_prod(tmp, replicas, args, results)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(report(results))
    # The KakaoTalk door as Kakao sees it (bench/kakao.py): answer times, first request, loop lag.
    import kakao

    kakao_rows = [kakao.run(args, prod=False)]
    if not (args.quick or args.skip_prod):
        kakao_rows.append(kakao.run(args, prod=True))
    (OUT / "kakao.json").write_text(json.dumps(kakao_rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(kakao.report(kakao_rows))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
