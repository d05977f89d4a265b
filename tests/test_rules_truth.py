"""Issue 20: every sentence true on every day and hour, against shared/program/FACTS.md.

One test (or a few) per numbered problem of the issue; the grid test (test_rules_grid.py) keeps
the general rules over every answer and day.
"""

from datetime import date, time

import pytest

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.decision import LineFacts, decide
from remedy_rules.line import Line
from wording_ko import answers as faq
from wording_ko.personal import personal_answer
from wording_ko.render import case_answer, refund_text, story_answer

D = date
LAST_DAY, FIRST_DAY = D(2026, 1, 31), D(2026, 1, 14)


def facts(text, on):
    return read_facts(text, find_entities(text), on)


# -- 1. English word order: the verb stands before its date ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I cancelled on December 20 and applied on January 15, when do I get my money?",
        "I applied on January 15 after cancelling on December 20",
        "ported out my number on Dec 20 and applied for the refund on Jan 15",
    ],
)
def test_english_dates_take_the_role_of_the_word_before_them(text):
    on = D(2026, 1, 20)
    f = facts(text, on)
    assert f.line.terminated_on.start == D(2025, 12, 20)
    assert f.line.applied_on.start == D(2026, 1, 15)
    answer = case_answer(f, "refund", on)
    assert "2026년 1월 15일에 신청했다면 1월 22일에 지급돼요" in answer
    assert "면제 대상이 아니에요" not in answer and "환급되지 않아요" not in answer.split("다만")[0]


def test_a_year_guessed_back_that_would_refuse_the_waiver_is_asked_not_decided():
    on = D(2026, 1, 28)
    f = facts("1월 25일 해지하고 1월 15일에 신청했어요", on)  # termination read after the application
    for group in ("waiver", "refund"):
        answer = case_answer(f, group, on)
        assert "면제 대상이 아니에요" not in answer and "2025년 1월 25일" not in answer
        assert "알려 주세요" in answer


def test_a_year_guessed_back_inside_the_program_still_decides():
    on = D(2026, 12, 1)
    f = facts("11월에 해지하고 1월 15일에 신청했어요", on)
    assert f.date_error is None and f.line.terminated_on.start == D(2025, 11, 1)


# -- 2. Nobody said whether it applied: no past-tense receipt while applications are open ------
@pytest.mark.parametrize("on", [D(2026, 1, 14), D(2026, 1, 20), D(2026, 1, 31)])
def test_unknown_application_is_not_told_it_was_received_while_open(on):
    text = refund_text(decide(LineFacts(carrier="kt", line_type="mobile"), on))
    assert "돌려받았어요" not in text and "접수되" not in text
    assert "신청을 하면 위약금을 돌려받아요" in text


@pytest.mark.parametrize("on", [D(2026, 2, 1), D(2026, 2, 19), D(2026, 11, 25)])
def test_unknown_application_after_the_period_is_a_condition(on):
    text = refund_text(decide(LineFacts(carrier="kt", line_type="mobile"), on))
    assert "돌려받았어요" not in text and "환급 신청했다면" in text


# -- 3. The hour: after 22:00 on the last day (and before 9:00 on the first) -------------------
TERMINATED = Line(
    status="terminated",
    terminated_on=D(2025, 12, 20),
    termination_type="cancel",
    joined_on=D(2020, 1, 1),
    penalty_krw=100_000,
)
TODAY_WORDS = ("오늘 신청하면", "오늘이 마지막 날", "남았어요", "지금 KT 홈페이지", "할 수 있어요(")


def answers_at(on, at):
    yield "faq:how", faq.how_to_apply_answer(on, at)
    yield "faq:end", faq.how_to_apply_answer(on, at, "end")
    for intent, render in faq.FAQ_ANSWERS.items():
        yield f"faq:{intent}", render(on, at)
    for topic in ("eligibility", "refund", "apply"):
        yield f"personal:{topic}", personal_answer(TERMINATED, on, topic, at)
    for text in ("12월 20일에 해지했는데 오늘 신청하면 언제 받아요?", "12월 20일에 해지했어요"):
        f = facts(text, on)
        yield f"case:{text}", case_answer(f, "refund", on, at)
        yield f"story:{text}", story_answer(f, on, at)


@pytest.mark.parametrize("at", [time(22, 0), time(23, 30)])
def test_after_22_on_the_last_day_no_answer_offers_applying_today(at):
    for what, text in answers_at(LAST_DAY, at):
        for word in TODAY_WORDS + ("2026년 1월 31일에 신청하면",):  # "오늘 신청하면" read as a plan
            assert word not in text, (what, word, text)


def test_at_2159_on_the_last_day_the_answers_say_it_is_the_last_day():
    said = dict(answers_at(LAST_DAY, time(21, 59)))
    assert "오늘이 마지막 날" in said["faq:how"]
    assert "오늘 신청하면" in said["personal:refund"]


def test_before_9_on_the_first_day_no_answer_says_applications_are_open_now():
    for what, text in answers_at(FIRST_DAY, time(8, 59)):
        assert "오늘 신청하면" not in text and "지금 KT 홈페이지" not in text, what
    assert "오늘 신청하면" in dict(answers_at(FIRST_DAY, time(9, 0)))["personal:refund"]


