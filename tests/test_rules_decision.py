"""The one decision over partly known facts: every row of issue 11's table, and its edges.

Each row is reproduced the way the customer met it (a message read by the rules, or a verified
line), decided by ``decision.decide`` and rendered; the assertions are what the customer reads.
"""

from datetime import date, time

import pytest

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.codes import (
    Decision,
    Ground,
    Missing,
    OpenKind,
    PayoutReason,
    Reason,
    RewardItem,
    Unannounced,
)
from remedy_rules.decision import LineFacts, decide, decide_line
from remedy_rules.line import Line
from remedy_rules.spans import DateSpan
from wording_ko.agent_card import agent_card
from wording_ko.explain import question
from wording_ko.personal import application_check, personal_answer
from wording_ko.render import case_answer

D = date


def message(text, on):
    f = read_facts(text, find_entities(text), on)
    return f, decide(f.line, on)


def exact(d):
    return DateSpan(d, d)


# -- the table ------------------------------------------------------------------------------------


def test_row1_device_change_after_the_cutoff_excludes_the_later_cancellation():
    on = D(2026, 1, 15)
    f, d = message("10월에 기기변경하고 12월에 해지했어요. 환급 언제 받아요?", on)
    assert (d.waiver.decision, d.waiver.reasons) == (Decision.NO, (Reason.DEVICE_CHANGE_AFTER_CUTOFF,))
    assert (d.refund.decision, d.refund.reasons) == (Decision.NO, (PayoutReason.NOT_ELIGIBLE,))
    assert "paid_on" not in d.refund.dates and "paid_on_if_applied_today" not in d.refund.dates
    for group in ("waiver", "refund"):
        answer = case_answer(f, group, on)
        assert "2025년 10월 기기변경은 9월 1일 이후라서 위약금 면제 대상이 아니에요" in answer
        assert "12월 해지도 위약금이 면제되지 않아요" in answer
        assert "면제 대상이에요" not in answer and "1월 22일" not in answer and "지급돼요" not in answer


def test_row2_an_mvno_port_out_is_excluded_once_and_for_all():
    on = D(2026, 1, 15)
    f, d = message("알뜰폰 쓰다가 12월 5일에 번호이동했는데 환급 언제 돼요?", on)
    assert (d.waiver.decision, d.waiver.reasons) == (Decision.NO, (Reason.MVNO,))
    assert d.refund.decision is Decision.NO
    answer = case_answer(f, "refund", on)
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" in answer
    assert "면제 대상이에요" not in answer and "1월 22일" not in answer


@pytest.mark.parametrize(
    "on, window",
    [
        (D(2026, 1, 10), "2026년 1월 14일 9시부터 1월 31일 22시까지 환급 신청을 하면 돌려받아요"),
        # once open, the opening hour is past: the period and its closing hour
        (D(2026, 1, 20), "환급 신청은 2026년 1월 14일~1월 31일 22시까지 할 수 있어요"),
        (D(2026, 3, 1), "2026년 1월 14일~1월 31일에 환급 신청을 한 경우에만 돌려받을 수 있었어요"),
    ],
)
def test_row3_a_cancellation_in_october_depends_on_the_exclusions_and_an_application(on, window):
    f, d = message("10월에 해지했는데 면제돼요?", on)
    assert d.waiver.decision is Decision.DEPENDS
    assert Ground.LEFT_IN_RETRO_PERIOD in d.waiver.grounds
    assert {
        Missing.CARRIER,
        Missing.LINE_TYPE,
        Missing.CONTRACT_CHANGE_SINCE_CUTOFF,
        Missing.REJOINED,
    } <= set(d.waiver.missing)
    questions = {o.code: question(o.code, o.detail) for o in d.waiver.open}
    assert (
        questions[Missing.CONTRACT_CHANGE_SINCE_CUTOFF]
        == "2025년 9월 1일 이후에 신규 가입·기기변경·재약정을 했나요?"
    )
    answer = case_answer(f, "waiver", on)
    assert "2025년 10월 해지는 소급 적용 기간(9월 1일~12월 30일)에 들어요" in answer
    assert "다음에 해당하지 않으면 위약금이 면제돼요: 알뜰폰(MVNO) 회선, IoT·특수 목적 회선" in answer
    assert window in answer
    assert not answer.startswith("위약금 면제 대상이에요")


