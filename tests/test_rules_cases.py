"""Questions that carry their own facts: read from the words, decided by the one decision."""

from datetime import date

import pytest

from korean_nlu.entity_patterns import find_entities
from korean_nlu.story import read_facts
from remedy_rules.codes import Decision, Missing, Reason
from remedy_rules.decision import ContractEvent, decide
from remedy_rules.spans import DateSpan
from wording_ko.explain import question
from wording_ko.render import age_answer, case_answer, refund_case_answer, waiver_case_answer

DURING = date(2026, 1, 10)


def facts(text, on=DURING):
    return read_facts(text, find_entities(text), on)


def month(y, m):
    from calendar import monthrange

    return DateSpan(date(y, m, 1), date(y, m, monthrange(y, m)[1]))


@pytest.mark.parametrize(
    "text, must",
    [
        (
            "10월에 기기변경했는데 면제돼요?",
            ["2025년 10월 기기변경은", "9월 1일 이후라서 위약금 면제 대상이 아니에요"],
        ),
        ("8월에 기변했는데요?", ["2025년 8월 기기변경은", "제외 사유가 아니에요", "2026년 1월 13일까지"]),
        ("8월에 해지했어요", ["2025년 8월 해지는", "면제 대상이 아니에요"]),
        (
            "12월 20일에 번호이동했는데 면제예요?",
            [
                "2025년 12월 20일 번호이동은",
                "다음에 해당하지 않으면 위약금이 면제돼요",
                "알뜰폰(MVNO) 회선",
            ],
        ),
        ("알뜰폰도 돼요?", ["알뜰폰(MVNO) 회선은 면제 대상이 아니에요"]),
        ("미납으로 직권해지 됐어요", ["직권해지한 회선은 면제 대상이 아니에요"]),
        (
            "워치도 면제돼요?",
            ["세컨드 디바이스 회선도 면제 대상에 포함된다고 보도되었어요", "2026년 1월 13일까지 해지하거나"],
        ),
        ("2월 30일에 해지했어요", ["2월 30일은 없는 날짜예요"]),
    ],
)
def test_waiver_cases(text, must):
    answer = waiver_case_answer(facts(text), DURING)
    for phrase in must:
        assert phrase in answer


@pytest.mark.parametrize(
    "text, on, must",
    [
        (
            "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?",
            DURING,
            "2026년 1월 20일에 신청하면 2월 5일에 지급돼요",
        ),
        (
            "1월 5일에 번호이동했어요, 환급 언제?",
            DURING,
            "번호이동하고 1월 14일에 신청하면 환급금은 2월 19일에 지급돼요",
        ),
        (
            "12월 1일에 해지했는데 오늘 신청하면 언제 입금돼요?",
            date(2026, 1, 15),
            "신청하면 1월 22일에 지급돼요",
        ),
        (
            "12월 1일에 해지했어요 환급 언제?",
            date(2026, 1, 25),
            "오늘 신청하면 환급금은 2026년 2월 5일에 지급돼요",
        ),
        (
            "11월 3일에 해지하고 1월 20일에 신청했어요 돈 언제 와요",
            date(2026, 3, 1),
            "지급 예정일은 2월 5일이었어요",
        ),
        ("8월에 해지했는데 환급 언제?", DURING, "소급 적용 시작일(9월 1일) 전이라"),
        ("직권해지 됐는데 11월 3일에요 환급은요", DURING, "환급금도 없어요"),
    ],
)
def test_refund_cases(text, on, must):
    assert must in refund_case_answer(facts(text, on), on)


def test_a_refund_whose_day_has_passed_was_scheduled_not_confirmed_paid():
    on = date(2026, 3, 1)
    answer = refund_case_answer(facts("11월 3일에 해지하고 1월 20일에 신청했어요 돈 언제 와요", on), on)
    assert "지급되었어요" not in answer and "1588-0010" in answer


