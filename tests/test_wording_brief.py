"""Answer first, then the rest (issue 22): a long FAQ answer is sent short, with "자세히 보기" for
the whole of it; what the short answer keeps is still the answer's opening and its reported facts
are still marked as reported."""

import re
from datetime import date, time

import pytest

from wording_ko.answers import FAQ_ANSWERS, how_to_apply_answer
from wording_ko.brief import BRIEF, DETAILS, brief, details_button, sentence_pieces
from wording_ko.sources import unmarked

# Days across the program: before the window, in it, the application period, after it, months later.
DAYS = [
    date(2025, 11, 20),
    date(2025, 12, 31),
    date(2026, 1, 13),
    date(2026, 1, 14),
    date(2026, 1, 22),
    date(2026, 1, 31),
    date(2026, 2, 10),
    date(2026, 3, 1),
    date(2026, 10, 1),
]
PARTS = [None, "start", "end", "period", "where", "paid"]


def _sent(text: str) -> str:
    return brief(text) or text


def _every_answer():
    for on in DAYS:
        for at in (time(8, 0), time(12, 0), time(23, 0)):
            for intent, render in FAQ_ANSWERS.items():
                yield f"{intent} {on} {at}", render(on, at)
            for part in PARTS:
                yield f"apply/{part} {on} {at}", how_to_apply_answer(on, at, part)


def test_faq_answers_sent_are_rarely_over_300_characters_and_never_fold_on_kakao():
    lengths = {name: len(_sent(text)) for name, text in _every_answer()}
    over = [name for name, n in lengths.items() if n > 300]
    assert len(over) <= len(lengths) // 20, over
    assert max(lengths.values()) <= 330  # the payout table: its rows are the answer


def test_faq_answers_sent_have_a_short_median():
    lengths = sorted(len(_sent(text)) for _, text in _every_answer())
    assert lengths[len(lengths) // 2] <= 160  # issue 22's target


@pytest.mark.parametrize("name, text", list(_every_answer()))
def test_the_short_answer_is_the_opening_of_the_whole_one(name, text):
    short = brief(text)
    if short is None:
        return
    assert len(short) <= BRIEF + 60 and len(short) < len(text)
    assert short.startswith(sentence_pieces(text)[0])
    assert not unmarked(short), "a reported fact lost its marker"


def test_the_short_rewards_answer_names_every_benefit_and_leaves_the_rest_for_details():
    full = FAQ_ANSWERS["ask_rewards"](date(2026, 1, 25))
    short = brief(full)
    assert short is not None
    for benefit in ("100GB", "로밍", "OTT", "멤버십", "보험"):
        assert benefit in short
    assert "조" in full or "억" in full
    assert len(short) < len(full)


def test_a_short_answer_is_sent_whole():
    text = FAQ_ANSWERS["request_human"](date(2026, 1, 25))
    assert brief(text) is None


def test_the_details_button_asks_the_same_topic_again():
    button = details_button("ask_rewards")
    assert button == {"title": DETAILS, "payload": "/ask_rewards"}
    assert len(button["title"]) <= 14  # KakaoTalk's quick reply label


def test_a_question_beyond_the_opening_keeps_the_sentence_that_answers_it():
    full = FAQ_ANSWERS["ask_rewards"](date(2026, 1, 25))
    assert "자동" not in brief(full)
    assert "자동" in brief(full, "이거 받으려면 따로 신청해야 해요?")
    assert "억" in brief(full, "보답 프로그램 전체 규모가 얼마나 돼요?")


def test_after_the_six_months_the_insurance_still_running_is_kept():
    full = FAQ_ANSWERS["ask_rewards"](date(2026, 10, 1))
    assert "2년 동안" in brief(full, "혜택 중에 아직 남은 게 있어요?")


def test_someone_about_to_join_hears_the_base_day_decides():
    full = FAQ_ANSWERS["ask_rewards"](date(2026, 1, 25))
    assert "새로 가입한 고객은 대상이 아니에요" in brief(full, "지금 처음 가입하면 저도 받나요?")


# ------------------------------------------------------------------------------------------------
# Each year said once (year_once): the same dates, fewer "2026년"
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said, sent",
    [
        # a date in the year of the date just before it drops the year
        ("2026년 1월 14일~2026년 1월 31일에 신청해요.", "2026년 1월 14일~1월 31일에 신청해요."),
        (
            "2026년 1월 9일 해지는 면제 기간에 들어요. 2026년 1월 16일에 신청했다면 2026년 2월 19일에 지급돼요.",
            "2026년 1월 9일 해지는 면제 기간에 들어요. 1월 16일에 신청했다면 2월 19일에 지급돼요.",
        ),
        # the year changes: both keep it, and a 2025 date after a 2026 one keeps its own
        (
            "2025년 12월 8일 해지예요. 2026년 1월 16일 신청이에요. 2025년 9월 1일 이후 기기변경은 제외돼요.",
            "2025년 12월 8일 해지예요. 2026년 1월 16일 신청이에요. 2025년 9월 1일 이후 기기변경은 제외돼요.",
        ),
        # after a yearless date read backwards ("12월 … 1월 13일") the next year is not guessed
        (
            "2025년 12월 8일 해지는 면제 기간(1월 13일까지)에 들어요. 2026년 1월 16일에 신청해요.",
            "2025년 12월 8일 해지는 면제 기간(1월 13일까지)에 들어요. 2026년 1월 16일에 신청해요.",
        ),
        # a payout that opens its sentence keeps its year; a payout row's date (→) too
        (
            "2026년 1월 9일 해지예요. 2026년 2월 19일에 지급돼요.",
            "2026년 1월 9일 해지예요. 2026년 2월 19일에 지급돼요.",
        ),
        (
            "2026년 1월 9일 해지예요. 지급 예정일은 2026년 2월 19일이었어요.",
            "2026년 1월 9일 해지예요. 지급 예정일은 2026년 2월 19일이었어요.",
        ),
        (
            "2026년 1월 9일 해지예요. 1월 14일~1월 18일 신청 → 2026년 1월 22일.",
            "2026년 1월 9일 해지예요. 1월 14일~1월 18일 신청 → 2026년 1월 22일.",
        ),
        # a list's row is read on its own: its first date keeps the year; today's payout row too
        (
            "지급돼요:\n· 2025년 12월 8일 해지 → 2026년 1월 22일\n· 2026년 1월 9일 해지 → 오늘(2026년 2월 19일)",
            "지급돼요:\n· 2025년 12월 8일 해지 → 2026년 1월 22일\n· 2026년 1월 9일 해지 → 오늘(2026년 2월 19일)",
        ),
        # a month alone, and years that are no date ("2년 동안"), are read as such
        (
            "2025년 10월 기기변경은 2025년 12월 해지보다 먼저예요.",
            "2025년 10월 기기변경은 12월 해지보다 먼저예요.",
        ),
        ("보험은 2년 동안 제공해요.", "보험은 2년 동안 제공해요."),
    ],
)
def test_each_year_is_said_once(said, sent):
    from wording_ko.explain import year_once

    assert year_once(said) == sent
    assert year_once(sent) == sent  # said once stays said once


