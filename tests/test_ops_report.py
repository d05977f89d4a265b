"""The operators' report on a seeded conversation store, SQLite and PostgreSQL, same code: every
figure checked against the generated plans (counted here independently), read-only opening, the
CSV and the page's JSON saying the same, and a store written by Rasa's own tracker store."""

import csv
import hashlib
import io
import json
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

import numpy as np
import pytest
import sqlalchemy as sa

from ops_report import charts, figures
from ops_report import sample_store as ss
from ops_report.service import OpsService
from ops_report.store import DayRange, read_only_engine, read_turns, url_from_endpoints
from remedy_rules.clock import SEOUL

FIRST, LAST = date(2026, 1, 12), date(2026, 1, 18)
DAYS = DayRange(FIRST, LAST)


def at(day: date, hh: int, mm: int = 0, ss_: float = 0.0) -> float:
    return datetime.combine(day, time(hh, mm), SEOUL).timestamp() + ss_


def edge_plans(planner: ss.Planner):
    """Hand-made conversations at the edges of the range and of the contract."""
    P, T = ss.ConversationPlan, ss.TurnPlan
    before = FIRST - timedelta(days=1)
    plans = [
        # Starts the evening before the range and goes on after midnight: only the later turn counts.
        P(
            "kakao-edge-1",
            "kakao",
            [
                T(
                    at(before, 23, 59, 30),
                    "kakao",
                    "보답 프로그램이 뭐예요?",
                    "ask_rewards",
                    0.95,
                    [("ask_rewards", 0.95)],
                    kinds=("faq",),
                    topic="ask_rewards",
                    response=0.4,
                ),
                T(
                    at(FIRST, 0, 0, 10),
                    "kakao",
                    "데이터 100GB 언제 줘요?",
                    "ask_reward_data",
                    0.9,
                    [("ask_reward_data", 0.9)],
                    kinds=("faq",),
                    topic="ask_reward_data",
                    response=0.3,
                ),
            ],
        ),
        # A question a second before the end of the range, answered after midnight: it counts, answer included.
        P(
            "web-edge-2",
            "web",
            [
                T(
                    at(LAST, 23, 59, 59.5),
                    "web",
                    "환급금 언제 들어와요?",
                    "ask_refund_schedule",
                    0.97,
                    [("ask_refund_schedule", 0.97)],
                    kinds=("faq",),
                    topic="ask_refund_schedule",
                    response=1.25,
                ),
                # ... and the next one, after the range: neither it nor its answer counts.
                T(
                    at(LAST + timedelta(days=1), 0, 0, 30),
                    "web",
                    "감사합니다",
                    "thanks",
                    0.99,
                    [("thanks", 0.99)],
                    utter="utter_thanks",
                    response=0.2,
                ),
            ],
        ),
        # No bot message at all (an action failed): kind "none", no response time.
        P(
            "rest-edge-3",
            "rest",
            [
                T(
                    at(FIRST, 10),
                    "rest",
                    "위약금 면제 기간이 언제예요?",
                    "ask_waiver_window",
                    0.9,
                    [("ask_waiver_window", 0.9)],
                    response=None,
                )
            ],
        ),
        # An input channel outside the four doors.
        P(
            "cmd-edge-4",
            "cmdline",
            [
                T(
                    at(FIRST + timedelta(days=2), 9),
                    "cmdline",
                    "안녕하세요",
                    "greet",
                    0.99,
                    [("greet", 0.99)],
                    utter="utter_greet",
                    response=0.1,
                )
            ],
        ),
        # The same KakaoTalk user on two days: two conversations.
        P(
            "kakao-edge-5",
            "kakao",
            [
                T(
                    at(FIRST + timedelta(days=3), 12),
                    "kakao",
                    "상담원 연결해 주세요",
                    "request_human",
                    0.9,
                    [("request_human", 0.9)],
                    kinds=("handover",),
                    topic="request_human",
                    response=0.3,
                )
            ],
        ),
        P(
            "kakao-edge-5",
            "kakao",
            [
                T(
                    at(FIRST + timedelta(days=4), 12),
                    "kakao",
                    "상담원 연결해 주세요",
                    "request_human",
                    0.9,
                    [("request_human", 0.9)],
                    kinds=("handover",),
                    topic="request_human",
                    response=0.3,
                )
            ],
        ),
    ]
    # Outside the range entirely: a whole day before and after.
    plans.append(planner.conversation(FIRST - timedelta(days=3)))
    plans.append(planner.conversation(LAST + timedelta(days=2)))
    return plans


