"""Refund payout (환급 지급일) for one database line. FACTS.md §2-§3.

``payout_date`` is the payout table; ``line_payout`` is a view of the refund section of
``decision.decide`` in the shape the application step and the billing tests use.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import Optional, cast

from remedy_rules.codes import PayoutReason
from remedy_rules.decision import PayoutResult, application_state, decide_line, payout_date
from remedy_rules.eligibility import WaiverDecision, as_waiver_decision
from remedy_rules.line import Line

__all__ = ["LinePayout", "PayoutReason", "PayoutResult", "line_payout", "payout_date"]


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
    if applied_on is not None:
        line = replace(line, refund_applied_on=applied_on)
    d = decide_line(line, on)
    waiver, refund = as_waiver_decision(d.waiver), d.refund
    applied_on = line.refund_applied_on
    if PayoutReason.NOT_ELIGIBLE in refund.reasons:
        none = PayoutResult(None, PayoutReason.NOT_ELIGIBLE)
        return LinePayout(waiver, applied_on, none if applied_on else None, none, None)
    if not line.terminated:
        return LinePayout(waiver, applied_on, None, PayoutResult(None, PayoutReason.NOT_TERMINATED), None)
    if applied_on is not None:
        paid = refund.dates.get("paid_on")
        reason = next((PayoutReason(r) for r in refund.reasons if r in set(PayoutReason)), None)
        return LinePayout(waiver, applied_on, PayoutResult(paid, None if paid else reason), None, None)
    state = application_state(on)
    if state == "future":
        first = refund.dates.get("paid_on_if_applied_first_day")
        return LinePayout(
            waiver,
            None,
            None,
            PayoutResult(None, PayoutReason.APPLICATION_NOT_YET_OPEN),
            PayoutResult(first) if first else None,
        )
    if state == "closed":
        return LinePayout(waiver, None, None, PayoutResult(None, PayoutReason.APPLICATION_PERIOD_OVER), None)
    today = refund.dates.get("paid_on_if_applied_today")
    return LinePayout(
        waiver,
        None,
        None,
        PayoutResult(today) if today else payout_date(cast(date, line.terminated_on), on),
        None,
    )
