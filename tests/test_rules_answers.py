"""FAQ wording follows the day it runs on: 할 수 있어요 / 했어요 / 종료되었어요."""

from datetime import date

import pytest

from remedy_rules.eligibility import Reason, WaiverStatus
from remedy_rules.refund import PayoutReason
from remedy_rules.rewards import RewardReason
from wording_ko.answers import payout_schedule_answer, waiver_window_answer
from wording_ko.explain import PAYOUT_REASON, REWARD_REASON, WAIVER_REASON, WAIVER_STATUS

D = date


@pytest.mark.parametrize(
    "on, must, must_not",
    [
        (D(2025, 12, 30), ["2025년 12월 31일~2026년 1월 13일에 해지하거나", "소급 적용돼요"], ["종료"]),
        (D(2025, 12, 31), ["지금은 위약금 면제 기간", "13일 남았어요"], ["종료"]),
        (D(2026, 1, 13), ["오늘이 마지막 날"], ["종료"]),
        (
            D(2026, 1, 14),
            ["종료되었어요", "1월 31일 22시까지 할 수 있어요", "17일 남았어요"],
            ["지금은 위약금 면제 기간"],
        ),
        (D(2026, 1, 31), ["오늘이 마지막 날"], []),
        (
            D(2026, 2, 1),
            ["종료되었어요", "환급 신청 기간(2026년 1월 14일~1월 31일)도 종료되었어요", "312,902명"],
            ["할 수 있어요"],
        ),
    ],
)
def test_waiver_answer_tense(on, must, must_not):
    text = waiver_window_answer(on)
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text


@pytest.mark.parametrize(
    "on, paid_phrases, pending_phrases",
    [
        (
            D(2026, 1, 21),
            [],
            ["→ 2026년 1월 22일, ", "→ 2026년 2월 5일\n", "→ 2026년 2월 19일\n", "세 차례 지급돼요"],
        ),
        # the payout day itself is not past yet (issue 20, item 20)
        (D(2026, 1, 22), ["→ 오늘(2026년 1월 22일)"], ["→ 2026년 2월 5일\n"]),
        (D(2026, 1, 23), ["→ 2026년 1월 22일(지났어요)"], ["→ 2026년 2월 5일\n"]),
        (
            D(2026, 2, 18),
            ["→ 2026년 2월 5일(지났어요)"],
            ["→ 2026년 2월 19일\n", "세 차례 지급돼요"],
        ),
        (D(2026, 2, 19), ["→ 오늘(2026년 2월 19일)", "→ 2026년 2월 5일(지났어요)"], []),
        # every day past: said once, in the lead
        (D(2026, 2, 20), ["→ 2026년 2월 19일\n", "세 차례 지급하는 일정이었고, 지급일은 모두 지났어요"], []),
    ],
)
def test_payout_schedule_tense(on, paid_phrases, pending_phrases):
    text = payout_schedule_answer(on)
    for phrase in paid_phrases + pending_phrases:
        assert phrase in text
    assert "1588-0010" in text
    # we have no payment data: a payout day that has passed was the scheduled day, not a payment
    assert "지급되었어요" not in text
    # the 2025 leavers' row carries the retroactive lower bound, once for both application spans
    assert text.count("2025년 9월 1일~12월 31일 해지:") == 1 and text.count("→") == 3


def test_every_code_has_korean_wording():
    assert set(WAIVER_REASON) == set(Reason)
    assert set(WAIVER_STATUS) == set(WaiverStatus)
    assert set(PAYOUT_REASON) == set(PayoutReason)
    assert set(REWARD_REASON) == set(RewardReason)


# -- issue 11: wording found in the answers, each fixed ---------------------------------------------
from wording_ko import answers as faq  # noqa: E402
from wording_ko.explain import CENTRE  # noqa: E402

BEFORE, WINDOW, APPLYING, AFTER, LATE = (
    D(2025, 12, 20),
    D(2026, 1, 10),
    D(2026, 1, 20),
    D(2026, 2, 10),
    D(2026, 9, 1),
)
EVERY_DAY = (BEFORE, WINDOW, APPLYING, AFTER, LATE)


def test_leaving_after_the_window_starts_on_the_14th():
    text = WAIVER_REASON[Reason.TERMINATED_AFTER_WINDOW]
    assert text.startswith("2026년 1월 14일부터 해지한 회선은") and "1월 13일 이후" not in text


def test_rewards_are_for_every_kt_customer_and_only_the_data_excludes_prepaid_and_iot():
    for on in EVERY_DAY:
        text = faq.rewards_answer(on)
        assert "2026년 1월 13일 기준 KT 고객 모두에게" in text
        assert "보도에 따르면 선불·IoT 회선은 데이터에서 제외되고" in text
        assert "알뜰폰·IoT 제외" not in text
        assert "선불·IoT 회선은 제외" in faq.reward_data_answer(on)


def test_the_age_reference_date_is_unannounced():
    for on in EVERY_DAY:
        text = faq.reward_insurance_answer(on)
        assert "기준 만 65세" not in text and "나이를 어느 날 기준으로 세는지" in text and "1588-0010" in text
        assert "기준 만" not in faq.reward_ott_answer(on)
    from remedy_rules import facts

    # FACTS.md does not mention the day at all (issue 20, item 7): no value, "안내된 내용이 없어요"
    assert facts.AGE_REFERENCE_DATE.grade == facts.SILENT and facts.AGE_REFERENCE_DATE.value is None


