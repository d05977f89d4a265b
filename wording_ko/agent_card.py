"""The call-centre agent's compact card for one line: the one decision with its reason codes.

Agents read the codes to the back office and the Korean to the customer, so both are shown; the
Korean is the same sentence the customer gets. Pure: the caller passes what the database knows.
"""

import re
from datetime import date, time
from typing import List, Optional

from remedy_rules import program as p
from remedy_rules.codes import Decision, Missing, OpenKind, OttChoice, RewardItem, Unannounced
from remedy_rules.decision import LineDecision, decide_line
from remedy_rules.eligibility import waiver_status
from remedy_rules.line import Line, age_on
from wording_ko.explain import CHANNEL_NAMES, OTT_CHOICE, PAYOUT_REASON, UNANNOUNCED, question, won
from wording_ko.personal import LINE_KIND
from wording_ko.render import insurance_text, refund_text, rewards_text, waiver_text
from wording_ko.sources import with_sources

CARRIER = {"kt": "KT", "mvno": "알뜰폰(MVNO)"}
TERMINATION = {"cancel": "해지", "port_out": "번호이동", "involuntary": "직권해지"}
CONTRACT_EVENT = {"new": "신규", "device_change": "기기변경", "recontract": "재약정"}
SECTIONS = ("eligibility", "refund", "rewards", "insurance")
# The customer's name in a card's first line (header() below): shown to the agent, never stored.
CARD_NAME = re.compile(r"^(\[[A-Za-z]{1,3}-[0-9]{3,10}\] )([^\n·]{1,60}?)( · )", re.MULTILINE)


def _d(day: Optional[date]) -> str:
    return day.isoformat() if day else "-"


def _codes(codes) -> str:
    return ", ".join(c.value for c in codes) or "-"


_KIND_LABEL = {OpenKind.ASK: "확인 필요", OpenKind.IF: "조건", OpenKind.UNANNOUNCED: "미발표"}
_UNANNOUNCED_OF = {
    Missing.AGE_REFERENCE_DATE: Unannounced.AGE_REFERENCE_DATE,
    Missing.BASE_DAY_LEAVERS: Unannounced.BASE_DAY_LEAVERS,
    Missing.MVNO_REWARDS: Unannounced.MVNO_REWARDS,
}


def _open(section) -> str:
    out = []
    for kind in OpenKind:
        texts = [
            UNANNOUNCED[_UNANNOUNCED_OF[o.code]]
            if kind is OpenKind.UNANNOUNCED
            else question(o.code, o.detail)
            for o in section.open
            if o.kind is kind
        ]
        if texts:
            out.append(
                f"{_KIND_LABEL[kind]}[{', '.join(o.code.value for o in section.open if o.kind is kind)}]: "
                + " / ".join(texts)
            )
    return "".join(f"\n  {x}" for x in out)


def header(subscriber_id: str, name: str, masked_phone: str, line: Line) -> str:
    state = (
        f"해지 {_d(line.terminated_on)} ({TERMINATION.get(line.termination_type or '', '유형 미상')})"
        if line.terminated
        else "사용 중"
    )
    event = (
        f"{CONTRACT_EVENT[line.last_contract_event]} {_d(line.last_contract_event_on)}"
        if line.last_contract_event
        else "없음"
    )
    return (
        f"[{subscriber_id}] {name} · {masked_phone} · {LINE_KIND[line.line_type]} · {CARRIER[line.carrier]}\n"
        f"상태: {state} · 가입 {_d(line.joined_on)} · 최근 계약 변동: {event} · 생년월일 {_d(line.birth_date)}"
    )


def waiver_section(d: LineDecision) -> str:
    s = d.waiver
    codes = _codes(s.reasons if s.decision is Decision.NO else s.grounds)
    return f"면제: {waiver_status(s).value} [{codes}] {waiver_text(d)}{_open(s)}"


