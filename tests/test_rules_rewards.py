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


@pytest.mark.parametrize(
    "kw, entitled, reasons",
    [
        ({}, True, ()),
        ({"joined_on": D(2026, 1, 13)}, True, ()),
        ({"joined_on": D(2026, 1, 14)}, False, (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,)),
        (
            {"status": "terminated", "terminated_on": D(2026, 1, 12), "termination_type": "cancel"},
            False,
            (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,),
        ),
        # left on the base day itself: whether it counts is not announced ([?]), so not entitled yet
        (
            {"status": "terminated", "terminated_on": D(2026, 1, 13), "termination_type": "port_out"},
            False,
            (),
        ),
        ({"status": "terminated", "terminated_on": D(2026, 1, 14), "termination_type": "cancel"}, True, ()),
        # FACTS.md excludes MVNO from the waiver only: for the rewards it is not said (issue 20, item 6)
        ({"carrier": "mvno"}, False, ()),
        # [A] all KT customers; [N] IoT lines get no 100GB data (the rest of the program applies)
        ({"line_type": "iot"}, True, ()),
        ({"line_type": "second_device"}, True, ()),
        (
            {"carrier": "mvno", "line_type": "iot", "joined_on": D(2026, 2, 1)},
            False,
            (RewardReason.NOT_SUBSCRIBED_ON_BASE_DATE,),
        ),
    ],
)
def test_entitlement(kw, entitled, reasons):
    r = rewards_for(line(**kw))
    assert (r.entitled, r.reasons) == (entitled, reasons)
    assert bool(r.items) is entitled


def test_iot_and_prepaid_lines_get_everything_but_the_data():
    iot = rewards_for(line(line_type="iot"))
    assert RewardItem.DATA not in iot.items
    assert set(iot.items) == set(RewardItem) - {RewardItem.DATA}


def test_the_base_day_leaver_is_undecided_not_refused():
    r = rewards_for(line(status="terminated", terminated_on=D(2026, 1, 13), termination_type="port_out"))
    assert r.reasons == () and set(r.undecided) == set(RewardItem)


# The day the age is counted on is not announced: an age that is the same on every day from the base
# date (2026-01-13) to the end of the pass (six months from 2026-02-01) decides; one that changes
# depends (issue 20: the end was the pass's start, a span FACTS.md does not give).
@pytest.mark.parametrize(
    "birth, choices, undecided",
    [
        (D(2012, 8, 1), (), False),  # 13 until the pass ends: no service takes under-14s
        (D(2012, 2, 15), (), True),  # turns 14 while the pass runs
        (D(2012, 2, 1), (), True),  # turns 14 on 2026-02-01
        (D(2012, 1, 13), (OttChoice.TVING_WITH_GUARDIAN,), False),  # 14 on the base date already
        (D(2007, 8, 1), (OttChoice.TVING_WITH_GUARDIAN,), False),  # 18 until the pass ends
        (D(2007, 2, 2), (), True),  # turns 19 while the pass runs
        (D(2007, 2, 1), (), True),  # turns 19 on 2026-02-01
        (D(2007, 1, 13), (OttChoice.TVING, OttChoice.DISNEY_PLUS), False),
        (D(1960, 1, 1), (OttChoice.TVING, OttChoice.DISNEY_PLUS), False),
    ],
)
def test_ott_choices_by_age(birth, choices, undecided):
    r = rewards_for(line(birth_date=birth))
    assert r.ott_choices == choices
    assert (RewardItem.OTT in r.undecided) is undecided


@pytest.mark.parametrize(
    "birth, automatic",
    [
        (D(1961, 1, 13), True),  # 65 on 2026-01-13, and on every later day
        (D(1961, 1, 14), None),  # turns 65 after the base date: not announced which day counts
        (D(1961, 3, 1), None),  # turns 65 inside the two years of the insurance (issue 20)
        (D(1963, 1, 14), False),  # 64 until the two years are over
        (D(1940, 6, 1), True),
    ],
)
def test_insurance_is_automatic_from_65(birth, automatic):
    from remedy_rules.codes import Decision
    from remedy_rules.decision import decide_line

    r = rewards_for(line(birth_date=birth))
    assert r.insurance_automatic is bool(automatic)
    assert (Unannounced.INSURANCE_ENROLMENT in r.unannounced) is not automatic
    assert RewardItem.INSURANCE in r.items
    section = decide_line(line(birth_date=birth), D(2026, 2, 1)).rewards[RewardItem.INSURANCE]
    expected = {True: Decision.YES, False: Decision.NO, None: Decision.DEPENDS}[automatic]
    assert section.automatic is expected


def test_unannounced_facts_are_listed_not_invented():
    r = rewards_for(line())
    assert {
        Unannounced.DATA_MONTHS,
        Unannounced.ROAMING_METHOD,
        Unannounced.MEMBERSHIP_PARTNERS,
        Unannounced.INSURANCE_DETAILS,
    } <= set(r.unannounced)


@pytest.mark.parametrize(
    "birth, on, age",
    [
        (D(2000, 2, 29), D(2025, 2, 28), 24),
        (D(2000, 2, 29), D(2025, 3, 1), 25),
        (D(1990, 1, 13), D(2026, 1, 13), 36),
        (D(1990, 1, 14), D(2026, 1, 13), 35),
    ],
)
def test_international_age(birth, on, age):
    assert age_on(birth, on) == age
