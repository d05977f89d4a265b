"""Customer reward program (고객 보답 프로그램) for one database line. FACTS.md §4.

A view of the reward sections of ``decision.decide``: [A] every KT customer as of 2026-01-13;
[N] no 100GB data for prepaid and IoT lines; OTT by age ([N] limits, [?] the day it is counted
on); insurance automatic from 65 ([A], [?] the day it is counted on).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional, Tuple

from remedy_rules import program as p
from remedy_rules.codes import Decision, OttChoice, RewardItem, RewardReason, Unannounced
from remedy_rules.decision import decide_line, ott_choices_for_age
from remedy_rules.line import Line, age_on

__all__ = [
    "OttChoice",
    "RewardEntitlement",
    "RewardItem",
    "RewardReason",
    "Unannounced",
    "ott_choices_for_age",
    "rewards_for",
]


@dataclass(frozen=True)
class RewardEntitlement:
    entitled: bool  # a KT customer as of the base date: the program applies
    reasons: Tuple[RewardReason, ...]  # why not, when not entitled
    items: Tuple[RewardItem, ...]  # the items the line gets (no data for IoT lines)
    ott_choices: Tuple[OttChoice, ...]  # empty: no OTT pass, or the age is not settled
    insurance_automatic: bool
    age_on_base_date: Optional[int]
    unannounced: Tuple[Unannounced, ...]
    undecided: Tuple[RewardItem, ...] = ()  # items the record leaves open


def rewards_for(line: Line, on: Optional[date] = None) -> RewardEntitlement:
    """The rewards of a line as recorded; ``on`` defaults to the day after the base date."""
    d = decide_line(line, on or p.REWARD_BASE_DATE + timedelta(days=1))
    age = age_on(line.birth_date, p.REWARD_BASE_DATE) if line.birth_date else None
    program = d.program
    if program.decision is Decision.NO:
        return RewardEntitlement(
            False, tuple(RewardReason(r) for r in program.reasons), (), (), False, age, ()
        )
    items = tuple(i for i, s in d.rewards.items() if s.decision is Decision.YES)
    undecided = tuple(i for i, s in d.rewards.items() if s.decision is Decision.DEPENDS)
    unannounced = tuple(
        dict.fromkeys(u for s in d.rewards.values() if s.decision is not Decision.NO for u in s.unannounced)
    )
    insurance = d.rewards[RewardItem.INSURANCE]
    return RewardEntitlement(
        entitled=program.decision is Decision.YES,
        reasons=(),
        items=items,
        ott_choices=d.rewards[RewardItem.OTT].choices,
        insurance_automatic=insurance.automatic is Decision.YES,
        age_on_base_date=age,
        unannounced=unannounced,
        undecided=undecided,
    )