@pytest.fixture(scope="module")
def plans():
    planner = ss.Planner(seed=2026)
    return planner.plans(FIRST, (LAST - FIRST).days + 1, 25) + edge_plans(planner)


def expected(plans, days: DayRange):
    """The report's figures counted from the plans, without the report's code."""
    day = lambda ts: datetime.fromtimestamp(ts, SEOUL).date()  # noqa: E731
    door = lambda d: d if d in ("web", "kakao", "agent", "rest") else "other"  # noqa: E731
    turns = [(p.sender_id, t) for p in plans for t in p.turns if days.start_ts <= t.ts < days.end_ts]
    out = {"messages": len(turns), "conversations": len({(s, day(t.ts), door(t.door)) for s, t in turns})}
    traffic = defaultdict(lambda: [set(), 0])
    for s, t in turns:
        cell = traffic[(day(t.ts), door(t.door))]
        cell[0].add(s)
        cell[1] += 1
    out["traffic"] = {k: (len(v[0]), v[1]) for k, v in traffic.items()}
    kind = lambda t: t.kind or ("chitchat" if t.utter else "none")  # noqa: E731
    out["kinds"] = Counter(kind(t) for _, t in turns)
    out["kinds_by_day"] = Counter((day(t.ts), kind(t)) for _, t in turns)
    out["topics"] = Counter((t.topic, kind(t)) for _, t in turns if t.topic)
    out["verification"] = Counter(v for _, t in turns for v in t.verification)
    out["filed"] = sum(t.kinds.count("application_filed") for _, t in turns)
    resp = defaultdict(list)
    for _, t in turns:
        if t.response is not None:
            resp[door(t.door)].append(t.response)
            resp["all"].append(t.response)
    out["response"] = {
        d: (
            len(v),
            int(round(float(np.percentile(v, 50, method="inverted_cdf")) * 1000)),
            int(round(float(np.percentile(v, 95, method="inverted_cdf")) * 1000)),
        )
        for d, v in resp.items()
    }
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path, plans):
    url = (
        f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    writer = sa.create_engine(url, future=True)
    ss.write_store(writer, plans)
    writer.dispose()
    return url


def test_every_figure_matches_the_seed(store_url, plans):
    engine = read_only_engine(store_url)
    try:
        r = figures.compute(read_turns(engine, DAYS), DAYS, datetime(2026, 1, 19, tzinfo=SEOUL))
    finally:
        engine.dispose()
    e = expected(plans, DAYS)
    assert r.messages == e["messages"] > 500
    assert r.conversations == e["conversations"]
    assert {k: (v.conversations, v.messages) for k, v in r.traffic.items()} == e["traffic"]
    assert {k: n for k, n, _ in r.kind_rows() if n} == dict(e["kinds"])
    assert Counter({(d, k): n for d, c in r.kinds_by_day.items() for k, n in c.items()}) == e["kinds_by_day"]
    assert Counter({(t, k): n for t, c in r.topics.items() for k, n in c.items()}) == e["topics"]
    assert dict(r.verification) == {
        s: e["verification"].get(s, 0) for s in ("started", "succeeded", "failed", "locked")
    }
    assert r.applications_filed == e["filed"] > 0
    assert {d: (v.answered, v.p50_ms, v.p95_ms) for d, v in r.response.items()} == e["response"]
    # The edges: the door outside the four, the turn answered after midnight, the silent turn.
    assert "other" in r.doors_seen and r.kinds["none"] >= 1
    assert all(
        e["kinds"][k]
        for k in (
            "faq",
            "case",
            "personal",
            "agent_lookup",
            "clarification",
            "fallback",
            "handover",
            "verification",
            "application",
            "application_filed",
            "chitchat",
        )
    )


def test_days_are_seoul_calendar_days_and_the_range_is_inclusive(store_url, plans):
    one = DayRange(LAST, LAST)
    engine = read_only_engine(store_url)
    try:
        turns = read_turns(engine, one)
    finally:
        engine.dispose()
    edge = [t for t in turns if t.sender_id == "web-edge-2"]
    assert len(edge) == 1 and edge[0].response_seconds == pytest.approx(1.25)
    assert len(turns) == expected(plans, one)["messages"]


def test_the_report_never_writes_to_the_store(store_url):
    engine = read_only_engine(store_url)
    if store_url.startswith("sqlite"):
        path = store_url[len("sqlite:///") :]
        before = hashlib.sha256(open(path, "rb").read()).hexdigest()
    with engine.connect() as conn:
        count = conn.execute(sa.text("select count(*) from events")).scalar_one()
    service = OpsService(store_url, repo=None)
    service.report_json(DAYS)
    service.report_csv(DAYS)
    with pytest.raises(sa.exc.DBAPIError, match="(?i)read-?only"):
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "insert into events (sender_id, type_name, timestamp, data) values ('x', 'user', 1, '{}')"
                )
            )
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from events")).scalar_one() == count
    if store_url.startswith("sqlite"):
        assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before
    service.close()
    engine.dispose()


