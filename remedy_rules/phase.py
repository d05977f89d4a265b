"""Where the program stands on a given day, so answers use the right tense."""

from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Optional

from remedy_rules import program as p


class Phase(str, Enum):
    BEFORE_WAIVER = "before_waiver"  # before 2025-12-31 (retroactive cover already applies)
    WAIVER_OPEN = "waiver_open"  # 2025-12-31 .. 2026-01-13: leave without penalty
    APPLICATIONS_OPEN = "applications_open"  # 2026-01-14 .. 2026-01-31: apply for the refund
    OVER = "over"  # from 2026-02-01


@dataclass(frozen=True)
class PhaseInfo:
    phase: Phase
    on: date
    starts: Optional[date]  # first day of this phase (None: open-ended past)
    ends: Optional[date]  # last day of this phase (None: open-ended future)
    next_starts: Optional[date]

    @property
    def waiver_window_state(self) -> str:
        """'future', 'open' or 'closed' for the 12-31..01-13 leaving window."""
        return _state(self.on, p.WAIVER_START, p.WAIVER_END)

    @property
    def application_window_state(self) -> str:
        return _state(self.on, p.APPLY_START, p.APPLY_END)

    @property
    def payouts_done(self) -> bool:
        return self.on >= p.PAYOUT_JANUARY_LEAVERS


def _state(on: date, start: date, end: date) -> str:
    if on < start:
        return "future"
    if on > end:
        return "closed"
    return "open"


def program_phase(on: date) -> PhaseInfo:
    if on < p.WAIVER_START:
        return PhaseInfo(Phase.BEFORE_WAIVER, on, None, p.RETRO_END, p.WAIVER_START)
    if on <= p.WAIVER_END:
        return PhaseInfo(Phase.WAIVER_OPEN, on, p.WAIVER_START, p.WAIVER_END, p.APPLY_START)
    if on <= p.APPLY_END:
        return PhaseInfo(Phase.APPLICATIONS_OPEN, on, p.APPLY_START, p.APPLY_END, None)
    return PhaseInfo(Phase.OVER, on, date(2026, 2, 1), None, None)


def application_state(on: date, at: Optional[time] = None) -> str:
    """'future', 'open' or 'closed' for refund applications ([A] 01-14..01-31, [N] 09:00..22:00).

    ``at``: the Korea time of day; every answer that speaks of applying today passes it, so that
    after 22:00 on the last day none says "오늘 신청하면" (None: the day alone decides).
    """
    if on < p.APPLY_START or (on == p.APPLY_START and at is not None and at < p.APPLY_OPENS_AT):
        return "future"
    if on > p.APPLY_END or (on == p.APPLY_END and at is not None and at >= p.APPLY_CLOSES_AT):
        return "closed"
    return "open"