def test_row4_an_active_line_with_a_penalty_says_when_it_would_be_refunded():
    line = Line(joined_on=D(2020, 1, 1), birth_date=D(1990, 1, 1), penalty_krw=300_000)
    on = D(2026, 1, 5)
    d = decide_line(line, on)
    assert d.refund.decision is Decision.DEPENDS
    assert {o.code for o in d.refund.opens(OpenKind.IF)} == {
        Missing.LEAVE_BY_WAIVER_END,
        Missing.APPLY_IN_PERIOD,
    }
    assert d.refund.refundable_krw == 300_000
    answer = personal_answer(line, on, "refund")
    assert "환급할 위약금이 없어요" not in answer
    assert (
        "2026년 1월 13일까지 해지하거나 번호이동하면" in answer and "예상 위약금은 300,000원이에요" in answer
    )
    assert "위약금이 먼저 청구된 뒤" in answer and "2026년 2월 19일" in answer


def test_row5_an_mvno_line_that_applied_is_told_it_is_not_eligible():
    line = Line(
        carrier="mvno",
        status="terminated",
        terminated_on=D(2025, 12, 5),
        termination_type="port_out",
        joined_on=D(2020, 1, 1),
        refund_applied_on=D(2026, 1, 15),
        penalty_krw=50_000,
    )
    on = D(2026, 1, 20)
    d = decide_line(line, on)
    assert (d.refund.decision, d.refund.reasons) == (Decision.NO, (PayoutReason.NOT_ELIGIBLE,))
    check = application_check(line, on, time(12), "billing_import")
    assert not check.can_apply and check.code == "already_applied"
    assert "위약금 면제 대상이 아니라서 환급되지 않아요" in check.text and "알뜰폰(MVNO)" in check.text
    assert "기간 밖" not in check.text and "지급일이 없어요" not in check.text
    assert "환급되지 않아요" in personal_answer(line, on, "refund")


def test_row6_an_active_line_before_the_base_date_gets_rewards_only_if_it_stays():
    line = Line(joined_on=D(2020, 1, 1), birth_date=D(1990, 1, 1))
    d = decide_line(line, D(2026, 1, 2))
    assert d.program.decision is Decision.DEPENDS
    assert d.program.missing == (Missing.STAY_UNTIL_BASE_DATE,)
    answer = personal_answer(line, D(2026, 1, 2), "rewards")
    assert "2026년 1월 13일까지 KT를 계속 쓰면 보답 프로그램 대상이에요" in answer
    assert not answer.startswith("보답 프로그램 대상이에요")
    assert decide_line(line, D(2026, 1, 14)).program.decision is Decision.YES


def test_row7_a_line_that_left_after_the_base_date_was_entitled():
    line = Line(
        status="terminated",
        terminated_on=D(2026, 1, 20),
        termination_type="port_out",
        joined_on=D(2020, 1, 1),
        birth_date=D(1990, 1, 1),
    )
    on = D(2026, 2, 10)
    d = decide_line(line, on)
    assert d.program.decision is Decision.YES and Ground.LEFT_AFTER_BASE_DATE in d.program.grounds
    assert Unannounced.REWARDS_AFTER_LEAVING in d.rewards[RewardItem.DATA].unannounced
    answer = personal_answer(line, on, "rewards")
    assert "보답 프로그램 대상이었어요" in answer and "2026년 1월 20일에 해지되었어요" in answer
    assert "보답 프로그램 대상이에요" not in answer
    # what becomes of the rewards after leaving: FACTS.md says nothing (issue 20, items 7 and 14)
    assert "안내된 내용이 없어요" in answer and "114" in answer and "1588-0010" in answer
    assert "자동으로 제공돼요" not in answer


def test_row8_an_unknown_birth_date_is_not_under_14():
    line = Line(joined_on=D(2020, 1, 1))  # no birth date on record
    on = D(2026, 2, 10)
    ott = decide_line(line, on).rewards[RewardItem.OTT]
    assert ott.decision is Decision.DEPENDS and ott.missing == (Missing.BIRTH_DATE,)
    answer = personal_answer(line, on, "rewards")
    assert "만 14세 미만" not in answer and "받을 수 없어요" not in answer and "쓸 수 없어요" not in answer
    assert "나이에 따라" in answer  # what decides it, without asking for personal data in a general answer
    assert "OTT 확인 필요" in agent_card("S-1", "홍길동", "010-****-0000", line, on)


