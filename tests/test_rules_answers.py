"""FAQ wording follows the day it runs on: 할 수 있어요 / 했어요 / 종료되었어요."""
from datetime import date

import pytest

from remedy_rules.answers_ko import payout_schedule_answer, waiver_window_answer
from remedy_rules.explain_ko import PAYOUT_REASON, REWARD_REASON, WAIVER_REASON, WAIVER_STATUS
from remedy_rules.eligibility import Reason, WaiverStatus
from remedy_rules.refund import PayoutReason
from remedy_rules.rewards import RewardReason

D = date


@pytest.mark.parametrize("on, must, must_not", [
    (D(2025, 12, 30), ["2025년 12월 31일~2026년 1월 13일에 해지하거나", "소급 적용돼요"], ["종료"]),
    (D(2025, 12, 31), ["지금은 위약금 면제 기간", "13일 남았어요"], ["종료"]),
    (D(2026, 1, 13), ["오늘이 마지막 날"], ["종료"]),
    (D(2026, 1, 14), ["종료되었어요", "1월 31일 22시까지 할 수 있어요", "17일 남았어요"], ["지금은 위약금 면제 기간"]),
    (D(2026, 1, 31), ["오늘이 마지막 날"], []),
    (D(2026, 2, 1), ["종료되었어요", "환급 신청 기간(2026년 1월 14일~1월 31일)도 종료되었어요", "312,902명"],
     ["할 수 있어요"]),
])
def test_waiver_answer_tense(on, must, must_not):
    text = waiver_window_answer(on)
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text


@pytest.mark.parametrize("on, paid_phrases, pending_phrases", [
    (D(2026, 1, 21), [], ["2026년 1월 22일에 지급돼요", "2026년 2월 5일에 지급돼요", "2026년 2월 19일에 지급돼요"]),
    (D(2026, 1, 22), ["2026년 1월 22일에 지급될 예정이었어요"], ["2026년 2월 5일에 지급돼요"]),
    (D(2026, 2, 18), ["2026년 2월 5일에 지급될 예정이었어요"], ["2026년 2월 19일에 지급돼요", "나누어 지급돼요"]),
    (D(2026, 2, 19), ["2026년 2월 19일에 지급될 예정이었어요", "나누어 지급하는 일정이었어요"], []),
])
def test_payout_schedule_tense(on, paid_phrases, pending_phrases):
    text = payout_schedule_answer(on)
    for phrase in paid_phrases + pending_phrases:
        assert phrase in text
    assert "1588-0010" in text
    # we have no payment data: a payout day that has passed was the scheduled day, not a payment
    assert "지급되었어요" not in text
    # the 2025 rows carry the retroactive lower bound
    assert text.count("2025년 9월 1일~12월 31일에 해지하고") == 2


def test_every_code_has_korean_wording():
    assert set(WAIVER_REASON) == set(Reason)
    assert set(WAIVER_STATUS) == set(WaiverStatus)
    assert set(PAYOUT_REASON) == set(PayoutReason)
    assert set(REWARD_REASON) == set(RewardReason)
