"""The report's numbers, computed from turns (pure: no database, no clock).

Definitions (the page and the CSV say the same):

- a *customer message* is a user event; its *door* is the event's input channel;
- a *conversation* is one conversation id's messages on one Seoul calendar day (a KakaoTalk
  user who writes again tomorrow counts again; a web tab that stays open past midnight too);
- a message's *answer kind* is the last ``answer_kind`` slot set before the next message;
  with none, ``chitchat`` when an ``utter_*`` response ran, else ``none`` (nothing recorded:
  an action that failed, or a turn the conversation code does not label);
- *response time* is the turn's last bot message minus the customer message (messages the bot
  did not answer have none); p50/p95 are nearest-rank percentiles;
- verification outcomes and filed applications are counted per slot event;
- shares are of all customer messages in the range, in percent with one decimal.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ops_report.store import VERIFICATION_STATES, DayRange, Turn

DOORS = ("web", "kakao", "agent", "rest")
DOOR_LABELS = {
    "web": "웹 채팅",
    "kakao": "카카오톡",
    "agent": "상담원",
    "rest": "REST",
    "other": "기타",
    "all": "전체",
}
# In the order the page lists them; the contract's kinds first, then what the report infers.
KINDS = (
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
    "none",
)
KIND_LABELS = {
    "faq": "FAQ 답변",
    "case": "메시지 속 사실로 판단",
    "personal": "본인 확인 후 개인 답변",
    "agent_lookup": "상담원 조회",
    "clarification": "되묻기",
    "fallback": "이해 못 함 (fallback)",
    "handover": "114 상담 연결 안내",
    "verification": "본인 확인 진행",
    "application": "환급 신청 진행",
    "application_filed": "환급 신청 접수",
    "chitchat": "인사·잡담",
    "none": "기록 없음",
}
VERIFICATION_LABELS = {"started": "시작", "succeeded": "성공", "failed": "실패", "locked": "잠김"}
TOP_TOPICS = 15


def door_of(turn: Turn) -> str:
    return turn.door if turn.door in DOORS else "other"


def kind_of(turn: Turn) -> str:
    if turn.kind:
        return turn.kind
    return "chitchat" if turn.uttered else "none"


def day_of(ts: float) -> date:
    # Korea has kept UTC+9 without daylight saving since 1988: integer arithmetic, no tz lookups.
    return date.fromordinal(int((ts + 9 * 3600) // 86400) + 719163)


def percentile(sorted_values: Sequence[float], p: float) -> Optional[float]:
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def share(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


def ms(seconds: Optional[float]) -> Optional[int]:
    return None if seconds is None else int(round(seconds * 1000))


@dataclass
class Traffic:
    conversations: int = 0
    messages: int = 0


@dataclass
class Response:
    answered: int
    p50_ms: Optional[int]
    p95_ms: Optional[int]


@dataclass
class Report:
    days: DayRange
    generated_at: datetime
    messages: int
    conversations: int
    traffic: Dict[Tuple[date, str], Traffic]  # (day, door) → counts; only where there were messages
    doors: Dict[str, Traffic]  # door → counts over the range
    kinds: Counter  # kind → messages
    kinds_by_day: Dict[date, Counter]
    topics: Dict[str, Counter]  # topic → kind → messages
    verification: Counter  # state → slot events
    applications_filed: int
    response: Dict[str, Response]  # door (and "all") → response times
    doors_seen: List[str] = field(default_factory=list)

    # -- derived ----------------------------------------------------------------------------
    def kind_rows(self) -> List[Tuple[str, int, float]]:
        extra = sorted(k for k in self.kinds if k not in KINDS)
        return [
            (k, self.kinds.get(k, 0), share(self.kinds.get(k, 0), self.messages))
            for k in KINDS + tuple(extra)
        ]

    def topic_rows(self, limit: Optional[int] = None) -> List[Tuple[str, int, float, Counter]]:
        rows = sorted(((t, sum(c.values()), c) for t, c in self.topics.items()), key=lambda r: (-r[1], r[0]))
        rows = rows[:limit] if limit else rows
        return [(t, n, share(n, self.messages), c) for t, n, c in rows]

    def daily_fallback_rate(self) -> List[Tuple[date, int, float]]:
        out = []
        for day in self.days.days():
            kinds = self.kinds_by_day.get(day, Counter())
            total = sum(kinds.values())
            out.append((day, total, share(kinds.get("fallback", 0), total)))
        return out

    @property
    def fallback_share(self) -> float:
        return share(self.kinds.get("fallback", 0), self.messages)

    @property
    def verification_success_rate(self) -> Optional[float]:
        done = sum(self.verification.get(s, 0) for s in ("succeeded", "failed", "locked"))
        return share(self.verification.get("succeeded", 0), done) if done else None


def compute(turns: Iterable[Turn], days: DayRange, generated_at: datetime) -> Report:
    traffic: Dict[Tuple[date, str], Traffic] = defaultdict(Traffic)
    conversations = set()
    kinds: Counter = Counter()
    kinds_by_day: Dict[date, Counter] = defaultdict(Counter)
    topics: Dict[str, Counter] = defaultdict(Counter)
    verification = [0, 0, 0, 0]
    filed = 0
    response_times: Dict[str, List[float]] = defaultdict(list)
    messages = 0
    for t in turns:
        messages += 1
        day, door, kind = day_of(t.ts), door_of(t), kind_of(t)
        cell = traffic[(day, door)]
        cell.messages += 1
        key = (t.sender_id, day, door)
        if key not in conversations:
            conversations.add(key)
            cell.conversations += 1
        kinds[kind] += 1
        kinds_by_day[day][kind] += 1
        if t.topic:
            topics[t.topic][kind] += 1
        for i, n in enumerate(t.verification):
            verification[i] += n
        filed += t.filed
        if t.bot_ts is not None:
            response_times[door].append(max(0.0, t.bot_ts - t.ts))
    doors: Dict[str, Traffic] = defaultdict(Traffic)
    for (_, door), cell in traffic.items():
        doors[door].conversations += cell.conversations
        doors[door].messages += cell.messages
    response: Dict[str, Response] = {}
    everything: List[float] = []
    for door, values in response_times.items():
        values.sort()
        everything.extend(values)
        response[door] = Response(len(values), ms(percentile(values, 50)), ms(percentile(values, 95)))
    everything.sort()
    response["all"] = Response(
        len(everything), ms(percentile(everything, 50)), ms(percentile(everything, 95))
    )
    seen = [d for d in DOORS + ("other",) if d in doors]
    return Report(
        days,
        generated_at,
        messages,
        len(conversations),
        dict(traffic),
        dict(doors),
        kinds,
        dict(kinds_by_day),
        dict(topics),
        Counter(dict(zip(VERIFICATION_STATES, verification, strict=False))),
        filed,
        response,
        seen,
    )


# -- one shape for the page (JSON) and the CSV ----------------------------------------------------
CSV_COLUMNS = ("section", "day", "door", "group", "item", "value", "share_pct")


def csv_rows(r: Report) -> List[Tuple]:
    """Every figure of the report as one tidy table (one figure per row; opens in a spreadsheet)."""
    rows: List[Tuple] = [
        ("range", "", "", "", "from", r.days.first.isoformat(), ""),
        ("range", "", "", "", "to", r.days.last.isoformat(), ""),
        ("range", "", "", "", "generated_at", r.generated_at.isoformat(timespec="seconds"), ""),
        ("traffic", "all", "all", "", "conversations", r.conversations, ""),
        ("traffic", "all", "all", "", "messages", r.messages, ""),
    ]
    for door in r.doors_seen:
        cell = r.doors[door]
        rows.append(("traffic", "all", door, "", "conversations", cell.conversations, ""))
        rows.append(("traffic", "all", door, "", "messages", cell.messages, share(cell.messages, r.messages)))
    for day in r.days.days():
        for door in r.doors_seen:
            cell = r.traffic.get((day, door))
            if cell:
                rows.append(("traffic", day.isoformat(), door, "", "conversations", cell.conversations, ""))
                rows.append(("traffic", day.isoformat(), door, "", "messages", cell.messages, ""))
    for kind, n, pct in r.kind_rows():
        rows.append(("answers", "all", "all", "", kind, n, pct))
    for day in r.days.days():
        for kind, n in sorted(r.kinds_by_day.get(day, {}).items(), key=lambda kv: _kind_order(kv[0])):
            rows.append(("answers", day.isoformat(), "all", "", kind, n, ""))
    for day, total, rate in r.daily_fallback_rate():
        if total:
            rows.append(("fallback_rate", day.isoformat(), "all", "", "fallback_rate", rate, ""))
    for topic, n, pct, by_kind in r.topic_rows():
        rows.append(("topics", "all", "all", "all", topic, n, pct))
        for kind, k in sorted(by_kind.items(), key=lambda kv: _kind_order(kv[0])):
            rows.append(("topics", "all", "all", kind, topic, k, ""))
    for state in VERIFICATION_STATES:
        rows.append(("verification", "all", "all", "", state, r.verification.get(state, 0), ""))
    rows.append(("applications", "all", "all", "", "application_filed", r.applications_filed, ""))
    for door in [d for d in r.doors_seen if d in r.response] + ["all"]:
        resp = r.response[door]
        rows.append(("response_time", "all", door, "", "answered_messages", resp.answered, ""))
        rows.append(
            ("response_time", "all", door, "", "p50_ms", "" if resp.p50_ms is None else resp.p50_ms, "")
        )
        rows.append(
            ("response_time", "all", door, "", "p95_ms", "" if resp.p95_ms is None else resp.p95_ms, "")
        )
    return rows


def _kind_order(kind: str) -> Tuple[int, str]:
    return (KINDS.index(kind), "") if kind in KINDS else (len(KINDS), kind)


def to_json(r: Report) -> dict:
    """What the page draws; the same numbers as ``csv_rows``."""
    return {
        "range": {"from": r.days.first.isoformat(), "to": r.days.last.isoformat()},
        "generated_at": r.generated_at.isoformat(timespec="seconds"),
        "totals": {
            "conversations": r.conversations,
            "messages": r.messages,
            "fallback_share": r.fallback_share,
            "applications_filed": r.applications_filed,
            "verification_success_rate": r.verification_success_rate,
            "p50_ms": r.response["all"].p50_ms,
            "p95_ms": r.response["all"].p95_ms,
        },
        "doors": [
            {
                "door": d,
                "label": DOOR_LABELS[d],
                "conversations": r.doors[d].conversations,
                "messages": r.doors[d].messages,
                "share": share(r.doors[d].messages, r.messages),
                "answered": r.response[d].answered if d in r.response else 0,
                "p50_ms": r.response[d].p50_ms if d in r.response else None,
                "p95_ms": r.response[d].p95_ms if d in r.response else None,
            }
            for d in r.doors_seen
        ],
        "daily": [
            {
                "day": day.isoformat(),
                "doors": {
                    d: {
                        "conversations": r.traffic[(day, d)].conversations,
                        "messages": r.traffic[(day, d)].messages,
                    }
                    for d in r.doors_seen
                    if (day, d) in r.traffic
                },
                "messages": total,
                "fallback_rate": rate,
            }
            for day, total, rate in r.daily_fallback_rate()
        ],
        "kinds": [
            {"kind": k, "label": KIND_LABELS.get(k, k), "count": n, "share": pct}
            for k, n, pct in r.kind_rows()
        ],
        "topics": [
            {
                "topic": t,
                "count": n,
                "share": pct,
                "kinds": [
                    {"kind": k, "label": KIND_LABELS.get(k, k), "count": c}
                    for k, c in sorted(by_kind.items(), key=lambda kv: _kind_order(kv[0]))
                ],
            }
            for t, n, pct, by_kind in r.topic_rows(TOP_TOPICS)
        ],
        "topics_total": len(r.topics),
        "verification": [
            {"state": s, "label": VERIFICATION_LABELS[s], "count": r.verification.get(s, 0)}
            for s in VERIFICATION_STATES
        ],
    }
