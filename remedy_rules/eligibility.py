"""Penalty waiver (위약금 면제) for one database line, in the three-way form agents and billing use.

A view of ``decision.decide``: the waiver section of the one decision, as a status.
"""

from dataclasses import dataclass
from datetime import date
from typing import Optional, Tuple

from remedy_rules import program as p
from remedy_rules.codes import Decision, Ground, Missing, Reason, WaiverStatus
from remedy_rules.decision import Section, decide_line
from remedy_rules.line import Line

__all__ = ["Reason", "WaiverDecision", "WaiverStatus", "decide_waiver", "waiver_status"]


@dataclass(frozen=True)
class WaiverDecision:
    status: WaiverStatus
    reasons: Tuple[Reason, ...]  # every exclusion that holds, in a stable order
    deadline: Optional[date] = None  # last day to leave, for ELIGIBLE_IF_LEAVES

    @property
    def eligible(self) -> bool:
        return self.status is WaiverStatus.ELIGIBLE


def waiver_status(section: Section) -> WaiverStatus:
    if section.decision is Decision.YES:
        return WaiverStatus.ELIGIBLE
    if section.decision is Decision.NO:
        return WaiverStatus.NOT_ELIGIBLE
    if Ground.MAY_STILL_LEAVE in section.reasons and section.missing == (Missing.LEAVE_BY_WAIVER_END,):
        return WaiverStatus.ELIGIBLE_IF_LEAVES
    return WaiverStatus.UNDECIDED


def as_waiver_decision(section: Section) -> WaiverDecision:
    status = waiver_status(section)
    reasons = section.reasons if status is WaiverStatus.NOT_ELIGIBLE else ()
    deadline = p.WAIVER_END if status is WaiverStatus.ELIGIBLE_IF_LEAVES else None
    return WaiverDecision(status, tuple(Reason(r) for r in reasons), deadline)


def decide_waiver(line: Line, on: date) -> WaiverDecision:
    return as_waiver_decision(decide_line(line, on).waiver)
