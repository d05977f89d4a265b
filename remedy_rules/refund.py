"""Refund payout date (환급 지급일). FACTS.md §2-§3."""
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional

from remedy_rules import program as p
from remedy_rules.eligibility import WaiverDecision, WaiverStatus, decide_waiver
from remedy_rules.line import Line


class PayoutReason(str, Enum):
    NOT_ELIGIBLE = "not_eligible"  # the waiver does not apply to the line
    NOT_TERMINATED = "not_terminated"  # nothing to refund before the line is closed
    TERMINATED_OUTSIDE_TABLE = "terminated_outside_table"
    APPLIED_BEFORE_PERIOD = "applied_before_period"
    APPLIED_AFTER_PERIOD = "applied_after_period"
    APPLICATION_NOT_YET_OPEN = "application_not_yet_open"  # "if applied today", before 01-14
    APPLICATION_PERIOD_OVER = "application_period_over"  # "if applied today", after 01-31


@dataclass(frozen=True)
class PayoutResult:
    paid_on: Optional[date]
    reason: Optional[PayoutReason] = None  # set exactly when paid_on is None

    @property
    def paid(self) -> bool:
        return self.paid_on is not None


def payout_date(terminated_on: date, applied_on: date) -> PayoutResult:
    """The table in FACTS.md §3: payout for a termination day and an application day."""
    if applied_on < p.APPLY_START:
        return PayoutResult(None, PayoutReason.APPLIED_BEFORE_PERIOD)
    if applied_on > p.APPLY_END:
        return PayoutResult(None, PayoutReason.APPLIED_AFTER_PERIOD)
    for term_from, term_to, apply_from, apply_to, paid_on in p.PAYOUT_TABLE:
        if term_from <= terminated_on <= term_to and apply_from <= applied_on <= apply_to:
            return PayoutResult(paid_on)
    return PayoutResult(None, PayoutReason.TERMINATED_OUTSIDE_TABLE)


@dataclass(frozen=True)
class LinePayout:
    decision: WaiverDecision
    applied_on: Optional[date]  # the recorded application, if any
    payout: Optional[PayoutResult]  # for the recorded application
    if_applied_today: Optional[PayoutResult]  # only when there is no application yet
    earliest_if_applied: Optional[PayoutResult]  # before the period opens: applying on day one


def line_payout(line: Line, on: date, applied_on: Optional[date] = None) -> LinePayout:
    """Everything a customer asks about "my money" for one line on one day.

    ``applied_on`` overrides the line's own record (e.g. an application made in chat).
    """
    decision = decide_waiver(line, on)
    applied_on = applied_on or line.refund_applied_on
    if decision.status is WaiverStatus.NOT_ELIGIBLE:
        none = PayoutResult(None, PayoutReason.NOT_ELIGIBLE)
        return LinePayout(decision, applied_on, none if applied_on else None, none, None)
    if decision.status is WaiverStatus.ELIGIBLE_IF_LEAVES:
        none = PayoutResult(None, PayoutReason.NOT_TERMINATED)
        return LinePayout(decision, applied_on, None, none, None)
    if applied_on is not None:
        return LinePayout(decision, applied_on, payout_date(line.terminated_on, applied_on), None, None)
    if on < p.APPLY_START:
        today_result = PayoutResult(None, PayoutReason.APPLICATION_NOT_YET_OPEN)
        earliest = payout_date(line.terminated_on, p.APPLY_START)
        return LinePayout(decision, None, None, today_result, earliest)
    if on > p.APPLY_END:
        return LinePayout(decision, None, None, PayoutResult(None, PayoutReason.APPLICATION_PERIOD_OVER), None)
    return LinePayout(decision, None, None, payout_date(line.terminated_on, on), None)