# -- 4. The day ages are counted on: a birthday inside the benefit gets the note ----------------
def test_turning_65_inside_the_insurance_years_is_not_told_flatly():
    line = Line(joined_on=D(2020, 1, 1), birth_date=D(1961, 3, 1))
    text = personal_answer(line, D(2026, 1, 20), "insurance")
    assert "자동으로 제공되지는 않아요" not in text
    assert "나이를 어느 날 기준으로 세는지" in text and "114" in text and "1588-0010" in text


def test_turning_14_inside_the_pass_is_not_told_flatly():
    line = Line(joined_on=D(2020, 1, 1), birth_date=D(2012, 2, 15))
    text = personal_answer(line, D(2026, 1, 20), "rewards")
    assert "OTT 이용권을 쓸 수 없어요" not in text and "나이를 어느 날 기준으로 세는지" in text


@pytest.mark.parametrize("age, topic", [(64, "insurance"), (13, "ott")])
def test_an_age_said_near_a_limit_gets_the_counting_day_note(age, topic):
    from wording_ko.render import age_answer

    text = age_answer(age, topic, D(2026, 1, 20))
    assert "나이를 어느 날 기준으로 세는지" in text and "1588-0010" in text


# -- 5. The chat is this service's own channel, named only when the operator turns it on ----------
def test_the_chat_is_not_named_as_an_announced_channel():
    on = D(2026, 1, 20)
    assert "이 채팅에서도" not in faq.how_to_apply_answer(on)
    assert "이 상담 서비스" not in faq.how_to_apply_answer(on)
    said = faq.how_to_apply_answer(on, chat_advertised=True)
    assert (
        "이 서비스의 창구" in said
        and "KT가 안내한 신청 창구는 KT 홈페이지, KT 고객센터, 전국 KT 매장" in said
    )


# -- 15. The KT-customer condition before the age rule -----------------------------------------
def test_the_age_rule_comes_after_the_customer_condition():
    from wording_ko.render import age_answer

    text = age_answer(70, "insurance", D(2026, 1, 20))
    assert text.index("KT 고객") < text.index("자동으로 제공돼요")


# -- 6. MVNO: excluded from the waiver; for the rewards FACTS.md says nothing ------------------
def test_an_mvno_line_is_not_told_it_gets_no_rewards():
    line = Line(joined_on=D(2020, 1, 1), carrier="mvno")
    text = personal_answer(line, D(2026, 2, 10), "rewards")
    assert "대상이 아니에요" not in text
    assert "알뜰폰(MVNO) 회선이 보답 프로그램 대상인지" in text and "안내된 내용이 없어요" in text
    assert "1588-0010" in text
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" in personal_answer(line, D(2026, 2, 10), "eligibility")


# -- 7. "Not announced" only for what FACTS.md marks [?]; silence is "안내된 내용이 없어요" --------
def test_the_lookup_page_address_is_not_called_unannounced():
    text = faq.eligibility_lookup_answer(D(2026, 1, 5))
    assert "발표되지 않" not in text and "조회 페이지 주소는 안내된 내용이 없어요" in text


def test_a_question_marked_unknown_in_facts_is_still_not_announced():
    text = faq.reward_membership_answer(D(2026, 1, 20))
    assert "멤버십 제휴처와 할인율은 아직 발표되지 않았어요" in text


# -- 14. A closed line is not promised the monthly data -----------------------------------------
def test_a_line_closed_after_the_base_date_is_not_promised_the_rewards():
    line = Line(
        joined_on=D(2020, 1, 1),
        status="terminated",
        terminated_on=D(2026, 1, 20),
        termination_type="cancel",
        birth_date=D(1950, 1, 1),
    )
    for topic in ("rewards", "insurance"):
        text = personal_answer(line, D(2026, 2, 10), topic)
        assert "제공돼요" not in text.replace("만 65세 이상이면 신청 없이 자동으로 제공돼요", ""), topic
        assert "해지하면 남은 혜택이 어떻게 되는지는 안내된 내용이 없어요" in text
    f = facts("1월 20일에 해지했는데 데이터 100GB 받아요?", D(2026, 2, 10))
    text = case_answer(f, "data", D(2026, 2, 10))
    assert "자동으로 제공돼요" not in text and "안내된 내용이 없어요" in text


# -- 16. No amount before the eligibility is known ---------------------------------------------
def test_the_refundable_amount_is_a_condition():
    from wording_ko.scope import charges_in, scope_answer

    text = scope_answer(charges_in("선택약정 할인반환금 12만 원이랑 할부금 30만 원 나왔어요"))
    assert "돌려받을 수 있는 금액은" not in text
    assert "면제 대상 회선이고 환급 신청을 했다면 돌려받는 금액은 120,000원이에요" in text