def test_a_range_across_the_window_edge_asks_for_the_exact_day():
    on = date(2026, 1, 25)
    answer = waiver_case_answer(facts("1월 중순에 해지했는데", on), on)
    assert "언제 해지했는지에 따라 달라요" in answer and "정확한 날짜를 알려 주세요" in answer
    # before mid-January has come, "1월 중순" is last year's, long before the window
    assert "2025년 1월 11일~1월 20일 해지는" in waiver_case_answer(facts("1월 중순에 해지했는데"), DURING)


def test_after_the_program_the_same_question_says_it_is_over():
    on = date(2026, 11, 25)
    answer = refund_case_answer(facts("작년 12월 1일에 해지했는데 환급 언제 받아요?", on), on)
    assert "2025년 12월 1일" in answer and "신청 기간은 종료되었어요" in answer
    assert "2026년 1월 22일" in answer and "2026년 2월 5일" in answer  # the two rows it could have been


def test_no_facts_means_no_case_answer():
    assert facts("위약금 면제 대상이 누구예요?").empty
    assert facts("KT 위약금 면제 언제까지예요?").empty  # naming KT is no fact about a line
    assert waiver_case_answer(facts("위약금 면제 대상이 누구예요?"), DURING) is None
    assert case_answer(facts("위약금 면제 대상이 누구예요?"), "refund", DURING) is None


# -- reading: what the words say, and nothing more ------------------------------------------------


def test_reading_keeps_unknowns_unknown():
    line = facts("10월에 해지했는데 면제돼요?").line
    assert line.terminated_on == month(2025, 10) and line.termination_type == "cancel"
    assert (line.carrier, line.line_type, line.contract_change_since_cutoff, line.rejoined, line.applied) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_reading_a_full_description():
    text = (
        "KT 휴대폰이에요. 2019년 3월 2일에 가입했고 그 뒤로 기기변경이나 재약정은 안 했어요. 2025년 11월 3일에 "
        "해지했고 다시 가입하지 않았어요. 위약금은 320,000원, 할부금 450,000원이 남았고 2026년 1월 20일에 환급 "
        "신청했어요. 생년월일은 1988년 4월 12일이에요."
    )
    line = facts(text, date(2026, 2, 1)).line
    assert (line.carrier, line.line_type, line.status, line.termination_type) == (
        "kt",
        "mobile",
        "terminated",
        "cancel",
    )
    assert line.joined_on == DateSpan(date(2019, 3, 2), date(2019, 3, 2))
    assert line.contract_change_since_cutoff is False and line.events == ()
    assert line.terminated_on == DateSpan(date(2025, 11, 3), date(2025, 11, 3))
    assert line.rejoined is False and line.applied is True
    assert line.applied_on == DateSpan(date(2026, 1, 20), date(2026, 1, 20))
    assert line.birth_date == DateSpan(date(1988, 4, 12), date(1988, 4, 12))
    assert (line.penalty_krw, line.installment_krw) == (320_000, 450_000)


@pytest.mark.parametrize(
    "text, event",
    [
        ("10월에 기기변경하고 12월에 해지했어요", ContractEvent("device_change", month(2025, 10))),
        (
            "9월 15일에 재약정했어요",
            ContractEvent("recontract", DateSpan(date(2025, 9, 15), date(2025, 9, 15))),
        ),
        ("기변했는데 면제돼요?", ContractEvent("device_change", None)),
    ],
)
def test_each_date_gets_the_role_of_the_word_after_it(text, event):
    assert event in facts(text).line.events


def test_an_event_without_a_date_asks_when():
    d = decide(facts("기변했는데 면제돼요?").line, DURING)
    assert d.waiver.decision is Decision.DEPENDS and Missing.CONTRACT_EVENT_DATE in d.waiver.missing
    asked = next(question(o.code, o.detail) for o in d.waiver.open if o.code is Missing.CONTRACT_EVENT_DATE)
    assert "기기변경을 정확히 언제 했나요?" in asked


def test_a_negated_termination_is_an_active_line():
    line = facts("아직 해지 안 했어요. 지금 해지하면 면제돼요?").line
    assert line.status == "active" and line.terminated_on is None