def test_csv_and_page_json_hold_the_same_numbers(store_url):
    service = OpsService(store_url, repo=None)
    page = service.report_json(DAYS)
    rows = list(csv.DictReader(io.StringIO(service.report_csv(DAYS).lstrip("\ufeff"))))
    service.close()
    fig = {(r["section"], r["day"], r["door"], r["group"], r["item"]): r for r in rows}
    assert fig[("traffic", "all", "all", "", "messages")]["value"] == str(page["totals"]["messages"])
    assert fig[("traffic", "all", "all", "", "conversations")]["value"] == str(
        page["totals"]["conversations"]
    )
    for d in page["doors"]:
        assert fig[("traffic", "all", d["door"], "", "messages")]["value"] == str(d["messages"])
        assert fig[("response_time", "all", d["door"], "", "p95_ms")]["value"] == str(d["p95_ms"])
    for k in page["kinds"]:
        row = fig[("answers", "all", "all", "", k["kind"])]
        assert (row["value"], row["share_pct"]) == (str(k["count"]), str(k["share"]))
    for t in page["topics"]:
        assert fig[("topics", "all", "all", "all", t["topic"])]["value"] == str(t["count"])
    for v in page["verification"]:
        assert fig[("verification", "all", "all", "", v["state"])]["value"] == str(v["count"])
    for d in page["daily"]:
        if d["messages"]:
            assert fig[("fallback_rate", d["day"], "all", "", "fallback_rate")]["value"] == str(
                d["fallback_rate"]
            )
        for door, cell in d["doors"].items():
            assert fig[("traffic", d["day"], door, "", "messages")]["value"] == str(cell["messages"])
    shares = [float(r["share_pct"]) for r in rows if r["section"] == "answers" and r["day"] == "all"]
    assert sum(shares) == pytest.approx(100, abs=0.6)


def test_charts_are_self_contained_svg(store_url):
    service = OpsService(store_url, repo=None)
    r = service.report(DAYS)
    service.close()
    import xml.etree.ElementTree as ET

    for svg in (charts.answers_chart(r), charts.doors_chart(r)):
        root = ET.fromstring(svg)  # well-formed
        assert (
            root.tag.endswith("svg")
            and "script" not in svg
            and "style=" not in svg
            and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
        )
    # One bar segment per day and kind, with the day's count; one point per day on the fallback line.
    answers = ET.fromstring(charts.answers_chart(r))
    ns = "{http://www.w3.org/2000/svg}"
    bars = {
        (b.get("data-day"), b.get("data-key")): int(b.get("data-value"))
        for b in answers.iter(ns + "rect")
        if b.get("data-day")
    }
    assert bars == {(d.isoformat(), k): n for d, c in r.kinds_by_day.items() for k, n in c.items() if n}
    points = {c.get("data-day"): float(c.get("data-value")) for c in answers.iter(ns + "circle")}
    assert points == {d.isoformat(): rate for d, total, rate in r.daily_fallback_rate() if total}


