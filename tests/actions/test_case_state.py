"""The case kept across turns (actions.case_state): each message's facts laid over the kept ones,
a new value of a role replacing the old, and the slot that holds it read defensively."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.case_state import APPLICATION, TERMINATION, Case
from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.decision import LineFacts
from remedy_rules.spans import DateSpan

TODAY = date(2026, 1, 20)


def read(words: str):
    return read_facts(words, find_entities(words), TODAY)


def day(y, m, d):
    return DateSpan(date(y, m, d), date(y, m, d))


def test_facts_told_in_two_messages_make_one_case():
    case = Case.of(read("작년 12월 8일에 다른 데로 번호이동 했어요"), TODAY)
    case = case.told(read("환급 신청은 1월 16일에 넣었고요"), TODAY)
    assert case.line.terminated_on == day(2025, 12, 8) and case.line.termination_type == "port_out"
    assert case.line.applied_on == day(2026, 1, 16)


def test_a_new_date_of_a_role_replaces_the_old_one_and_keeps_the_rest():
    case = Case.of(read("12월 1일 해지하고 1월 15일 신청했어요"), TODAY)
    case = case.told(read("신청한 날은 1월 19일이었네요"), TODAY)
    assert case.line.applied_on == day(2026, 1, 19) and case.line.terminated_on == day(2025, 12, 1)


def test_a_bare_date_in_a_correction_takes_the_role_of_the_date_it_corrects():
    case = Case.of(read("11월 27일에 해지했고 신청은 1월 14일"), TODAY)
    bare = read("아 10월 27일이요")
    corrected = case.told(bare, TODAY, role_of_bare_date=case.role_of(11, 27))
    assert corrected.line.terminated_on == day(2025, 10, 27) and corrected.line.applied_on == day(2026, 1, 14)
    applied = case.told(bare, TODAY, role_of_bare_date=APPLICATION)
    assert applied.line.applied_on is not None and applied.line.terminated_on == day(2025, 11, 27)


def test_the_role_of_a_named_month_is_found_in_the_case():
    case = Case.of(read("11월 27일에 해지했고 신청은 1월 14일"), TODAY)
    assert case.role_of(11, None) == TERMINATION and case.role_of(1, 14) == APPLICATION
    assert case.role_of(3, None) is None


def test_another_persons_age_is_not_the_customers():
    case = Case.of(read("저는 일흔둘이에요"), TODAY)
    assert case.age == 72
    daughter = case.told(read("딸은요?"), TODAY, person="child")
    assert daughter.age is None and daughter.person == "child"
    assert case.told(read("제 건 그럼요?"), TODAY).age == 72


def test_another_kind_of_line_replaces_the_kind_asked_before_but_a_phone_does_not():
    mvno = Case.of(read("알뜰폰 쓰는데요"), TODAY)
    assert mvno.told(read("태블릿은요?"), TODAY).line.carrier is None
    assert mvno.told(read("그 폰 1월 3일에 해지했어요"), TODAY).line.carrier == "mvno"


def test_not_yet_applied_clears_an_application_date():
    case = Case.of(read("12월 2일 해지, 1월 15일 신청"), TODAY)
    later = case.told(read("아 신청은 아직 안 했어요"), TODAY)
    assert later.line.applied_on is None and later.line.terminated_on == day(2025, 12, 2)


def test_a_birth_date_is_kept_as_an_age_only():
    case = Case.of(read("1958년 4월 9일생이고 12월에 해지했어요"), TODAY)
    slot = case.to_slot()
    assert "birth_date" not in slot["line"] and "1958" not in str(slot)
    assert case.age == 67 and Case.from_slot(slot).facts(TODAY).line.birth_date is not None


def test_the_slot_round_trips():
    case = Case.of(read("9월 20일에 기변했고 1월 2일에 번호이동, 위약금 33만 원 냈어요"), TODAY, leaving=True)
    assert Case.from_slot(case.to_slot()) == case


@pytest.mark.parametrize(
    "value",
    [
        None,
        "12월 3일",
        [],
        {"line": "x"},
        {"line": {"terminated_on": ["2025-12-40", "2025-12-40"]}},
        {"line": {"terminated_on": ["2026-01-10", "2025-01-01"]}},
        {"line": {"carrier": "skt"}},
        {"line": {"events": [{"kind": "exploit"}]}},
        {"line": {}, "age": 999},
        {"line": {}, "person": "admin"},
        {"line": {}, "age_band": [50, 40]},
    ],
)
def test_anything_else_in_the_slot_is_no_case(value):
    assert Case.from_slot(value) is None


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=12),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "line",
                        "age",
                        "person",
                        "terminated_on",
                        "events",
                        "kind",
                        "on",
                        "applied_on",
                        "age_band",
                        "last_role",
                    ]
                ),
                c,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_no_slot_value_raises(value):
    case = Case.from_slot(value)
    assert case is None or isinstance(case.line, LineFacts)