def test_the_payout_asked_again_takes_its_year_back():
    from wording_ko.brief import asked_again

    answer = "2026년 1월 9일 해지는 면제 기간에 들어요. 1월 16일에 신청하면 2월 19일에 지급돼요."
    assert asked_again(answer, applied=True) == "2026년 2월 19일에 지급돼요."
    assert asked_again(answer, applied=False) == "1월 16일에 신청하면 2026년 2월 19일에 지급돼요."


def test_a_case_answer_says_each_year_once_and_keeps_every_date():
    from korean_nlu.entity_patterns import find_entities
    from korean_nlu.story import read_facts
    from wording_ko.render import story_answer

    on = date(2026, 1, 20)
    text = "1월 7일에 해지하고 1월 15일에 신청했어요 언제 받아요?"
    answer = story_answer(read_facts(text, find_entities(text), on), on, payout_first=True)
    assert answer.count("2026년") == 1
    for day in ("1월 7일", "1월 15일", "2월 19일"):
        assert day in answer


@pytest.mark.parametrize(
    "text, on, payout",
    [
        (
            "1월 9일에 번호이동했는데 환급금은 언제 들어와요?",
            date(2026, 1, 20),
            "오늘 신청하면 환급금은 2월 19일에 지급돼요",
        ),
        (
            "작년 11월 5일에 해지했고 1월 23일에 신청할 거예요 돈 언제 와요?",
            date(2026, 1, 20),
            "1월 23일에 신청하면 2월 5일에 지급돼요",
        ),
        ("12월 8일 해지, 환급은 언제쯤이에요?", date(2026, 2, 10), "신청일에 따라 지급일이 정해졌어요"),
    ],
)
@pytest.mark.parametrize("payout_first", [True, False])
def test_the_customers_date_is_named_once(text, on, payout, payout_first):
    from korean_nlu.entity_patterns import find_entities
    from korean_nlu.story import read_facts
    from wording_ko.render import story_answer

    facts = read_facts(text, find_entities(text), on)
    answer = story_answer(facts, on, payout_first=payout_first)
    told = facts.line.terminated_on.start
    assert answer.count(f"{told.month}월 {told.day}일") == 1  # said once, with the ground
    said = re.sub(r"\d{4}년 ", "", answer)  # the payout keeps its year where it opens a sentence
    assert payout in said and ("면제 기간" in answer or "소급 적용 기간" in answer)
    if payout_first:  # the ground leads into the payout, in one sentence
        assert payout in said.split(". ")[0] and "기간" in said.split(". ")[0]