def test_prepaid_is_read_for_the_data_reward():
    d = decide(facts("선불폰인데 데이터 100GB 받을 수 있어요?", date(2026, 2, 1)).line, date(2026, 2, 1))
    from remedy_rules.codes import RewardItem, RewardReason

    assert d.rewards[RewardItem.DATA].decision is Decision.NO
    assert RewardReason.PREPAID in d.rewards[RewardItem.DATA].reasons


def test_case_answer_for_every_group_returns_text_or_none():
    f = facts("12월 20일에 번호이동했어요")
    for group in ("waiver", "refund", "rewards", "data", "ott", "insurance"):
        assert case_answer(f, group, DURING)
    assert case_answer(f, "unknown", DURING) is None


@pytest.mark.parametrize(
    "age, topic, must, must_not",
    [
        (70, "insurance", "자동으로 제공돼요", "생년월일"),
        (60, "insurance", "만 65세 이상만", "이상이라"),
        # 64 today may be 65 by the day the age is counted on: the birth date settles it
        (64, "insurance", "아직 발표되지 않았어요", "만 65세 이상이라"),
        (15, "ott", "보호자 동의", "디즈니+ 중에서"),
        (12, "ott", "쓸 수 없어요", "고를 수 있어요"),
        (30, "ott", "티빙과 디즈니+ 중 하나를 선택할 수 있어요", "생년월일"),
    ],
)
def test_age_answers(age, topic, must, must_not):
    answer = age_answer(age, topic, DURING)
    assert must in answer and must_not not in answer
    assert "2026년 1월 13일 기준 KT 고객" in answer


def test_age_answer_reference_date_is_never_stated_as_announced():
    for age in (12, 13, 14, 18, 19, 64, 65, 70):
        for topic in ("insurance", "ott"):
            text = age_answer(age, topic, DURING)
            assert "기준 만" not in text  # never "2026년 1월 13일 기준 만 65세"
            if "발표되지 않았어요" in text:
                assert "114" in text and "1588-0010" in text


def test_a_device_change_reason_lists_only_what_holds():
    d = decide(facts("10월에 기기변경했는데 면제돼요?").line, DURING)
    assert (d.waiver.decision, d.waiver.reasons) == (Decision.NO, (Reason.DEVICE_CHANGE_AFTER_CUTOFF,))


@pytest.mark.parametrize(
    "text",
    [
        "제가 대상인지 확인해 주세요",
        "지금 사용 중인데 제 회선 확인해 주세요",
        "제 생년월일은 1995-12-31이에요",
        "KT 쓰는데 보험 자동이에요?",
    ],
)
def test_personal_checks_are_not_cases(text):
    # these go to verification: the rules have nothing to decide from the words alone
    assert facts(text).empty


@pytest.mark.parametrize(
    "text,terminated,applied",
    [
        ("해지는 12월 12일, 신청은 1월 15일에 했어요. 언제 받아요?", date(2025, 12, 12), date(2026, 1, 15)),
        ("신청은1월22일에했고번호이동은1월12일에했어요", date(2026, 1, 12), date(2026, 1, 22)),
        (
            "먼저 말씀드릴 것은 신청을 1월 20일에 하였다는 것이고, 해지는 그보다 앞선 작년 11월 28일이었습니다.",
            date(2025, 11, 28),
            date(2026, 1, 20),
        ),
        ("12.30 해지 1/17 신청 ㅇㅇ 언제 들옴", date(2025, 12, 30), date(2026, 1, 17)),
        ("1/19신청12/3해지입금일", date(2025, 12, 3), date(2026, 1, 19)),
        ("11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?", date(2025, 11, 3), date(2026, 1, 20)),
        (
            "새해 첫날인 1월 1일에 번호이동을 했어요. 환급 신청은 1월 14일 오전 9시에 했고요",
            date(2026, 1, 1),
            date(2026, 1, 14),
        ),
    ],
)
def test_which_date_is_which_whatever_the_order_and_form(text, terminated, applied):
    from korean_nlu.entity_patterns import find_entities

    facts = read_facts(text, find_entities(text), date(2026, 1, 25))
    assert (facts.line.terminated_on.start, facts.line.applied_on.start) == (terminated, applied)


# --- Which date is which in customers' own words (issue 12, kind 8) ---------------------------------
AFTER = date(2026, 1, 25)
LATE = date(2026, 11, 25)


