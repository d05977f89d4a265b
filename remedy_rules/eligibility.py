"""Penalty waiver (위약금 면제) decision for one line on one day. FACTS.md §1."""
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional, Tuple

from remedy_rules import program as p
from remedy_rules.line import Line


class WaiverStatus(str, Enum):
    ELIGIBLE = "eligible"  # left inside 2025-09-01..2026-01-13 by cancel or port-out
    ELIGIBLE_IF_LEAVES = "eligible_if_leaves"  # still active, may leave by 2026-01-13
    NOT_ELIGIBLE = "not_eligible"


class Reason(str, Enum):
    MVNO = "mvno"
    IOT = "iot"
    INVOLUNTARY_TERMINATION = "involuntary_termination"
    NEW_SUBSCRIPTION_AFTER_CUTOFF = "new_subscription_after_cutoff"
    DEVICE_CHANGE_AFTER_CUTOFF = "device_change_after_cutoff"
    RECONTRACT_AFTER_CUTOFF = "recontract_after_cutoff"
    TERMINATED_BEFORE_WINDOW = "terminated_before_window"
    TERMINATED_AFTER_WINDOW = "terminated_after_window"
    WINDOW_CLOSED = "window_closed"  # still active after the last day to leave


_EVENT_REASON = {
    "new": Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF,
    "device_change": Reason.DEVICE_CHANGE_AFTER_CUTOFF,
    "recontract": Reason.RECONTRACT_AFTER_CUTOFF,
}


@dataclass(frozen=True)
class WaiverDecision:
    status: WaiverStatus
    reasons: Tuple[Reason, ...]  # every exclusion that holds, in a stable order
    deadline: Optional[date] = None  # last day to leave, for ELIGIBLE_IF_LEAVES

    @property
    def eligible(self) -> bool:
        return self.status is WaiverStatus.ELIGIBLE


def contract_exclusions(line: Line) -> Tuple[Reason, ...]:
    """Exclusions from a 신규/기기변경/재약정 on or after 2025-09-01.

    A line opened on or after the cut-off is a new subscription even when the billing
    extract records no contract event (cancel-and-rejoin is excluded the same way).
    """
    found = []
    if line.joined_on is not None and line.joined_on >= p.CONTRACT_EVENT_CUTOFF:
        found.append(Reason.NEW_SUBSCRIPTION_AFTER_CUTOFF)
    event, on = line.last_contract_event, line.last_contract_event_on
    if event and on is not None and on >= p.CONTRACT_EVENT_CUTOFF:
        reason = _EVENT_REASON[event]
        if reason not in found:
            found.append(reason)
    return tuple(found)


def decide_waiver(line: Line, on: date) -> WaiverDecision:
    reasons = []
    if line.carrier == "mvno":
        reasons.append(Reason.MVNO)
    if line.line_type == "iot":
        reasons.append(Reason.IOT)
    reasons.extend(contract_exclusions(line))

    if line.terminated:
        if line.termination_type == "involuntary":
            reasons.append(Reason.INVOLUNTARY_TERMINATION)
        outside = termination_in_window(line.terminated_on)
        if outside is not None:
            reasons.append(outside)
        if reasons:
            return WaiverDecision(WaiverStatus.NOT_ELIGIBLE, _ordered(reasons))
        return WaiverDecision(WaiverStatus.ELIGIBLE, ())

    if on > p.WAIVER_END:
        reasons.append(Reason.WINDOW_CLOSED)
    if reasons:
        return WaiverDecision(WaiverStatus.NOT_ELIGIBLE, _ordered(reasons))
    return WaiverDecision(WaiverStatus.ELIGIBLE_IF_LEAVES, (), deadline=p.WAIVER_END)


def _ordered(reasons) -> Tuple[Reason, ...]:
    order = list(Reason)
    return tuple(sorted(set(reasons), key=order.index))


def decide_contract_event(event_on: date) -> Tuple[bool, date]:
    """Does a contract event on this day exclude from the waiver? With the cut-off date.

    For questions that carry only a date ("10월에 기변했는데 돼요?") without a line.
    """
    return event_on >= p.CONTRACT_EVENT_CUTOFF, p.CONTRACT_EVENT_CUTOFF


def termination_in_window(terminated_on: date) -> Optional[Reason]:
    """None if a cancel/port-out on this day is inside the covered window, else why not."""
    if terminated_on < p.RETRO_START:
        return Reason.TERMINATED_BEFORE_WINDOW
    if terminated_on > p.WAIVER_END:
        return Reason.TERMINATED_AFTER_WINDOW
    return None
