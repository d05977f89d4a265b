"""Answers about one verified line (해요체), and the in-chat refund application, from the one decision."""

from dataclasses import dataclass
from datetime import date, time
from typing import Optional, cast

from remedy_rules import program as p
from remedy_rules.codes import Decision, Ground
from remedy_rules.decision import LineDecision, application_state, decide_line
from remedy_rules.line import Line
from wording_ko.explain import APPLY_HOURS, APPLY_PERIOD, CENTRE, CHANNEL_NAMES, MISSED_DEADLINE, ko_date, won
from wording_ko.render import (
    _apply_tail,
    _reason_sentence,
    insurance_text,
    refund_text,
    rewards_text,
    waiver_text,
)
from wording_ko.sources import attributed, with_sources

__all__ = [
    "LINE_KIND",
    "MISSED_DEADLINE",
    "TOPICS",
    "ApplicationCheck",
    "application_check",
    "application_receipt",
    "line_label",
    "personal_answer",
]

LINE_KIND = {"mobile": "휴대폰", "second_device": "세컨드 디바이스(워치·태블릿)", "iot": "IoT"}
TOPICS = ("eligibility", "refund", "rewards", "insurance", "apply")


def line_label(subscriber_kind: str, joined_on: date, status: str) -> str:
    state = "해지" if status == "terminated" else "사용 중"
    return f"{LINE_KIND[subscriber_kind]} ({joined_on.year}년 가입, {state})"


@with_sources
def answer_for(d: LineDecision, topic: str) -> str:
    """The personal answer for a decision already made (the action layer may reuse one decision)."""
    if topic == "refund":
        return refund_text(d, with_reasons=True)
    if topic == "rewards":
        return rewards_text(d)
    if topic == "insurance":
        return insurance_text(d)
    if topic == "apply":
        return application_text(d)
    text = waiver_text(d)
    if d.facts.left or d.waiver.decision is not Decision.NO:
        text += " " + refund_text(d, leaving_said=d.facts.left is False)
    return text


@with_sources
def personal_answer(line: Line, on: date, topic: str, at: Optional[time] = None) -> str:
    return answer_for(decide_line(line, on, at), topic)


# ------------------------------------------------------------------------------------------------
# Refund application in chat
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationCheck:
    can_apply: bool
    code: str  # ok | already_applied | not_eligible | not_terminated | not_yet_open | closed | undecided
    text: str  # Korean: why not; or, when it can, the summary lines to confirm
    paid_on: Optional[date]  # the payout if applied now (or of the application on record)
    decision: LineDecision


def application_check(
    line: Line, on: date, at: Optional[time] = None, refund_channel: Optional[str] = None
) -> ApplicationCheck:
    """May this line apply for the refund now, in chat? ``at``: Korea time now (default: the clock).

    Applications are taken 2026-01-14 09:00 .. 01-31 22:00 ([A] days, [N] hours).
    """
    if at is None:
        from remedy_rules.clock import now

        at = now().time()
    d = decide_line(line, on, at)
    refund, waiver = d.refund, d.waiver

    def no(code: str, text: str, paid: Optional[date] = None) -> ApplicationCheck:
        return ApplicationCheck(False, code, attributed(text), paid, d)

    if line.refund_applied_on is not None:
        channel = CHANNEL_NAMES.get(refund_channel or "", "다른 창구")
        lead = f"이미 {ko_date(line.refund_applied_on)}에 {channel}에서 환급 신청하셨어요."
        paid = refund.dates.get("paid_on")
        if waiver.decision is Decision.NO:
            return no(
                "already_applied",
                " ".join(
                    [lead, "다만 이 회선은 위약금 면제 대상이 아니라서 환급되지 않아요."]
                    + [_reason_sentence(d, r) for r in waiver.reasons]
                ),
            )
        if paid is not None:
            if on == paid:
                return no("already_applied", f"{lead} 지급 예정일은 오늘({ko_date(paid)})이에요.", paid)
            verb = "이에요" if on < paid else "이었어요"
            return no("already_applied", f"{lead} 지급 예정일은 {ko_date(paid)}{verb}.", paid)
        return no("already_applied", f"{lead} {refund_text(d)}")
    if waiver.decision is Decision.NO:
        reasons = " ".join(_reason_sentence(d, r) for r in waiver.reasons)
        return no(
            "not_eligible", f"이 회선은 위약금 면제 대상이 아니라서 환급 신청을 할 수 없어요. {reasons}"
        )
    if not line.terminated:
        return no(
            "not_terminated",
            f"아직 사용 중인 회선이라 환급할 위약금이 없어요. {ko_date(p.WAIVER_END)}까지 "
            f"해지하거나 번호이동하면 위약금이 먼저 청구되고, {APPLY_PERIOD}에 환급 신청해서 "
            "돌려받을 수 있어요.",
        )
    if waiver.decision is Decision.DEPENDS:
        return no(
            "undecided", f"이 회선은 확인할 것이 있어 채팅으로 신청할 수 없어요. {CENTRE}로 문의해 주세요."
        )
    state = application_state(on, at)
    if state == "future":
        return no(
            "not_yet_open",
            f"환급 신청은 {APPLY_HOURS} 할 수 있어요. 그때 다시 찾아 주세요.",
            refund.dates.get("paid_on_if_applied_first_day"),
        )
    if state == "closed":
        return no("closed", f"환급 신청 기간({APPLY_HOURS})이 종료되어 신청할 수 없어요. {MISSED_DEADLINE}")
    paid = refund.dates.get("paid_on_if_applied_today")
    lines = [
        f"· 환급 대상 위약금: {won(line.penalty_krw)}",
        f"· 예상 지급일: {ko_date(cast(date, paid))}(해지일·신청일에 따른 배정은 보도 기준)",
        "· 환급은 본인 명의 계좌로만 받을 수 있어요(보도 기준).",
    ]
    if on == p.APPLY_END:
        lines.append(f"· 오늘 {p.APPLY_CLOSES_AT.hour}시까지 신청할 수 있어요(시간은 보도 기준).")
    return ApplicationCheck(True, "ok", "\n".join(lines), paid, d)


def application_text(d: LineDecision) -> str:
    """What the personal answer says about applying (the topic "apply" without the confirm step)."""
    if d.refund.decision is Decision.NO or Ground.APPLIED_IN_PERIOD in d.refund.grounds:
        return refund_text(d, with_reasons=True)
    return " ".join(x for x in (refund_text(d), _apply_tail(d.on, d.at)) if x)


@with_sources
def application_receipt(line: Line, applied_on: date, created: bool) -> str:
    """After the application is recorded: the payout date it gets."""
    from remedy_rules.decision import payout_date

    result = payout_date(cast(date, line.terminated_on), applied_on)
    lead = "환급 신청이 접수되었어요." if created else "이미 접수된 신청이 있어요."
    if not result.paid:
        return f"{lead} 신청일 {ko_date(applied_on)}. {CENTRE}로 지급일을 확인해 주세요."
    return (
        f"{lead} 신청일 {ko_date(applied_on)}, 지급 예정일은 {ko_date(cast(date, result.paid_on))}이에요. "
        "환급은 본인 명의 계좌로 지급돼요."
    )
