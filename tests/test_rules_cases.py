"""Questions that carry their own facts are answered by the rules, not canned text."""
from datetime import date

import pytest

from korean_nlu.entity_patterns import find_entities
from remedy_rules.cases import age_answer, read_facts, refund_case_answer, waiver_case_answer

DURING = date(2026, 1, 10)


def facts(text, on=DURING):
    return read_facts(text, find_entities(text), on)


@pytest.mark.parametrize("text, must", [
    ("10월에 기기변경했는데 면제돼요?", ["2025년 10월 기기변경은", "면제 대상이 아니에요"]),
    ("8월에 기변했는데요?", ["2025년 8월 기기변경은", "제외 사유가 아니에요", "2026년 1월 13일까지"]),
    ("8월에 해지했어요", ["2025년 8월 해지는", "면제 대상이 아니에요"]),
    ("12월 20일에 번호이동했는데 면제예요?", ["2025년 12월 20일 번호이동은", "면제 대상이에요"]),
    ("알뜰폰도 돼요?", ["알뜰폰(MVNO) 회선은 면제 대상이 아니에요"]),
    ("미납으로 직권해지 됐어요", ["직권해지한 회선은 면제 대상이 아니에요"]),
    ("워치도 면제돼요?", ["세컨드 디바이스 회선도 면제 대상에 포함돼요"]),
    ("2월 30일에 해지했어요", ["2월 30일은 없는 날짜예요"]),
])
def test_waiver_cases(text, must):
    answer = waiver_case_answer(facts(text), DURING)
    for phrase in must:
        assert phrase in answer


@pytest.mark.parametrize("text, on, must", [
    ("11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?", DURING, "2026년 2월 5일에 지급돼요"),
    ("1월 5일에 번호이동했어요, 환급 언제?", DURING, "번호이동하고 1월 14일에 신청하면 환급금은 2026년 2월 19일에 지급돼요"),
    ("12월 1일에 해지했는데 오늘 신청하면 언제 입금돼요?", date(2026, 1, 15), "2026년 1월 22일에 지급돼요"),
    ("12월 1일에 해지했어요 환급 언제?", date(2026, 1, 25), "오늘 신청하면 환급금은 2026년 2월 5일에 지급돼요"),
    ("11월 3일에 해지하고 1월 20일에 신청했어요 돈 언제 와요", date(2026, 3, 1), "2026년 2월 5일에 지급되었어요"),
    ("8월에 해지했는데 환급 언제?", DURING, "소급 적용 시작일(2025년 9월 1일) 전이라"),
    ("직권해지 됐는데 11월 3일에요 환급은요", DURING, "환급금도 없어요"),
])
def test_refund_cases(text, on, must):
    assert must in refund_case_answer(facts(text, on), on)


def test_a_range_across_the_window_edge_asks_for_the_exact_day():
    on = date(2026, 1, 25)
    assert "언제 해지했는지에 따라 달라요" in waiver_case_answer(facts("1월 중순에 해지했는데", on), on)
    # before mid-January has come, "1월 중순" is last year's, long before the window
    assert "2025년 1월 11일~1월 20일 해지는" in waiver_case_answer(facts("1월 중순에 해지했는데"), DURING)


def test_after_the_program_the_same_question_says_it_is_over():
    on = date(2026, 11, 25)
    answer = refund_case_answer(facts("작년 12월 1일에 해지했는데 환급 언제 받아요?", on), on)
    assert "2025년 12월 1일" in answer and "신청 기간은 종료되었어요" in answer


def test_no_facts_means_no_case_answer():
    assert facts("위약금 면제 대상이 누구예요?").empty
    assert waiver_case_answer(facts("위약금 면제 대상이 누구예요?"), DURING) is None


@pytest.mark.parametrize("age, topic, must", [
    (70, "insurance", "자동으로 제공돼요"), (64, "insurance", "자동 가입이 아니에요"),
    (15, "ott", "보호자 동의"), (13, "ott", "받을 수 없어요"), (30, "ott", "티빙과 디즈니+ 중 하나"),
])
def test_age_answers(age, topic, must):
    assert must in age_answer(age, topic)