def day(y, m, d):
    return DateSpan(date(y, m, d), date(y, m, d))


@pytest.mark.parametrize(
    "text, on, terminated, applied",
    [
        # the tense of a later clause ("이제 뭐 해야") says nothing about the date
        ("저 10월에 나감 위약금 냄 이제 뭐 해야 됨", AFTER, month(2025, 10), None),
        ("12월에 해지하고 태블릿은 아직 쓰는중인데 돌려받음?", AFTER, month(2025, 12), None),
        # a date of something else in the customer's life, or of the program, is no termination
        ("2월 2일에 퇴원했는데 작년 12월에 해지한 거 아직 돼요?", LATE, month(2025, 12), None),
        ("작년 11월에 문자를 받긴 했는데 1월 7일에 번호이동했어요", AFTER, day(2026, 1, 7), None),
        ("2월 5일은 누가 받는 거예요?", AFTER, None, None),
        # a termination said without a year comes before the application
        ("10월 해지 1/30 신청 ㅇㅇ 언제 받았어야 됨", LATE, month(2025, 10), day(2026, 1, 30)),
        # English words and months, a role word past a comma names the next date
        ("cancel 12월 2일, apply 1월 16일 payout?", AFTER, day(2025, 12, 2), day(2026, 1, 16)),
        ("작년 Sep에 기변, Jan 5에 cancel 했어요", AFTER, day(2026, 1, 5), None),
        ("12월 9일에 다른 회사로 옮겼는데 환급돼요?", AFTER, day(2025, 12, 9), None),
        # no spaces, chat forms, afterthoughts
        ("10월31일해지했고아직신청안했는데지금하면언제받음", AFTER, day(2025, 10, 31), None),
        ("저 7월말 해지 ㅋㅋ 안되겠죠", AFTER, DateSpan(date(2025, 7, 21), date(2025, 7, 31)), None),
        ("해지작년10월2일신청그제", AFTER, day(2025, 10, 2), day(2026, 1, 23)),
        (
            "15일 목욜에 신청함 해지는 11월 초 ㅇㅇ",
            AFTER,
            DateSpan(date(2025, 11, 1), date(2025, 11, 10)),
            day(2026, 1, 15),
        ),
        ("SKT로11월3일에옮겼어요신청도했고요1월20일에요", AFTER, day(2025, 11, 3), day(2026, 1, 20)),
        ("port-out 11/20, 신청은 yesterday 했어요", AFTER, day(2025, 11, 20), day(2026, 1, 24)),
        ("번호이동한 날은 1월 12일이고 신청은 아직이에요", AFTER, day(2026, 1, 12), None),
        ("2025년 Oct에 cancel 했는데 refund 돼요?", LATE, month(2025, 10), None),
        # the negation belongs to the application, not to the termination before it
        ("12월 번이 신청 안함 ㅠ 이제 끝?", LATE, month(2025, 12), None),
        ("Recontract는 last September, cancel은 Jan 6", AFTER, day(2026, 1, 6), None),
        ("아내 건 11월 2일에, 제 건 1월 5일에 해지했어요", AFTER, day(2025, 11, 2), None),
    ],
)
def test_dates_in_customers_words(text, on, terminated, applied):
    f = facts(text, on)
    assert f.line.terminated_on == terminated
    assert f.line.applied_on == applied


def test_an_english_month_alone_dates_the_contract_event():
    f = facts("작년 Sep에 기변, Jan 5에 cancel 했어요", AFTER)
    assert f.line.events == (ContractEvent("device_change", month(2025, 9)),)
    assert "면제 대상이 아니에요" in case_answer(f, "refund", AFTER)


def test_each_line_of_a_family_story_gets_its_payout():
    text = "남편은 12월 3일에, 저는 1월 6일에 해지했고 둘 다 1월 21일에 신청했어요. 언제 들어와요?"
    f = facts(text, AFTER)
    assert f.line.terminated_on == day(2025, 12, 3)
    assert f.other_lines == ((day(2026, 1, 6), day(2026, 1, 21)),)
    answer = case_answer(f, "refund", AFTER)
    assert "2월 5일에 지급" in answer and "2월 19일에 지급" in answer


