"""Structured answers beside the wording: the same facts as rows a door can draw as a card.

Door-agnostic. The actions send one of these as ``json_message`` ({"card": …}) next to the text;
each door renders it its own way (KakaoTalk: itemCard/textCard, the widget: HTML, REST: as
``custom``, the agents' page: the structured agent card). Pure: built from the one decision and
the values the Korean wording is built from, never from the wording itself.

Shape: {"kind", "title", "rows": [{"label", "value"}], "summary": {"label", "value"} | None,
"text" (the card's own body, when it stands for the message), "suggestions": [{"title",
"payload"}]}; the agents' card adds "identity" (masked), "decision" (status, reason codes) and
"say" (the one sentence to tell the customer).
"""

import re
from datetime import date, time
from typing import Any, Dict, List, Optional

from remedy_rules import program as p
from remedy_rules.codes import Decision
from remedy_rules.decision import LineDecision, application_state, decide_line
from remedy_rules.eligibility import waiver_status
from remedy_rules.line import Line
from wording_ko.explain import CHANNEL_NAMES, PAYOUT_REASON, won
from wording_ko.personal import answer_for

Card = Dict[str, Any]
_SENTENCE = re.compile(r"[.!?](?=\s|$)")
# Next questions a customer usually has after each card (payloads are the NLU's intents).
NEXT_AFTER_RESULT = [
    {"title": "환급 신청 방법", "payload": "/ask_how_to_apply"},
    {"title": "환급금 지급일", "payload": "/ask_refund_schedule"},
    {"title": "보답 프로그램", "payload": "/ask_rewards"},
]
NEXT_AFTER_ELIGIBILITY = [
    {"title": "내 회선 확인", "payload": "/check_my_eligibility"},
    {"title": "환급 신청 방법", "payload": "/ask_how_to_apply"},
    {"title": "환급금 지급일", "payload": "/ask_refund_schedule"},
]
NEXT_AFTER_SCHEDULE = [
    {"title": "내 지급일 확인", "payload": "/check_my_eligibility"},
    {"title": "환급 신청 방법", "payload": "/ask_how_to_apply"},
]
WAIVER_WORD = {
    "eligible": "면제 대상",
    "eligible_if_leaves": f"{p.WAIVER_END.month}월 {p.WAIVER_END.day}일까지 해지하면 대상",
    "not_eligible": "대상 아님",
    "undecided": "확인 필요",
}
STATE_WORD = {"future": "신청 기간 전", "open": "신청 가능", "closed": "신청 기간 끝남"}


def _md(d: date) -> str:
    return f"{d.month}월 {d.day}일"


def _dot(d: date) -> str:
    """'9.1': short enough for a card row (Kakao shows two lines of it)."""
    return f"{d.month}.{d.day}"


def _ymd(d: Optional[date]) -> str:
    return d.isoformat() if d else "-"


def _payout(d: LineDecision) -> str:
    r = d.refund
    for key in ("paid_on", "paid_on_if_applied_today", "paid_on_if_applied_first_day"):
        day = r.dates.get(key)
        if isinstance(day, date):
            return day.isoformat() if key == "paid_on" else f"{day.isoformat()} (신청 시)"
    return "없음" if r.decision is Decision.NO else "확인 필요"


def _application(d: LineDecision, channel: Optional[str] = None) -> str:
    applied = d.facts.applied_on
    if applied is not None:
        via = CHANNEL_NAMES.get(channel or "", "")
        return f"{applied.start.isoformat()} 신청" + (f"({via})" if via else "")
    if d.refund.decision is Decision.NO:
        return "신청할 환급 없음"
    return f"미신청 · {STATE_WORD[application_state(d.on)]}"


def _status(line: Line) -> str:
    return f"해지 {_ymd(line.terminated_on)}" if line.terminated else "사용 중"


def line_result(line_name: str, line: Line, d: LineDecision, channel: Optional[str] = None) -> Card:
    """The customer's own verified line: line, status, decision, application, payout; the amount."""
    refundable = d.refund.refundable_krw or 0
    return {
        "kind": "line_result",
        "title": "내 회선 확인 결과",
        "rows": [
            {"label": "회선", "value": line_name},
            {"label": "상태", "value": _status(line)},
            {"label": "위약금 면제", "value": WAIVER_WORD[waiver_status(d.waiver).value]},
            {"label": "환급 신청", "value": _application(d, channel)},
            {"label": "지급일", "value": _payout(d)},
        ],
        "summary": {
            "label": "환급 금액",
            "value": won(refundable) if d.refund.decision is not Decision.NO else "없음",
        },
        "suggestions": NEXT_AFTER_RESULT,
    }