def test_row9_a_month_without_a_year_in_the_past_tense_is_the_most_recent_past_one():
    on = D(2026, 1, 25)
    f, d = message("11월에 번호이동하면서 위약금 냈어요", on)
    assert f.line.terminated_on == DateSpan(D(2025, 11, 1), D(2025, 11, 30))
    assert Ground.LEFT_IN_RETRO_PERIOD in d.waiver.grounds
    assert Reason.TERMINATED_AFTER_WINDOW not in d.waiver.reasons
    answer = case_answer(f, "refund", on)
    assert "지난 뒤" not in answer and "2026년 11월" not in answer
    assert "2025년 11월에 번호이동하고 오늘 신청하면 환급금은 2026년 2월 5일에 지급돼요" in answer


# -- the decision's shape -------------------------------------------------------------------------


def test_nothing_known_decides_nothing_but_says_what_to_ask():
    d = decide(LineFacts(), D(2026, 1, 20))
    for section in (d.waiver, d.refund, d.program, *d.rewards.values()):
        assert section.decision is Decision.DEPENDS and section.open
    assert {Missing.STATUS, Missing.CARRIER} <= set(d.waiver.missing)


def test_one_exclusion_decides_no_whatever_is_unknown():
    d = decide(LineFacts(line_type="iot"), D(2026, 1, 20))
    assert (d.waiver.decision, d.waiver.reasons, d.waiver.open) == (Decision.NO, (Reason.IOT,), ())
    assert d.refund.decision is Decision.NO


@pytest.mark.parametrize(
    "term_on, decision, reason",
    [
        (D(2025, 8, 31), Decision.NO, Reason.TERMINATED_BEFORE_WINDOW),
        (D(2025, 9, 1), Decision.YES, None),
        (D(2026, 1, 13), Decision.YES, None),
        (D(2026, 1, 14), Decision.NO, Reason.TERMINATED_AFTER_WINDOW),
    ],
)
def test_termination_edges_of_a_known_line(term_on, decision, reason):
    facts = LineFacts(
        line_type="mobile",
        carrier="kt",
        prepaid=False,
        status="terminated",
        joined_on=exact(D(2020, 1, 1)),
        contract_change_since_cutoff=False,
        terminated_on=exact(term_on),
        termination_type="cancel",
        rejoined=False,
        applied=False,
    )
    waiver = decide(facts, D(2026, 11, 25)).waiver
    assert waiver.decision is decision
    assert waiver.reasons == (
        (reason,)
        if reason
        else (Ground.LEFT_IN_RETRO_PERIOD,)
        if term_on.year == 2025
        else (Ground.LEFT_IN_WAIVER_WINDOW,)
    )


@pytest.mark.parametrize(
    "on, at, state",
    [
        (D(2026, 1, 13), time(23, 59), "not_yet_open"),
        (D(2026, 1, 14), time(8, 59), "not_yet_open"),
        (D(2026, 1, 14), time(9, 0), "ok"),
        (D(2026, 1, 31), time(21, 59), "ok"),
        (D(2026, 1, 31), time(22, 0), "closed"),
        (D(2026, 2, 1), time(9, 0), "closed"),
    ],
)
def test_in_chat_applications_follow_the_announced_hours(on, at, state):
    line = Line(
        status="terminated",
        terminated_on=D(2025, 12, 31),
        termination_type="port_out",
        joined_on=D(2019, 3, 2),
        penalty_krw=98_000,
    )
    check = application_check(line, on, at)
    assert check.code == state and check.can_apply is (state == "ok")
    if state == "ok":
        assert "예상 지급일" in check.text and "본인 명의 계좌" in check.text
    if on == D(2026, 1, 31) and state == "ok":
        assert "오늘 22시까지" in check.text


def test_an_open_question_is_asked_in_korean_with_the_cutoff():
    d = decide(
        LineFacts(
            status="terminated",
            terminated_on=exact(D(2025, 11, 3)),
            termination_type="cancel",
            carrier="kt",
            line_type="mobile",
            rejoined=False,
        ),
        D(2026, 1, 20),
    )
    assert d.waiver.missing == (Missing.CONTRACT_CHANGE_SINCE_CUTOFF,)
    assert d.waiver.open[0].kind is OpenKind.ASK
    asked = question(d.waiver.open[0].code, d.waiver.open[0].detail)
    assert "2025년 9월 1일 이후에" in asked and asked.endswith("?")