def test_leaving_now_in_the_window_names_its_payout_date():
    on = date(2026, 1, 6)
    answer = waiver_case_answer(facts("워치 회선도 지금 해지하면 면제돼요?", on), on)
    assert "1월 13일까지 해지하면" in answer and "2월 19일에 환급금을 받아요" in answer
    # on the last day of the old year a termination today can fall on either of two payout dates
    eve = date(2025, 12, 31)
    answer = waiver_case_answer(facts("워치 회선도 지금 해지하면 면제돼요?", eve), eve)
    assert "1월 22일" in answer and "2월 5일" in answer


def test_saying_one_has_not_applied_drops_the_rows_for_those_who_have():
    f = facts("10월31일해지했고아직신청안했는데지금하면언제받음", AFTER)
    assert f.line.applied is False
    answer = case_answer(f, "refund", AFTER)
    assert "2026년 2월 5일" in answer and "이미 신청했다면" not in answer


@pytest.mark.parametrize(
    "text, kind",
    [
        ("11월에 해지했다가 12월에 다시 KT로 돌아왔어요", "rejoined"),
        ("KT 매장에서 폰을 바꿨고 12월에 번호이동", "device"),
    ],
)
def test_everyday_words_for_rejoining_and_a_device_change(text, kind):
    f = facts(text, AFTER)
    if kind == "rejoined":
        assert f.line.rejoined is True
    else:
        assert [e.kind for e in f.line.events] == ["device_change"]


def test_one_termination_two_applications_each_get_their_payout():
    text = "엄마랑 같이 작년 12월 15일에 해지했는데 저는 1월 17일에, 엄마는 1월 20일에 신청했어요. 같은 날 받아요?"
    f = facts(text, AFTER)
    assert f.line.applied_on == day(2026, 1, 17)
    assert f.other_lines == ((day(2025, 12, 15), day(2026, 1, 20)),)
    answer = case_answer(f, "refund", AFTER)
    assert "1월 22일이었어요" in answer and "2월 5일에 지급" in answer


def test_a_month_across_the_window_end_names_the_payout_of_its_covered_part():
    from wording_ko.render import story_answer

    f = facts("1월에 해지했는데 2월 19일에 받는 거 맞죠?", AFTER)
    assert f.line.terminated_on == month(2026, 1)
    assert "면제 기간 안에 해지했다면 지급일" in story_answer(f, AFTER)
    assert "2026년 2월 19일" in story_answer(f, AFTER)


@pytest.mark.parametrize(
    "text, on, terminated",
    [
        ("1월 5일에 KT로 새로 가입했는데 1월 13일 기준이면 혜택 받아요?", AFTER, None),
        ("저는 작년 섣달에 번호이동을 했습니다", AFTER, month(2025, 12)),
    ],
)
def test_program_reference_dates_and_old_month_names(text, on, terminated):
    assert facts(text, on).line.terminated_on == terminated


@pytest.mark.parametrize(
    "youngest, oldest, topic, must, must_not",
    [
        (50, 59, "insurance", "만 65세 미만이라", "이상이라"),
        (80, 89, "insurance", "만 65세 이상이라", "미만이라"),
        (60, 69, "insurance", "만 65세 이상이면", "이상이라"),  # a band across 65 decides nothing
        (20, 29, "ott", "티빙과 디즈니+ 중 하나를 선택할 수 있어요", "보호자"),
        (10, 19, "ott", "나이에 따라 달라요", "이상이라"),
    ],
)
def test_a_band_of_ages_is_decided_when_every_age_in_it_agrees(youngest, oldest, topic, must, must_not):
    answer = age_answer(youngest, topic, DURING, oldest=oldest)
    assert must in answer and must_not not in answer


def test_the_insurance_answer_for_an_age_says_what_is_covered():
    for age in (40, 70):
        text = age_answer(age, "insurance", DURING)
        assert all(c in text for c in ("피싱·해킹", "쇼핑몰 사기", "중고거래 사기")) and "2년" in text
        assert "보상 한도" in text and "1588-0010" in text  # the limits are not announced


