"""The call-centre agent's compact card for one line: every decision with its reason codes.

Agents read the codes to the back office and the Korean to the customer, so both are shown.
Pure: the caller passes what the database knows about the line.
"""
import re
from datetime import date
from typing import List, Optional

from remedy_rules.eligibility import decide_waiver
from remedy_rules.explain_ko import CHANNEL_NAMES, OTT_CHOICE, PAYOUT_REASON, REWARD_REASON, WAIVER_REASON, WAIVER_STATUS, won
from remedy_rules.line import Line
from remedy_rules.money import refund_amounts
from remedy_rules.personal_ko import LINE_KIND
from remedy_rules.refund import line_payout
from remedy_rules.rewards import rewards_for

CARRIER = {"kt": "KT", "mvno": "알뜰폰(MVNO)"}
TERMINATION = {"cancel": "해지", "port_out": "번호이동", "involuntary": "직권해지"}
CONTRACT_EVENT = {"new": "신규", "device_change": "기기변경", "recontract": "재약정"}
SECTIONS = ("eligibility", "refund", "rewards", "insurance")
# The customer's name in a card's first line (header() below): shown to the agent, never stored.
CARD_NAME = re.compile(r"^(\[[A-Za-z]{1,3}-[0-9]{3,10}\] )([^\n·]{1,60}?)( · )", re.MULTILINE)


def _d(day: Optional[date]) -> str:
    return day.isoformat() if day else "-"


def header(subscriber_id: str, name: str, masked_phone: str, line: Line) -> str:
    state = (f"해지 {_d(line.terminated_on)} ({TERMINATION.get(line.termination_type or '', '유형 미상')})"
             if line.terminated else "사용 중")
    event = (f"{CONTRACT_EVENT[line.last_contract_event]} {_d(line.last_contract_event_on)}"
             if line.last_contract_event else "없음")
    return (f"[{subscriber_id}] {name} · {masked_phone} · {LINE_KIND[line.line_type]} · {CARRIER[line.carrier]}\n"
            f"상태: {state} · 가입 {_d(line.joined_on)} · 최근 계약 변동: {event} · 생년월일 {_d(line.birth_date)}")


def waiver_section(line: Line, on: date) -> str:
    decision = decide_waiver(line, on)
    codes = ", ".join(r.value for r in decision.reasons) or "-"
    text = " ".join([WAIVER_STATUS[decision.status]] + [WAIVER_REASON[r] for r in decision.reasons])
    return f"면제: {decision.status.value} [{codes}] {text}"


def refund_section(line: Line, on: date, refund_channel: Optional[str] = None) -> str:
    amounts = refund_amounts(line, on)
    payout = line_payout(line, on)
    money = f"금액: 환급 대상 위약금 {won(amounts.refundable_krw)} · 환급 불가 단말 할부금 {won(amounts.not_refundable_krw)}"
    if payout.applied_on is not None:
        via = CHANNEL_NAMES.get(refund_channel or "", refund_channel or "경로 미상")
        if payout.payout.paid:
            state = f"환급: {payout.applied_on.isoformat()} 신청({via}) → 지급일 {payout.payout.paid_on.isoformat()}"
        else:
            state = (f"환급: {payout.applied_on.isoformat()} 신청({via}) → 지급 없음 "
                     f"[{payout.payout.reason.value}] {PAYOUT_REASON[payout.payout.reason]}")
    elif payout.if_applied_today is not None and payout.if_applied_today.paid:
        state = f"환급: 미신청 · 오늘 신청 시 지급일 {payout.if_applied_today.paid_on.isoformat()}"
    elif payout.if_applied_today is not None:
        reason = payout.if_applied_today.reason
        state = f"환급: 미신청 · 지급 없음 [{reason.value}] {PAYOUT_REASON[reason]}"
    else:
        state = "환급: 해당 없음"
    return f"{money}\n{state}"


def rewards_section(line: Line, insurance_only: bool = False) -> str:
    r = rewards_for(line)
    if not r.entitled:
        codes = ", ".join(x.value for x in r.reasons)
        return f"보답: 대상 아님 [{codes}] " + " ".join(REWARD_REASON[x] for x in r.reasons)
    age = f"기준일 나이 만 {r.age_on_base_date}세" if r.age_on_base_date is not None else "나이 미상"
    insurance = "보험 자동 제공(만 65세 이상)" if r.insurance_automatic else "보험 자동 대상 아님(만 65세 미만)"
    if insurance_only:
        return f"보험: {insurance} · {age}"
    ott = "/".join(OTT_CHOICE[c] for c in r.ott_choices) or "OTT 없음(만 14세 미만)"
    return f"보답: 대상 · 데이터·로밍·멤버십 · OTT {ott} · {insurance} · {age}"


def agent_card(subscriber_id: str, name: str, masked_phone: str, line: Line, on: date,
               refund_channel: Optional[str] = None, section: Optional[str] = None) -> str:
    """The whole card, or one section of it (a follow-up about the line in focus)."""
    parts: List[str] = [header(subscriber_id, name, masked_phone, line)]
    if section in (None, "eligibility"):
        parts.append(waiver_section(line, on))
    if section in (None, "refund", "eligibility", "apply"):
        parts.append(refund_section(line, on, refund_channel))
    if section in (None, "rewards"):
        parts.append(rewards_section(line))
    if section == "insurance":
        parts.append(rewards_section(line, insurance_only=True))
    return "\n".join(parts)
