"""Customer reward program (고객 보답 프로그램) for one line. FACTS.md §4."""
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Optional, Tuple

from remedy_rules import program as p
from remedy_rules.line import Line, age_on


class RewardReason(str, Enum):
    NOT_SUBSCRIBED_ON_BASE_DATE = "not_subscribed_on_base_date"
    MVNO = "mvno"
    IOT = "iot"


class RewardItem(str, Enum):
    DATA = "data_100gb_monthly"
    ROAMING = "roaming_data_plus_50"
    OTT = "ott_pass"
    MEMBERSHIP = "membership_discounts"
    INSURANCE = "safety_insurance"


class OttChoice(str, Enum):
    TVING = "tving"
    TVING_WITH_GUARDIAN = "tving_with_guardian_consent"
    DISNEY_PLUS = "disney_plus"


class Unannounced(str, Enum):
    """Facts FACTS.md marks [?]: the bot says they are not confirmed, never a value."""

    DATA_MONTHS = "data_months"
    ROAMING_METHOD = "roaming_method"
    MEMBERSHIP_PARTNERS = "membership_partners"
    INSURANCE_DETAILS = "insurance_details"  # insurer, coverage limits
    INSURANCE_ENROLMENT = "insurance_enrolment"  # how customers under 65 enrol


@dataclass(frozen=True)
class RewardEntitlement:
    entitled: bool
    reasons: Tuple[RewardReason, ...]  # why not, when not entitled
    items: Tuple[RewardItem, ...]
    ott_choices: Tuple[OttChoice, ...]  # empty: no OTT pass, or under 14
    insurance_automatic: bool
    age_on_base_date: Optional[int]
    unannounced: Tuple[Unannounced, ...]


def subscribed_on_base_date(line: Line) -> bool:
    """Still a KT customer at the end of 2026-01-13.

    A line that left on 01-13 itself left under the waiver, so it is not counted.
    """
    if line.joined_on is not None and line.joined_on > p.REWARD_BASE_DATE:
        return False
    return not (line.terminated and line.terminated_on <= p.REWARD_BASE_DATE)


def ott_choices_for_age(age: Optional[int]) -> Tuple[OttChoice, ...]:
    if age is None:
        return ()
    if age >= p.OTT_DISNEY_MIN_AGE:
        return (OttChoice.TVING, OttChoice.DISNEY_PLUS)
    if age >= p.OTT_TVING_MIN_AGE:
        return (OttChoice.TVING_WITH_GUARDIAN,)
    return ()


def rewards_for(line: Line) -> RewardEntitlement:
    reasons = []
    if not subscribed_on_base_date(line):
        reasons.append(RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE)
    if line.carrier == "mvno":
        reasons.append(RewardReason.MVNO)
    if line.line_type == "iot":
        reasons.append(RewardReason.IOT)
    age = age_on(line.birth_date, p.REWARD_BASE_DATE) if line.birth_date else None
    if reasons:
        return RewardEntitlement(False, tuple(reasons), (), (), False, age, ())

    # OTT age limits apply on the day the pass starts (2026-02-01).
    ott_age = age_on(line.birth_date, p.OTT_START) if line.birth_date else None
    automatic = age is not None and age >= p.INSURANCE_AUTO_AGE
    unannounced = [Unannounced.DATA_MONTHS, Unannounced.ROAMING_METHOD,
                   Unannounced.MEMBERSHIP_PARTNERS, Unannounced.INSURANCE_DETAILS]
    if not automatic:
        unannounced.append(Unannounced.INSURANCE_ENROLMENT)
    return RewardEntitlement(
        entitled=True,
        reasons=(),
        items=tuple(RewardItem),
        ott_choices=ott_choices_for_age(ott_age),
        insurance_automatic=automatic,
        age_on_base_date=age,
        unannounced=tuple(unannounced),
    )