def test_under_fourteen_gets_no_ott_pass_and_fourteen_to_eighteen_needs_a_guardian():
    assert "쓸 수 없어요" in age_answer(11, "ott", DURING)
    teen = age_answer(16, "ott", DURING)
    assert "티빙만" in teen and "보호자 동의" in teen


@pytest.mark.parametrize(
    "text, on, terminated, applied, must, must_not",
    [
        # a plan dated by a word: leaving now, applying today, applying on the first day
        (
            "지금 번호이동하면 돈 언제 받아요?",
            date(2026, 1, 6),
            day(2026, 1, 6),
            None,
            "2월 19일에 지급",
            "1월 22일",
        ),
        ("지금 해지하면 면제돼요?", LATE, day(2026, 11, 25), None, "면제 대상이 아니에요", "2월 19일"),
        (
            "작년 11월 3일 해지했는데 오늘 신청하면 언제 들어와요?",
            AFTER,
            day(2025, 11, 3),
            day(2026, 1, 25),
            "2월 5일에 지급",
            "1월 22일",
        ),
        (
            "작년 12월 2일 해지, 첫날 바로 신청하면 언제 받아요?",
            date(2026, 1, 6),
            day(2025, 12, 2),
            day(2026, 1, 14),
            "1월 22일에 지급",
            "2월 5일",
        ),
    ],
)
def test_plans_dated_by_a_word(text, on, terminated, applied, must, must_not):
    from wording_ko.render import story_answer

    f = facts(text, on)
    assert (f.line.terminated_on, f.line.applied_on) == (terminated, applied)
    answer = story_answer(f, on)
    assert must in answer and must_not not in answer


def test_a_corrected_date_does_not_negate_its_event():
    """ "번호이동은 1월 5일이 아니라 12월 5일": the date is corrected; the port-out happened."""
    text = "번호이동한 날은 1월 6일이 아니라 12월 6일이었어요"
    line = read_facts(text, find_entities(text), date(2026, 1, 20)).line
    assert line.status == "terminated" and line.termination_type == "port_out"
    assert line.terminated_on.start == date(2025, 12, 6)


@pytest.mark.parametrize(
    "text, terminated, applied",
    [
        ("12월 9일 해지햇고 1월 16일 신쳥햇어요", "2025-12-09", "2026-01-16"),
        ("지난달 말에 탈통함 오늘 신청할거임", ("2025-12-21", "2025-12-31"), "2026-01-10"),
        ("추석 쇠고 바로 해지했는디 시방 신청하믄 언제 나와요", "2025-10-06", "2026-01-10"),
    ],
)
def test_typos_slang_and_dialect_still_give_the_dates(text, terminated, applied):
    line = facts(text).line
    term = (terminated, terminated) if isinstance(terminated, str) else terminated
    assert (line.terminated_on.start.isoformat(), line.terminated_on.end.isoformat()) == term
    assert line.applied_on.start.isoformat() == applied


ENGLISH_DAY = date(2026, 1, 22)


@pytest.mark.parametrize(
    "text, terminated, applied",
    [
        ("I ported out two weeks ago and filed for the refund this afternoon", "2026-01-08", "2026-01-22"),
        ("Left KT on 31/12/2025, applied on 15/01/2026", "2025-12-31", "2026-01-15"),
        ("I cancelled last Friday and I'm applying today", "2026-01-16", "2026-01-22"),
    ],
)
def test_english_relative_and_day_first_dates_keep_their_roles(text, terminated, applied):
    line = facts(text, ENGLISH_DAY).line
    assert line.terminated_on.start.isoformat() == terminated and line.applied_on.start.isoformat() == applied


@pytest.mark.parametrize("text", ["I cancelled on 3/1 and applied today", "I applied on 5/1/2026"])
def test_an_english_date_that_reads_both_ways_is_asked(text):
    error = facts(text, ENGLISH_DAY).date_error
    assert error is not None and error.code == "day_month_order" and "?" in error.message_ko


