from datetime import date

import pytest

from remedy_rules import Line, OttChoice, RewardReason, rewards_for
from remedy_rules.line import age_on
from remedy_rules.rewards import RewardItem, Unannounced

D = date


def line(**kw):
    kw.setdefault("joined_on", D(2020, 1, 1))
    kw.setdefault("birth_date", D(1990, 5, 5))
    return Line(**kw)


@pytest.mark.parametrize("kw, entitled, reasons", [
    ({}, True, ()),
    ({"joined_on": D(2026, 1, 13)}, True, ()),
    ({"joined_on": D(2026, 1, 14)}, False, (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,)),
    ({"status": "terminated", "terminated_on": D(2026, 1, 12), "termination_type": "cancel"}, False,
     (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,)),
    ({"status": "terminated", "terminated_on": D(2026, 1, 13), "termination_type": "port_out"}, False,
     (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,)),
    ({"status": "terminated", "terminated_on": D(2026, 1, 14), "termination_type": "cancel"}, True, ()),
    ({"carrier": "mvno"}, False, (RewardReason.MVNO,)),
    ({"line_type": "iot"}, False, (RewardReason.IOT,)),
    ({"line_type": "second_device"}, True, ()),
    ({"carrier": "mvno", "line_type": "iot", "joined_on": D(2026, 2, 1)}, False,
     (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE, RewardReason.MVNO, RewardReason.IOT)),
])
def test_entitlement(kw, entitled, reasons):
    r = rewards_for(line(**kw))
    assert (r.entitled, r.reasons) == (entitled, reasons)
    assert bool(r.items) is entitled


@pytest.mark.parametrize("birth, choices", [
    (D(2012, 2, 2), ()),  # 13 on 2026-02-01
    (D(2012, 2, 1), (OttChoice.TVING_WITH_GUARDIAN,)),  # turns 14 that day
    (D(2007, 2, 2), (OttChoice.TVING_WITH_GUARDIAN,)),  # 18
    (D(2007, 2, 1), (OttChoice.TVING, OttChoice.DISNEY_PLUS)),  # turns 19 that day
    (D(1960, 1, 1), (OttChoice.TVING, OttChoice.DISNEY_PLUS)),
])
def test_ott_choices_by_age_when_the_pass_starts(birth, choices):
    assert rewards_for(line(birth_date=birth)).ott_choices == choices


@pytest.mark.parametrize("birth, automatic", [
    (D(1961, 1, 13), True),  # 65 on 2026-01-13
    (D(1961, 1, 14), False),  # 64 that day
    (D(1940, 6, 1), True),
])
def test_insurance_is_automatic_from_65_on_the_base_date(birth, automatic):
    r = rewards_for(line(birth_date=birth))
    assert r.insurance_automatic is automatic
    assert (Unannounced.INSURANCE_ENROLMENT in r.unannounced) is not automatic
    assert RewardItem.INSURANCE in r.items


def test_unannounced_facts_are_listed_not_invented():
    r = rewards_for(line())
    assert {Unannounced.DATA_MONTHS, Unannounced.ROAMING_METHOD, Unannounced.MEMBERSHIP_PARTNERS,
            Unannounced.INSURANCE_DETAILS} <= set(r.unannounced)


@pytest.mark.parametrize("birth, on, age", [
    (D(2000, 2, 29), D(2025, 2, 28), 24), (D(2000, 2, 29), D(2025, 3, 1), 25),
    (D(1990, 1, 13), D(2026, 1, 13), 36), (D(1990, 1, 14), D(2026, 1, 13), 35),
])
def test_international_age(birth, on, age):
    assert age_on(birth, on) == age