# -- 17. A date the customer told is not a receipt; the record's own is ------------------------
def test_a_told_application_date_is_a_condition():
    on = D(2026, 1, 20)
    f = facts("12월 20일에 해지하고 1월 15일에 신청했어요 언제 들어와요?", on)
    text = case_answer(f, "refund", on)
    assert "접수되어" not in text and "접수되었고" not in text
    assert "2026년 1월 15일에 신청했다면 1월 22일에 지급돼요" in text


def test_the_record_of_an_application_is_stated_as_received():
    line = Line(
        status="terminated",
        terminated_on=D(2025, 12, 20),
        termination_type="cancel",
        joined_on=D(2020, 1, 1),
        refund_applied_on=D(2026, 1, 15),
        penalty_krw=100_000,
    )
    assert "환급 신청이 접수되어 2026년 1월 22일에 지급돼요" in personal_answer(
        line, D(2026, 1, 20), "refund"
    )


# -- 18. After August 2026 the two-year insurance is not in the past tense ---------------------
def test_the_insurance_is_not_past_with_the_six_month_benefits():
    text = faq.rewards_answer(D(2026, 9, 1))
    lead = text.split("제공했어요")[0]
    assert "안전·안심 보험" not in lead
    assert (
        "'안전·안심 보험'(휴대폰 피싱·해킹, 인터넷 쇼핑몰 사기, 중고거래 사기 피해 보상)은 2년 동안 제공하는 혜택이에요"
        in text
    )


# -- 19. The waiver of a leaver is a refund on application --------------------------------------
@pytest.mark.parametrize("on", [D(2026, 1, 5), D(2026, 1, 20)])
def test_the_waiver_of_a_leaver_needs_the_application(on):
    text = faq.rewards_if_leaving_answer(on)
    assert "면제는 받아요" not in text and "환급 신청을 하면 면제(환급)는 받아요" in text


# -- 20. On a payout day itself the payout is today, not past ----------------------------------
def test_on_the_payout_day_the_payout_is_today():
    assert "→ 오늘(2026년 1월 22일)" in faq.payout_schedule_answer(D(2026, 1, 22))
    assert "2026년 1월 22일에 지급될 예정이었어요" not in faq.payout_schedule_answer(D(2026, 1, 22))
    line = Line(
        status="terminated",
        terminated_on=D(2025, 12, 20),
        termination_type="cancel",
        joined_on=D(2020, 1, 1),
        refund_applied_on=D(2026, 1, 15),
    )
    assert "이었어요" not in personal_answer(line, D(2026, 1, 22), "refund")


# -- 21. "Within 14 days after the reason ended", as FACTS.md says -----------------------------
def test_the_grace_period_is_within_14_days_after():
    text = faq.missed_deadline_answer(D(2026, 2, 10))
    assert "사유가 끝난 뒤 14일 이내" in text and "날부터" not in text


# -- 8-13. Every [N] value carries its news marker, once per answer -------------------------------
def _marked_once(text):
    from wording_ko.sources import unmarked

    assert unmarked(text) == [], text
    assert text.count("보도 기준이에요.") <= 1, text


@pytest.mark.parametrize("on", [D(2026, 1, 5), D(2026, 1, 20), D(2026, 3, 1)])
def test_reported_values_in_the_faq_are_marked(on):
    said = {
        8: faq.how_to_apply_answer(on),  # the hours 09:00 / 22:00
        9: faq.payout_schedule_answer(on),  # which termination and application get which payout
        10: faq.reward_ott_answer(on),  # TVING / Disney+ and their ages
        11: faq.refund_scope_answer(on),  # which charges are refunded
        13: faq.missed_deadline_answer(on),  # the late-application exception
    }
    for text in said.values():
        _marked_once(text)
    if "22시" in said[8]:  # the hours are said until applications close
        assert "신청 시간은 보도 기준이에요." in said[8] or "시간은 보도 기준" in said[8]
    assert ("22시" in said[8]) is (on < D(2026, 2, 1))
    assert "지급일 배정은 보도 기준이에요." in said[9]
    assert "환급 항목은 보도 기준이에요." in said[11]


def test_the_own_account_and_the_hours_are_marked_in_the_application_summary():
    from wording_ko.personal import application_check

    check = application_check(TERMINATED, LAST_DAY, time(12, 0))
    assert check.can_apply
    assert "본인 명의 계좌로만 받을 수 있어요(보도 기준)" in check.text
    assert "22시까지 신청할 수 있어요(시간은 보도 기준)" in check.text
    _marked_once(check.text)


def test_special_purpose_lines_are_marked_where_they_are_excluded():
    on = D(2026, 1, 20)
    text = case_answer(facts("12월 20일에 해지했어요", on), "waiver", on)
    assert "특수 목적 회선" in text
    _marked_once(text)


def test_joined_answers_keep_one_closing_attribution():
    from wording_ko.scope import charges_in, scope_answer
    from wording_ko.sources import attributed

    on = D(2026, 1, 20)
    scope = scope_answer(charges_in("선택약정 할인반환금 12만 원 나왔어요"))
    case = case_answer(facts("12월 20일에 해지했어요", on), "refund", on)
    joined = attributed(f"{scope} {case}")
    assert joined.count("보도 기준이에요.") == 1
    assert "환급 항목" in joined and "지급일 배정" in joined