def payout_schedule() -> Card:
    """The payout table (FACTS §3) as rows: when paid, for whom."""
    rows = [
        {
            "label": _md(paid),
            "value": f"{_dot(t_from)}~{_dot(t_to)} 해지, {_dot(a_from)}~{_dot(a_to)} 신청",
        }
        for t_from, t_to, a_from, a_to, paid in p.PAYOUT_TABLE
    ]
    return {
        "kind": "payout_schedule",
        "title": "환급금 지급일",
        "rows": rows,
        "suggestions": NEXT_AFTER_SCHEDULE,
    }


# The card's title by the topic its answer decides (a reward decided by an age is no waiver notice).
_TITLES = {
    "ask_refund_schedule": "위약금 환급 안내",
    **{
        topic: "보답 프로그램 안내"
        for topic in (
            "ask_rewards",
            "ask_rewards_if_leaving",
            "ask_reward_data",
            "ask_reward_roaming",
            "ask_reward_ott",
            "ask_reward_membership",
            "ask_reward_insurance",
        )
    },
}


def eligibility(text: str, topic: str = "") -> Card:
    """An eligibility answer (a story decided, or who is covered): the answer is the card's body;
    ``topic``: the topic the answer decides, which names the card."""
    return {
        "kind": "eligibility",
        "title": _TITLES.get(topic, "위약금 면제 안내"),
        "text": text,
        "suggestions": NEXT_AFTER_ELIGIBILITY,
    }


def handover() -> Card:
    """The bot gives up: the doors offer the centre (and a person, where the channel has one)."""
    return {"kind": "handover", "title": "상담 연결", "handover": True}


def masked_name(name: str) -> str:
    """'김하늘' → '김**': the family name only (the card is stored with the conversation)."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1)


def first_sentence(text: str) -> str:
    """What to tell the customer in one sentence: the answer's first (the answer comes first)."""
    match = _SENTENCE.search(text)
    return text[: match.end()].strip() if match else text.strip()


def agent_line(
    subscriber_id: str,
    name: str,
    masked_phone: str,
    line: Line,
    on: date,
    line_kind: str,
    refund_channel: Optional[str] = None,
    rejoined: bool = False,
    at: Optional[time] = None,
) -> Card:
    """The agents' card at a glance: identity (masked), status, decision with reason codes, dates,
    amounts, application state, and one sentence to tell the customer."""
    d = decide_line(line, on, at, rejoined=rejoined)
    w = d.waiver
    codes = [c.value for c in (w.reasons if w.decision is Decision.NO else w.grounds)]
    r = d.refund
    refund_codes = [c.value for c in r.reasons] if r.decision is Decision.NO else []
    birth = line.birth_date
    rows: List[Dict[str, str]] = [
        {"label": "상태", "value": _status(line)},
        {"label": "가입일", "value": _ymd(line.joined_on)},
        {"label": "면제", "value": f"{WAIVER_WORD[waiver_status(w).value]} ({waiver_status(w).value})"},
        {"label": "환급 대상 위약금", "value": won(r.refundable_krw or 0)},
        {"label": "환급 불가 할부금", "value": won(r.not_refundable_krw or 0)},
        {"label": "환급 신청", "value": _application(d, refund_channel)},
        {"label": "지급일", "value": _payout(d)},
    ]
    if refund_codes:
        rows.append({"label": "지급 없음 사유", "value": PAYOUT_REASON[r.reasons[0]]})
    return {
        "kind": "agent_line",
        "title": f"{subscriber_id} 회선 카드",
        "identity": {
            "subscriber_id": subscriber_id,
            "name": masked_name(name),
            "phone": masked_phone,
            "birth_year": str(birth.year) if birth else "-",
            "line": line_kind,
        },
        "decision": {"status": waiver_status(w).value, "codes": codes, "refund_codes": refund_codes},
        "rows": rows,
        "say": first_sentence(answer_for(d, "eligibility")),
    }