@pytest.mark.parametrize(
    "text",
    [
        "지난달에 온라인 쇼핑몰에서 사기를 당했는데 보험 되나요?",
        "다음 달에 군대 가는데 그 전에 뭐 해야 돼요?",
        "저번 주에 뉴스 보고 알았어요",
    ],
)
def test_a_month_or_week_of_the_story_is_no_date_of_the_line(text):
    line = facts(text).line
    assert line.terminated_on is None and line.applied_on is None


def test_a_week_named_with_what_was_done_in_it_dates_that():
    line = facts("이번 주에 번호이동 하려고요", date(2026, 1, 5)).line
    assert (line.terminated_on.start, line.terminated_on.end) == (date(2026, 1, 5), date(2026, 1, 11))


@pytest.mark.parametrize(
    "text",
    [
        "엄마가 신청은 아직 안 하셨어요",
        "그저께 신청하려다 사이트가 안 열려서 못 했어요",
        "신청 못햇어요 바빠서",
    ],
)
def test_an_application_not_made_is_not_one(text):
    line = facts(text, date(2026, 1, 28)).line
    assert line.applied is False and line.applied_on is None


@pytest.mark.parametrize(
    "text, planned",
    [
        ("I left in December and I want to apply today", True),
        ("I ported out on 3 January and applied on the 20th of January", False),
    ],
)
def test_an_english_verb_before_its_date_gives_the_tense(text, planned):
    assert facts(text, date(2026, 1, 22)).planned_application is planned


@pytest.mark.parametrize(
    "text",
    [
        "I still haven't applied, I cancelled on Jan 9",
        "I did not apply yet. Left KT on 5 January.",
        "Never applied for it. I terminated my line on January 2 — can I still apply?",
        "아직 신청 안 했는데 지금 신청할 수 있어요? 1월 9일에 해지했어요",
    ],
)
def test_an_application_denied_stays_denied_when_the_customer_then_asks_to_apply(text):
    # a later "can I apply?" is a question, not the application being made after all
    line = facts(text, date(2026, 2, 3)).line
    assert line.applied is False and line.applied_on is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("I renewed my contract in November and left KT on January 4", "recontract"),
        ("Signed a new two-year contract with them in October, then cancelled on Jan 6", "recontract"),
        ("I upgraded my phone at KT in December and ported out on January 7", "device_change"),
    ],
)
def test_an_english_contract_event_after_the_cutoff_is_the_exclusion(text, kind):
    on = date(2026, 1, 17)
    f = facts(text, on)
    assert [e.kind for e in f.line.events] == [kind]
    answer = case_answer(f, "waiver", on)
    assert "면제 대상이 아니에요" in answer and "지급돼요" not in answer


def test_an_unknown_history_states_the_rule_and_no_verdict():
    # the window covers the day, but the line's contract history is unknown: the rule, no "면제 대상이에요"
    on = date(2026, 1, 17)
    answer = case_answer(facts("1월 8일에 번호이동했는데 면제되나요?", on), "waiver", on)
    assert "면제 기간" in answer and "해당하지 않으면 위약금이 면제돼요" in answer
    assert "면제 대상이에요" not in answer


def test_after_the_window_a_plan_to_leave_hears_no_first():
    on = date(2026, 2, 10)
    answer = waiver_case_answer(facts("이번 달에 해지하면 면제돼요?", on), on) or ""
    assert answer.startswith("2026년 2월 해지는") or "면제되지 않아요" in answer.split(". ")[0]
    assert "면제 대상이에요" not in answer


def test_each_line_of_a_fragmented_story_keeps_its_own_role_words():
    # one fact per line, as chat users type: the line's own word names its date
    line = facts("12월 28일 번호이동\n그저께 신청\n언제 받음?", date(2026, 1, 16)).line
    assert line.terminated_on == day(2025, 12, 28) and line.applied_on == day(2026, 1, 14)


def test_a_trip_or_a_stay_and_the_return_from_it_are_no_termination():
    # the reason for a missed deadline, told with its dates: a time of the story, not of the line
    on = date(2026, 2, 10)
    told = facts("1월 한 달 내내 군대 훈련 가 있었고 그저께 돌아왔어요", on)
    assert told.line.terminated_on is None