def test_the_ott_answer_states_the_announced_choice_only():
    for on in EVERY_DAY:
        text = faq.reward_ott_answer(on)
        assert "넷플릭스" not in text and "다른 OTT" not in text
        assert "OTT 2종 중 하나" in text and "티빙·디즈니+ 중 하나" in text


def test_the_previous_waiver_answer_names_the_exclusions_in_the_right_tense():
    during, after = faq.previous_waiver_answer(WINDOW), faq.previous_waiver_answer(AFTER)
    for text in (during, after):
        assert "KT 전 고객 대상" not in text and "알뜰폰(MVNO)" in text and "직권해지" in text
        # the year said once: the range starts in the year of the date said before it (2025)
        assert (
            "2025년 11월 30일까지" in text
            and "9월 1일~2026년 1월 13일에 해지하거나 번호이동한 KT 휴대폰 고객" in text
        )
    assert "대상이에요" in during and "대상이었어요" in after


def test_where_the_lookup_page_is_was_not_announced():
    for on in (BEFORE, AFTER):
        text = faq.eligibility_lookup_answer(on)
        assert "홈페이지" not in text
        # FACTS.md does not mention the address (issue 20, item 7): nothing was said, not "pending"
        assert "조회 페이지 주소는 안내된 내용이 없어요" in text and "114" in text and "1588-0010" in text
        assert "발표되지 않" not in text


def test_retroactive_cover_always_starts_on_september_1():
    assert "2025년 9월 1일~12월 30일에 이미 해지하거나" in faq.retroactive_answer(AFTER)
    for on in EVERY_DAY:
        assert "2025년 9월 1일~12월 31일 해지:" in faq.payout_schedule_answer(on)


def test_1588_0010_works_from_any_phone():
    assert "KT폰 114, 모든 전화 1588-0010" in CENTRE and "일반 전화" not in CENTRE
    assert "어느 전화에서나 1588-0010" in faq.request_human_answer(AFTER)


@pytest.mark.parametrize("on, runs", [(D(2026, 8, 31), "이어져요"), (D(2026, 9, 1), "이어졌어요")])
def test_the_roaming_extension_in_one_tense(on, runs):
    text = faq.reward_roaming_answer(on)
    assert text.startswith("2026년 1월 13일") and f"8월까지 {runs}" in text  # the year said once
    assert not ("이어져요" in text and "끝났어요" in text)


def test_facts_never_stated_before_are_stated():
    who = faq.waiver_who_answer(WINDOW)
    assert "해지 후 다시 가입한 경우와 특수 목적 회선도 제외된다고 보도되었어요" in who
    assert "보도에 따르면 재가입·특수 목적 회선도" in faq.retroactive_answer(APPLYING)
    for on in (BEFORE, WINDOW):  # the penalty is billed, then refunded, before the window too
        assert "위약금은 해지할 때 먼저 청구되고" in faq.waiver_window_answer(on)
    after = faq.waiver_window_answer(AFTER)
    assert "312,902명이 KT를 떠났고" in after and "약 660,000명" in after
    assert "약 4,500억 원" in faq.rewards_answer(APPLYING)
    assert "2026년 1월 14일 9시부터 1월 31일 22시까지" in faq.how_to_apply_answer(BEFORE)
    assert "1월 31일 22시까지" in faq.how_to_apply_answer(APPLYING)


# -- the application period in every answer about applying; the contrast with the earlier waiver;
#    the figures of the incident ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "on, tense",
    [(D(2026, 1, 2), "22시까지예요"), (D(2026, 1, 20), "남았어요"), (D(2026, 3, 2), "종료되었어요")],
)
def test_the_missed_deadline_answer_gives_the_whole_period_first(on, tense):
    from wording_ko.answers import missed_deadline_answer

    text = missed_deadline_answer(on)
    first = text.split(". ")[0]
    assert "2026년 1월 14일" in first and "1월 31일" in first and tense in first
    # the hours while they still count: the opening hour before it, the closing hour until it
    assert ("9시부터" in first) is (on < D(2026, 1, 14)) and ("22시" in first) is (on <= D(2026, 1, 31))
    # then the exception for unavoidable reasons, "within 14 days after" as FACTS.md says (issue 20, item 21)
    assert "사유가 끝난 뒤 14일 이내" in text and "증빙" in text


def test_the_earlier_waiver_is_contrasted_with_this_one():
    from wording_ko.answers import previous_waiver_answer

    for on in (D(2026, 1, 3), D(2026, 5, 1)):
        text = previous_waiver_answer(on)
        assert "20,000명" in text and "2025년 11월 30일까지" in text
        assert "관계없이" in text and "KT 휴대폰 고객 모두" in text


def test_the_incident_answer_gives_the_reported_departures_once_they_are_known():
    from wording_ko.answers import incident_answer

    assert "312,902명" in incident_answer(D(2026, 2, 10)) and "660,000명" in incident_answer(D(2026, 2, 10))
    assert "312,902명" not in incident_answer(D(2026, 1, 8))  # reported after the window closed


def test_after_the_window_the_who_and_port_out_answers_say_leaving_now_is_not_waived():
    from wording_ko.answers import portout_vs_cancel_answer, waiver_who_answer

    for answer in (waiver_who_answer, portout_vs_cancel_answer):
        assert "면제되지 않아요" in answer(D(2026, 2, 1)) and "면제되지 않아요" not in answer(D(2026, 1, 9))