def refund_section(d: LineDecision, refund_channel: Optional[str] = None) -> str:
    r, f = d.refund, d.facts
    money = (
        f"금액: 환급 대상 위약금 {won(r.refundable_krw or 0)} · "
        f"환급 불가 단말 할부금 {won(r.not_refundable_krw or 0)}"
    )
    if f.applied_on is not None:
        via = CHANNEL_NAMES.get(refund_channel or "", refund_channel or "경로 미상")
        paid = r.dates.get("paid_on")
        if paid is not None:
            state = f"환급: {_d(f.applied_on.start)} 신청({via}) → 지급일 {paid.isoformat()}"
        else:
            reason = r.reasons[0] if r.decision is Decision.NO else None
            code = f"[{reason.value}] {PAYOUT_REASON[reason]}" if reason else f"[{r.decision.value}]"
            state = f"환급: {_d(f.applied_on.start)} 신청({via}) → 지급 없음 {code}"
    elif r.decision is Decision.NO:
        reason = r.reasons[0]
        state = f"환급: 미신청 · 지급 없음 [{reason.value}] {PAYOUT_REASON[reason]}"
    elif r.dates.get("paid_on_if_applied_today"):
        state = f"환급: 미신청 · 오늘 신청 시 지급일 {r.dates['paid_on_if_applied_today'].isoformat()}"
    elif r.dates.get("paid_on_if_applied_first_day"):
        state = (
            f"환급: 미신청 · 신청 시작일 신청 시 지급일 {r.dates['paid_on_if_applied_first_day'].isoformat()}"
        )
    else:
        state = f"환급: [{r.decision.value}] {refund_text(d)}"
    return f"{money}\n{state}{_open(r) if r.decision is Decision.DEPENDS else ''}"


def rewards_section(d: LineDecision, insurance_only: bool = False) -> str:
    program = d.program
    if program.decision is Decision.NO:
        return f"보답: 대상 아님 [{_codes(program.reasons)}] {rewards_text(d)}"
    insurance = d.rewards[RewardItem.INSURANCE]
    auto = {
        Decision.YES: "보험 자동 제공(만 65세 이상)",
        Decision.NO: "보험 자동 대상 아님(만 65세 미만)",
        Decision.DEPENDS: "보험 자동 제공 여부 확인 필요",
    }.get(insurance.automatic or Decision.DEPENDS, "보험 자동 제공 여부 확인 필요")
    birth = d.facts.birth_date
    age = (
        f"만 {age_on(birth.start, p.REWARD_BASE_DATE)}세({p.REWARD_BASE_DATE.isoformat()} 계산, 나이 기준일 미발표)"
        if birth is not None and birth.exact
        else "나이 미상"
    )
    if insurance_only:
        return f"보험: {auto} · {age} · {insurance_text(d)}"
    lead = "대상" if program.decision is Decision.YES else f"확인 필요 [{program.decision.value}]"
    items = []
    for item in (RewardItem.DATA, RewardItem.ROAMING, RewardItem.MEMBERSHIP):
        s = d.rewards[item]
        mark = {Decision.YES: "", Decision.NO: " 없음", Decision.DEPENDS: " 확인 필요"}[s.decision]
        codes = f"[{_codes(s.reasons)}]" if s.decision is Decision.NO else ""
        items.append(
            {RewardItem.DATA: "데이터", RewardItem.ROAMING: "로밍", RewardItem.MEMBERSHIP: "멤버십"}[item]
            + mark
            + codes
        )
    ott = d.rewards[RewardItem.OTT]
    ott_text = "/".join(OTT_CHOICE[OttChoice(c)] for c in ott.choices) or (
        f"없음[{_codes(ott.reasons)}]" if ott.decision is Decision.NO else "확인 필요"
    )
    return (
        f"보답: {lead} · {'·'.join(items)} · OTT {ott_text} · {auto} · {age} [{_codes(program.grounds)}]"
        f"\n  {rewards_text(d)}{_open(program)}"
    )


@with_sources
def agent_card(
    subscriber_id: str,
    name: str,
    masked_phone: str,
    line: Line,
    on: date,
    refund_channel: Optional[str] = None,
    section: Optional[str] = None,
    rejoined: bool = False,
    at: Optional[time] = None,
) -> str:
    """The whole card, or one section of it (a follow-up about the line in focus); ``at``: the hour."""
    d = decide_line(line, on, at, rejoined=rejoined)
    parts: List[str] = [header(subscriber_id, name, masked_phone, line)]
    if section in (None, "eligibility"):
        parts.append(waiver_section(d))
    if section in (None, "refund", "eligibility", "apply"):
        parts.append(refund_section(d, refund_channel))
    if section in (None, "rewards"):
        parts.append(rewards_section(d))
    if section == "insurance":
        parts.append(rewards_section(d, insurance_only=True))
    return "\n".join(parts)