# ------------------------------------------------------------------------------------------------
# Issue 22, item 1: the answer first and short, the rest behind "자세히 보기"
# ------------------------------------------------------------------------------------------------

# The longest a sent FAQ answer may be, per topic; the rest is one tap away. The payout table and the
# late-application exception are the answer itself, whole.
SENT_AT_MOST = {
    "ask_refund_schedule": 300,
    "ask_missed_deadline": 200,
    "ask_how_to_apply": 200,
    "ask_rewards": 200,
}


@pytest.mark.parametrize("intent", list(FAQ_ANSWERS))
def test_each_faq_answer_is_sent_within_its_length(intent):
    bound = SENT_AT_MOST.get(intent, 185)
    for on in DAYS:
        for at in (time(8, 0), time(12, 0)):
            sent = _sent(FAQ_ANSWERS[intent](on, at))
            assert len(sent) <= bound, (on, at, sent)


def test_an_unknown_in_a_short_answer_always_points_to_the_centre():
    for name, text in _every_answer():
        for asked in ("", "그거 언제 나와요?", "보험 한도 얼마예요?", "어케 받음?"):
            short = brief(text, asked)
            if short and re.search("발표되지 않았어요|안내된 내용이 없어요", short):
                assert "1588-0010" in short, (name, asked, short)


def test_the_insurance_unknowns_are_kept_when_asked_about_and_left_for_details_otherwise():
    full = FAQ_ANSWERS["ask_reward_insurance"](date(2026, 1, 25))
    plain = brief(full, "보험 뭐예요?")
    assert plain and "보상" in plain and "65세" in plain and "발표되지" not in plain
    for asked in ("보험 한도 얼마예요?", "보험 회사 이름 공개됐어요?", "65세 미만은 어케 가입해요?"):
        assert "발표되지 않았어요" in (brief(full, asked) or full) and "1588-0010" in (
            brief(full, asked) or full
        )


def test_the_late_application_with_proof_is_never_left_behind_the_button():
    for on in DAYS:
        text = FAQ_ANSWERS["ask_missed_deadline"](on)
        sent = _sent(text)
        assert "증빙 서류로 신청" in sent and "1588-0010" in sent


def test_who_is_covered_keeps_the_exclusions_and_the_tense_in_its_short_form():
    for on, now in (
        (date(2026, 1, 5), "면제 대상이에요"),
        (date(2026, 1, 25), "지금 해지하면 면제되지 않아요"),
    ):
        sent = _sent(FAQ_ANSWERS["ask_waiver_who"](on))
        assert now in sent and "알뜰폰" in sent and "기기변경" in sent and "직권해지" in sent
        assert len(sent) <= 170


def test_leaving_in_the_window_hears_the_payout_day_in_the_short_answer():
    sent = _sent(FAQ_ANSWERS["ask_waiver_window"](date(2026, 1, 5)))
    assert "2월 19일에 지급돼요" in sent and "환급 신청" in sent


def test_a_second_answer_drops_only_the_sentences_the_first_said():
    from wording_ko.brief import unsaid
    from wording_ko.explain import MISSED_DEADLINE

    first = FAQ_ANSWERS["ask_missed_deadline"](date(2026, 3, 2))
    second = how_to_apply_answer(date(2026, 3, 2), None, "end")
    rest = unsaid(second, first)
    assert MISSED_DEADLINE not in rest and "1588-0010" not in rest  # the exception and the centre, once
    assert "22시에 마감되었어요" in rest  # what only the second says stays
    assert unsaid(second, "") == second and unsaid(first, first) == ""


def test_the_payout_table_keeps_its_rows_together_and_where_to_check_a_payment_when_asked():
    early = FAQ_ANSWERS["ask_refund_schedule"](date(2026, 1, 5))
    later = FAQ_ANSWERS["ask_refund_schedule"](date(2026, 1, 25))
    assert early.count("→") == later.count("→") == 3 and len(early) <= 260
    assert "1588-0010" in early and "1588-0010" in later
    assert brief(later) and brief(later).count("→") == 3  # the short form is the whole table
    assert "1588-0010" in (brief(later, "아직 안 들어왔으면 어디에 확인해요?") or later)
