"""Answers about one verified line (해요체), for the topic the customer asked about."""
from datetime import date
from typing import List

from remedy_rules import program as p
from remedy_rules.eligibility import WaiverStatus, decide_waiver
from remedy_rules.explain_ko import (CENTRE, OTT_CHOICE, PAYOUT_REASON, REWARD_REASON, WAIVER_REASON,
                                     WAIVER_STATUS, ko_date, won)
from remedy_rules.line import Line
from remedy_rules.money import refund_amounts
from remedy_rules.refund import PayoutReason, line_payout
from remedy_rules.rewards import rewards_for

LINE_KIND = {"mobile": "휴대폰", "second_device": "세컨드 디바이스(워치·태블릿)", "iot": "IoT"}
TOPICS = ("eligibility", "refund", "rewards", "insurance", "apply")
MISSED_DEADLINE = (f"군 복무·해외 체류·입원 등 불가피한 사유가 있었다면 사유가 끝난 날부터 {p.MISSED_DEADLINE_GRACE_DAYS}일 "
                   f"안에 증빙과 함께 신청할 수 있다고 보도되었어요. {CENTRE}로 문의해 주세요.")


def waiver_text(line: Line, on: date) -> str:
    decision = decide_waiver(line, on)
    parts = [WAIVER_STATUS[decision.status]]
    if decision.status is WaiverStatus.ELIGIBLE_IF_LEAVES:
        parts = [f"{ko_date(decision.deadline)}까지 해지하거나 번호이동하면 위약금 면제 대상이에요."]
    parts += [WAIVER_REASON[r] for r in decision.reasons]
    return " ".join(parts)


def refund_text(line: Line, on: date) -> str:
    payout = line_payout(line, on)
    amounts = refund_amounts(line, on)
    parts: List[str] = []
    if payout.applied_on is not None:
        if payout.payout.paid:
            verb = "지급되었어요" if on >= payout.payout.paid_on else "지급될 예정이에요"
            parts.append(f"{ko_date(payout.applied_on)}에 환급 신청이 접수되어 {ko_date(payout.payout.paid_on)}에 {verb}.")
        else:
            parts.append(f"{ko_date(payout.applied_on)}에 신청 기록이 있지만 " + PAYOUT_REASON[payout.payout.reason])
            if payout.payout.reason is PayoutReason.APPLIED_AFTER_PERIOD:
                parts.append(MISSED_DEADLINE)
    elif payout.if_applied_today is not None and payout.if_applied_today.paid:
        parts.append(f"아직 환급 신청 기록이 없어요. 오늘 신청하면 {ko_date(payout.if_applied_today.paid_on)}에 지급돼요.")
    elif payout.if_applied_today is not None:
        reason = payout.if_applied_today.reason
        text = PAYOUT_REASON[reason]
        if reason is PayoutReason.APPLICATION_NOT_YET_OPEN and payout.earliest_if_applied is not None:
            first = payout.earliest_if_applied.paid_on
            text += f" 1월 14일에 신청하면 {ko_date(first)}에 지급돼요."
        if reason is PayoutReason.APPLICATION_PERIOD_OVER:
            text = "환급 신청 기록이 없고, 신청 기간(2026년 1월 14일~1월 31일)은 종료되었어요. " + MISSED_DEADLINE
        parts.append(text)
    if amounts.refundable_krw:
        parts.append(f"환급 대상 위약금은 {won(amounts.refundable_krw)}이에요.")
    if amounts.not_refundable_krw:
        parts.append(f"남은 단말 할부금 {won(amounts.not_refundable_krw)}은 환급되지 않아요.")
    return " ".join(parts)


def rewards_text(line: Line, on: date, insurance_only: bool = False) -> str:
    r = rewards_for(line)
    if not r.entitled:
        return " ".join(REWARD_REASON[x] for x in r.reasons)
    insurance = ("만 65세 이상이라 '안전·안심 보험'이 신청 없이 자동으로 제공돼요." if r.insurance_automatic
                 else "'안전·안심 보험'은 자동 가입 대상(만 65세 이상)이 아니에요. 가입 방법은 아직 발표되지 않았어요.")
    if insurance_only:
        return insurance
    if r.ott_choices:
        ott = "OTT 이용권은 " + " 또는 ".join(OTT_CHOICE[c] for c in r.ott_choices) + " 중에서 고를 수 있어요."
    else:
        ott = "만 14세 미만이라 OTT 이용권은 받을 수 없어요."
    return (f"보답 프로그램 대상이에요: 6개월간 매달 데이터 {p.DATA_GB_PER_MONTH}GB 추가, 로밍 데이터 50% 추가, "
            f"멤버십 할인. {ott} {insurance}")


def line_label(subscriber_kind: str, joined_on: date, status: str) -> str:
    state = "해지" if status == "terminated" else "사용 중"
    return f"{LINE_KIND[subscriber_kind]} ({joined_on.year}년 가입, {state})"


def personal_answer(line: Line, on: date, topic: str) -> str:
    if topic == "refund":
        return refund_text(line, on)
    if topic == "rewards":
        return rewards_text(line, on)
    if topic == "insurance":
        return rewards_text(line, on, insurance_only=True)
    return waiver_text(line, on) + (" " + refund_text(line, on) if line.terminated else "")