def test_an_empty_range_and_bad_ranges():
    r = figures.compute([], DAYS, datetime(2026, 1, 19, tzinfo=SEOUL))
    assert r.messages == 0 and r.response["all"].p50_ms is None
    assert "메시지가 없어요" in charts.answers_chart(r)
    assert figures.csv_rows(r)  # still a well-formed table
    with pytest.raises(ValueError):
        DayRange.parse("2026-01-10", "2026-01-01")
    with pytest.raises(ValueError):
        DayRange.parse("2025-01-01", "2026-06-01")
    with pytest.raises(ValueError):
        DayRange.parse("2026-13-01", None)
    assert DayRange.parse(None, "2026-01-31") == DayRange(date(2026, 1, 2), date(2026, 1, 31))


def test_the_store_is_found_in_the_endpoints_file(tmp_path):
    import settings

    assert (
        url_from_endpoints(settings.ROOT / "endpoints.yml")
        == f"sqlite:///{settings.ROOT / 'var' / 'tracker.sqlite3'}"
    )
    env = {
        "PG_HOST": "db.internal",
        "PG_PORT": "5433",
        "PG_USER": "kt",
        "PG_PASSWORD": "pw",
        "TRACKER_DB": "tracker",
        "ACTION_URL": "x",
        "REDIS_HOST": "r",
        "REDIS_PORT": "1",
        "REDIS_DB": "1",
    }
    assert (
        url_from_endpoints(settings.ROOT / "deploy" / "endpoints.prod.yml", env)
        == "postgresql+psycopg2://kt:pw@db.internal:5433/tracker"
    )


def test_a_store_written_by_rasa_itself_is_read_the_same(tmp_path):
    """The contract's events written by privacy.tracker_store (Rasa's SQL tracker store underneath)."""
    import asyncio

    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    from privacy.tracker_store import MaskingSQLTrackerStore

    db = tmp_path / "rasa.db"
    store = MaskingSQLTrackerStore(dialect="sqlite", db=str(db))
    slots = [TextSlot(n, mappings=[]) for n in ("answer_kind", "answer_topic", "verification")]
    tracker = DialogueStateTracker("web-rasa", slots)
    t0 = at(FIRST, 9)
    parse = {
        "intent": {"name": "ask_refund_schedule", "confidence": 0.42},
        "intent_ranking": [{"name": "ask_refund_schedule", "confidence": 0.42}],
        "entities": [],
    }
    for event in [
        UserUttered(
            "제 번호 010-1234-5678 환급 언제", parse["intent"], [], parse, timestamp=t0, input_channel="web"
        ),
        ActionExecuted("verify_form", timestamp=t0 + 0.01),
        SlotSet("verification", "started", timestamp=t0 + 0.02),
        SlotSet("answer_kind", "verification", timestamp=t0 + 0.03),
        BotUttered("휴대폰 번호를 알려 주세요", timestamp=t0 + 0.35),
        ActionExecuted("action_listen", timestamp=t0 + 0.36),
        UserUttered(
            "안녕", {"name": "greet", "confidence": 0.99}, [], timestamp=t0 + 30, input_channel="kakao"
        ),
        ActionExecuted("utter_greet", timestamp=t0 + 30.01),
        BotUttered("안녕하세요", timestamp=t0 + 30.2),
    ]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    store.engine.dispose()

    engine = read_only_engine(f"sqlite:///{db}")
    turns = read_turns(engine, DAYS)
    engine.dispose()
    assert [(t.door, t.intent, t.kind, t.verification, t.uttered) for t in turns] == [
        ("web", "ask_refund_schedule", "verification", [1, 0, 0, 0], False),
        ("kakao", "greet", None, [0, 0, 0, 0], True),
    ]
    assert turns[0].confidence == pytest.approx(0.42)
    assert [round(t.response_seconds, 2) for t in turns] == [0.35, 0.2]
    report = figures.compute(turns, DAYS, datetime.now(SEOUL))
    assert {k: n for k, n, _ in report.kind_rows() if n} == {"verification": 1, "chitchat": 1}
    assert json.dumps(figures.to_json(report))
