"""Korean date expressions (korean_nlu.dates), always relative to an injected today."""

import calendar
import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import assume, given
from hypothesis import strategies as st

from korean_nlu.dates import extract_dates, parse_korean_date
from remedy_rules.program import PROGRAM_SPAN as PROGRAM
from remedy_rules.spans import DateSpan, KoreanDateError

SAT = date(2026, 1, 10)  # a Saturday; last week is Mon 2025-12-29 .. Sun 2026-01-04
NOV = date(2026, 11, 25)  # a Wednesday
HANGUL = re.compile(r"[가-힣]")


def span(expected) -> DateSpan:
    """'2025-10-03' → that exact day; ('2025-09-01', '2025-09-10') → an inclusive range."""
    start, end = (expected, expected) if isinstance(expected, str) else expected
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end))


def at_both_todays(rows):
    """Rows of (text, expected when today=SAT, expected when today=NOV) → pytest params."""
    return [
        pytest.param(text, today, span(expected), id=f"{text}@{today}")
        for text, at_sat, at_nov in rows
        for today, expected in ((SAT, at_sat), (NOV, at_nov))
    ]


def only_mention(sentence, today, future=None):
    mentions = extract_dates(sentence, today, future)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert sentence[m.start : m.end] == m.text
    return m


def assert_korean_error(exc: KoreanDateError, code: str):
    assert isinstance(exc, ValueError)
    assert exc.code == code
    assert HANGUL.search(exc.message_ko), exc.message_ko


# ---------------------------------------------------------------------------
# Expressions that are dates
# ---------------------------------------------------------------------------

# Read as past (``future=False``, what a past-tense verb after the date does); yearless dates
# with no tense are tested further down.
DATES = [
    # month-day without a year: the most recent past occurrence
    ("12월 3일", "2025-12-03", "2025-12-03"),
    ("12월3일에", "2025-12-03", "2025-12-03"),
    ("1월 5일", "2026-01-05", "2026-01-05"),
    ("11월 30일", "2025-11-30", "2025-11-30"),
    # explicit year, Korean and numeric
    ("2025년 10월 3일", "2025-10-03", "2025-10-03"),
    ("25년 10월 3일", "2025-10-03", "2025-10-03"),
    ("2025.10.3", "2025-10-03", "2025-10-03"),
    ("25.10.03", "2025-10-03", "2025-10-03"),
    ("2025-10-03", "2025-10-03", "2025-10-03"),
    ("2025/10/03", "2025-10-03", "2025-10-03"),
    ("2025. 10. 3.", "2025-10-03", "2025-10-03"),
    # day words
    ("어제", "2026-01-09", "2026-11-24"),
    ("그저께", "2026-01-08", "2026-11-23"),
    ("그제", "2026-01-08", "2026-11-23"),
    ("오늘", "2026-01-10", "2026-11-25"),
    ("내일", "2026-01-11", "2026-11-26"),
    # n units ago
    ("3일 전", "2026-01-07", "2026-11-22"),
    ("2주 전", "2025-12-27", "2026-11-11"),
    ("한 달 전", "2025-12-10", "2026-10-25"),
    ("세 달 전", "2025-10-10", "2026-08-25"),
    ("3개월 전", "2025-10-10", "2026-08-25"),
    # relative month / week / year
    ("지난달 15일", "2025-12-15", "2026-10-15"),
    ("이번 달 2일", "2026-01-02", "2026-11-02"),
    ("다음 달 5일", "2026-02-05", "2026-12-05"),
    ("지난주 금요일", "2026-01-02", "2026-11-20"),
    ("이번 주 월요일", "2026-01-05", "2026-11-23"),
    ("작년 12월 20일", "2025-12-20", "2025-12-20"),
    ("올해 1월 5일", "2026-01-05", "2026-01-05"),
    # parts of a month, and a month alone
    ("9월 초", ("2025-09-01", "2025-09-10"), ("2026-09-01", "2026-09-10")),
    ("9월 중순", ("2025-09-11", "2025-09-20"), ("2026-09-11", "2026-09-20")),
    ("9월 말", ("2025-09-21", "2025-09-30"), ("2026-09-21", "2026-09-30")),
    ("9월 말일", "2025-09-30", "2026-09-30"),
    ("8월에", ("2025-08-01", "2025-08-31"), ("2026-08-01", "2026-08-31")),
    ("2월 말", ("2025-02-21", "2025-02-28"), ("2026-02-21", "2026-02-28")),
    # the word "초과" (exceeding) is not "early September": the whole month
    ("9월 초과", ("2025-09-01", "2025-09-30"), ("2026-09-01", "2026-09-30")),
    # the leap day without a year: the most recent Feb 29
    ("2월 29일", "2024-02-29", "2024-02-29"),
]


@pytest.mark.parametrize("text, today, expected", at_both_todays(DATES))
def test_parse_korean_date(text, today, expected):
    result = parse_korean_date(text, today, future=False)
    assert result == expected
    assert result.exact == (expected.start == expected.end)


@pytest.mark.parametrize("text, today, expected", at_both_todays(DATES))
def test_extract_dates_inside_a_sentence_points_at_the_expression(text, today, expected):
    sentence = f"네, {text} 맞아요"
    m = only_mention(sentence, today, future=False)
    assert m.start == len("네, ")
    assert text.startswith(m.text)
    assert m.span == expected
    assert m.error is None
    assert m.future is False and m.tense == "past"


def test_date_span_exact():
    assert DateSpan(SAT, SAT).exact
    assert not DateSpan(SAT, SAT + timedelta(days=1)).exact


@pytest.mark.parametrize(
    "text, today, expected",
    [
        # month arithmetic clips to the month's end
        ("한 달 전", date(2026, 3, 31), "2026-02-28"),
        ("한 달 전", date(2024, 3, 31), "2024-02-29"),
        ("3개월 전", date(2026, 5, 31), "2026-02-28"),
        # yearless "2월 말" ends on the 29th in a leap year, the 28th otherwise
        ("2월 말", date(2024, 3, 15), ("2024-02-21", "2024-02-29")),
        ("2월 말", date(2025, 3, 15), ("2025-02-21", "2025-02-28")),
        ("2024년 2월 말", SAT, ("2024-02-21", "2024-02-29")),
        ("2025년 2월 말", SAT, ("2025-02-21", "2025-02-28")),
        ("2024년 2월 말일", SAT, "2024-02-29"),
        ("2025년 2월 말일", SAT, "2025-02-28"),
        ("2월 29일", date(2024, 2, 29), "2024-02-29"),
        # no tense: the nearer occurrence, tomorrow, rather than four years back
        ("2월 29일", date(2024, 2, 28), "2024-02-29"),
        ("2월 29일에 해지했어요", date(2024, 2, 28), "2020-02-29"),
        # last week across a year boundary, and on a Monday / Sunday
        ("지난주 월요일", SAT, "2025-12-29"),
        ("지난주 일요일", SAT, "2026-01-04"),
        ("지난주 금요일", date(2026, 1, 5), "2026-01-02"),
        ("지난주 금요일", date(2026, 1, 11), "2026-01-02"),
        ("지난 주 금요일", SAT, "2026-01-02"),
        ("이번 주 일요일", SAT, "2026-01-11"),
    ],
    ids=lambda v: str(v),
)
def test_calendar_edges(text, today, expected):
    assert parse_korean_date(text, today) == span(expected)


# ---------------------------------------------------------------------------
# Past or future: yearless dates read the words that follow them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, today, expected, future",
    [
        # today counts as past; "on or after today" for the future
        ("1월 10일", SAT, "2026-01-10", False),
        ("1월 10일에 신청하면", SAT, "2026-01-10", True),
        # no tense: the occurrence inside the program (2025-09-01..2026-02-19) wins
        ("1월 11일", SAT, "2026-01-11", False),
        ("1월 11일에 해지했어요", SAT, "2025-01-11", False),
        ("1월 9일에 신청하면", SAT, "2027-01-09", True),
        # past clauses
        ("12월 3일에 해지했어요", SAT, "2025-12-03", False),
        ("12월 3일에 가입했는데요", NOV, "2025-12-03", False),
        ("11월 20일에 신청했나요?", NOV, "2026-11-20", False),
        # future clauses
        ("1월 20일에 신청하면 언제 받아요?", SAT, "2026-01-20", True),
        ("12월 3일까지 신청해야 하나요?", NOV, "2026-12-03", True),
        ("12월 3일에 해지할 예정이에요", SAT, "2026-12-03", True),
        ("11월 20일에 신청하면 돼요?", NOV, "2027-11-20", True),
        # a month that contains today is both this past and this coming month
        ("1월에 해지했어요", SAT, ("2026-01-01", "2026-01-31"), False),
        ("1월에 해지하면", SAT, ("2026-01-01", "2026-01-31"), True),
        ("8월에 해지하면", SAT, ("2026-08-01", "2026-08-31"), True),
        ("2월 29일에 신청하면", SAT, "2028-02-29", True),
    ],
)
def test_tense_of_the_following_words(sentence, today, expected, future):
    m = only_mention(sentence, today)
    assert m.span == span(expected)
    assert m.future is future


@pytest.mark.parametrize(
    "sentence",
    [
        "12월 3일에 해지했어요",
        "12월 3일에 받았어요",
        "12월 3일에 환급금이 입금됐어요",
        "12월 3일에 통신사 갈아탔어요",
        "12월 3일에 할인받았어요",
    ],
)
def test_past_tense_sentences_resolve_to_the_past(sentence):
    m = only_mention(sentence, SAT)
    assert m.future is False
    assert m.span == span("2025-12-03")


def test_two_dates_in_one_sentence_each_get_their_own_tense():
    sentence = "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?"
    first, second = extract_dates(sentence, SAT)
    assert (first.text, first.span, first.future) == ("11월 3일", span("2025-11-03"), False)
    assert (second.text, second.span, second.future) == ("1월 20일", span("2026-01-20"), True)
    for m in (first, second):
        assert sentence[m.start : m.end] == m.text
    assert (first.start, first.end) == (0, 6)
    assert first.end <= second.start
    assert sentence.index("1월 20일") == second.start


@pytest.mark.parametrize(
    "text, future, expected",
    [
        ("12월 3일", True, "2026-12-03"),
        ("12월 3일", False, "2025-12-03"),
        ("12월 3일에 해지했어요", True, "2026-12-03"),
        ("1월 20일에 신청하면", False, "2025-01-20"),
        ("1월 10일", True, "2026-01-10"),
        ("8월", True, ("2026-08-01", "2026-08-31")),
        ("8월", False, ("2025-08-01", "2025-08-31")),
        ("9월 말", True, ("2026-09-21", "2026-09-30")),
        ("2월 29일", True, "2028-02-29"),
        ("2월 29일", False, "2024-02-29"),
        # an explicit year or a relative expression ignores the direction
        ("2025년 10월 3일", True, "2025-10-03"),
        ("3일 전", True, "2026-01-07"),
        ("어제", True, "2026-01-09"),
    ],
)
def test_future_argument_overrides_the_words(text, future, expected):
    assert parse_korean_date(text, SAT, future=future) == span(expected)
    assert all(m.future is future for m in extract_dates(text, SAT, future=future))


# ---------------------------------------------------------------------------
# Impossible dates: an error, never a guess
# ---------------------------------------------------------------------------

IMPOSSIBLE = [
    ("2월 30일", "no_such_day"),
    ("13월", "no_such_month"),
    ("0월", "no_such_month"),
    ("13월 1일", "no_such_month"),
    ("4월 31일", "no_such_day"),
    ("2025년 2월 29일", "no_such_day"),
    ("2025-13-01", "no_such_month"),
    ("2025.02.30", "no_such_day"),
    ("2025년 6월 31일", "no_such_day"),
    ("12월 32일", "no_such_day"),
    ("2월 0일", "no_such_day"),
]


@pytest.mark.parametrize("today", [SAT, NOV], ids=str)
@pytest.mark.parametrize("text, code", IMPOSSIBLE)
def test_impossible_date_raises(text, code, today):
    with pytest.raises(KoreanDateError) as info:
        parse_korean_date(text, today)
    assert_korean_error(info.value, code)


@pytest.mark.parametrize(
    "text, today",
    [("이번 달 31일", NOV), ("지난달 29일", date(2026, 3, 10)), ("다음 달 30일", SAT)],
)
def test_relative_month_without_that_day_raises(text, today):
    with pytest.raises(KoreanDateError) as info:
        parse_korean_date(text, today)
    assert_korean_error(info.value, "no_such_day")


@pytest.mark.parametrize("text, code", IMPOSSIBLE)
def test_impossible_date_is_a_mention_with_an_error(text, code):
    sentence = f"{text}에 해지했어요"
    m = only_mention(sentence, NOV)
    assert m.span is None
    assert_korean_error(m.error, code)


def test_an_impossible_date_does_not_hide_a_real_one():
    sentence = "2월 30일, 그리고 3월 2일에 해지했어요"
    bad, good = extract_dates(sentence, SAT)
    assert (bad.text, bad.span, bad.error.code) == ("2월 30일", None, "no_such_day")
    assert (good.text, good.span, good.error) == ("3월 2일", span("2025-03-02"), None)
    # corrected by the customer ("말고"), the impossible one drops out
    (only,) = extract_dates("2월 30일 말고 3월 2일에 해지했어요", SAT)
    assert (only.text, only.span) == ("3월 2일", span("2025-03-02"))


# ---------------------------------------------------------------------------
# Not dates, and hostile input
# ---------------------------------------------------------------------------

NOT_DATES = [
    "010-1234-5678",
    "01012345678",
    "010-1234-5678로 연락 주세요",
    "3일 전화했어요",
    "안녕하세요, 환급금 문의드려요",
    "",
    "   ",
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "😀🎉📅",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_text_without_a_date(text):
    assert extract_dates(text, SAT) == []
    with pytest.raises(KoreanDateError) as info:
        parse_korean_date(text, SAT)
    assert_korean_error(info.value, "not_a_date")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "가" * 10_000,
        "1" * 10_000,
        "12월 3일 " * 1_250,
        ("1 " + " " * 50) * 200,
        "😀" * 10_000,
        "📅 12월 3일 😀",
        "'; DROP TABLE x; --",
        "<script>alert(1)</script>",
        "12월 3일'; DROP TABLE x; --",
        "\x00\n\t\r",
        "９월 ３일",  # full-width digits
        "999년 전",
        "9999년 12월 31일",
        "0000년 3월",
        "10000년 3월 말",
    ],
    ids=lambda t: repr(t[:30]),
)
def test_bad_input_only_ever_raises_korean_date_error(text):
    for today in (SAT, NOV):
        for future in (None, True, False):
            mentions = extract_dates(text, today, future)
            for m in mentions:
                assert text[m.start : m.end] == m.text
            try:
                parse_korean_date(text, today, future)
            except KoreanDateError as exc:
                assert exc.code in {"no_such_year", "no_such_month", "no_such_day", "not_a_date"}


def test_native_numbers_of_two_words():
    assert parse_korean_date("열두 달 전", SAT) == span("2025-01-10")


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

VALID_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
# Years where every fourth year is a leap year within ±9 years (1900 and 2100 are not leap years).
TODAYS = st.dates(min_value=date(1905, 1, 1), max_value=date(2095, 12, 31))


@st.composite
def month_days(draw):
    """A month and day that exist in some year (2월 29일 included)."""
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2024, month)[1]))
    return month, day


@given(VALID_DATES, st.dates())
def test_explicit_dates_round_trip(d, today):
    for text in (
        f"{d.year}년 {d.month}월 {d.day}일",
        d.isoformat(),
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}. {d.month}. {d.day}.",
        f"{d.year}년{d.month}월{d.day}일에",
    ):
        assert parse_korean_date(text, today) == DateSpan(d, d), text


@given(VALID_DATES, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_two_digit_years_are_this_century_unless_far_in_the_future(d, today):
    assume(d.year <= today.year + 5)
    for text in (f"{d:%y}년 {d.month}월 {d.day}일", f"{d:%y}.{d:%m}.{d:%d}"):
        assert parse_korean_date(text, today) == DateSpan(d, d), text


@given(month_days(), TODAYS)
def test_yearless_dates_resolve_to_the_nearest_side_of_today(month_day, today):
    month, day = month_day
    window = relativedelta(years=4 if (month, day) == (2, 29) else 1)
    past = parse_korean_date(f"{month}월 {day}일", today, future=False)
    future = parse_korean_date(f"{month}월 {day}일", today, future=True)
    for result in (past, future):
        assert result.exact
        assert (result.start.month, result.start.day) == (month, day)
    assert today - window < past.start <= today
    assert today <= future.start < today + window
    # the words after the date choose the same directions
    assert parse_korean_date(f"{month}월 {day}일에 신청하면", today) == future
    assert parse_korean_date(f"{month}월 {day}일에 해지했어요", today) == past
    # no tense: one of the two; the one inside the program when only one is, else the nearer
    near = parse_korean_date(f"{month}월 {day}일", today)
    inside = [s for s in (past, future) if PROGRAM[0] <= s.start <= PROGRAM[1]]
    if len(inside) == 1 and past != future:
        assert near == inside[0]
    else:
        assert near == (past if today - past.start <= future.start - today else future)


@given(st.integers(1, 12), TODAYS)
def test_a_yearless_month_is_the_whole_month_nearest_today(month, today):
    past = parse_korean_date(f"{month}월", today, future=False)
    future = parse_korean_date(f"{month}월", today, future=True)
    for result in (past, future):
        assert result.start.month == month and result.start.day == 1
        assert result.end == result.start + relativedelta(day=31)
    assert past.start <= today and today - relativedelta(years=1) < past.start
    assert future.end >= today and future.start < today + relativedelta(years=1)


@given(st.integers(2000, 2030), st.integers(1, 12))
def test_parts_of_a_month_tile_it(year, month):
    def part(word):
        return parse_korean_date(f"{year}년 {month}월 {word}", SAT)

    whole, early, mid, late, last = part(""), part("초"), part("중순"), part("말"), part("말일")
    assert early.start == whole.start
    assert early.end + timedelta(days=1) == mid.start
    assert mid.end + timedelta(days=1) == late.start
    assert late.end == whole.end == last.start == last.end
    assert (early.end.day, mid.end.day, late.start.day) == (10, 20, 21)


@given(st.integers(1, 400), TODAYS)
def test_n_days_ago_and_later(n, today):
    assert parse_korean_date(f"{n}일 전", today) == DateSpan(
        today - timedelta(days=n), today - timedelta(days=n)
    )
    assert parse_korean_date(f"{n}일 후", today) == DateSpan(
        today + timedelta(days=n), today + timedelta(days=n)
    )


@given(st.sampled_from("월화수목금토일"), TODAYS)
def test_week_words_stay_inside_their_calendar_week(weekday, today):
    monday = today - timedelta(days=today.weekday())
    last = parse_korean_date(f"지난주 {weekday}요일", today).start
    this = parse_korean_date(f"이번 주 {weekday}요일에 했어요", today).start  # a Sunday's bare one is asked
    assert monday - timedelta(days=7) <= last < monday
    assert monday <= this < monday + timedelta(days=7)
    assert last.weekday() == this.weekday() == "월화수목금토일".index(weekday)


def check_mentions(sentence, mentions):
    previous_end = 0
    for m in mentions:
        assert sentence[m.start : m.end] == m.text
        assert previous_end <= m.start < m.end  # left to right, without overlaps
        previous_end = m.end
        assert (m.span is None) != (m.error is None)
        if m.span is not None:
            assert m.span.start <= m.span.end
        else:
            assert m.error.code in {"no_such_month", "no_such_day"}


@given(st.text(), TODAYS, st.sampled_from([None, True, False]))
def test_extract_dates_never_raises_on_arbitrary_text(sentence, today, future):
    check_mentions(sentence, extract_dates(sentence, today, future))
    try:
        parse_korean_date(sentence, today, future)
    except KoreanDateError:
        pass


DATE_PIECES = st.sampled_from(
    [
        "0",
        "1",
        "2",
        "9",
        "12",
        "29",
        "31",
        "99",
        "2024",
        "년",
        "월",
        "일",
        "주",
        "주일",
        "달",
        "개월",
        "전",
        "후",
        "뒤",
        "전화",
        " ",
        ".",
        "-",
        "/",
        "'",
        "초",
        "중순",
        "말",
        "말일",
        "초과",
        "지난",
        "지난주",
        "이번 주",
        "다음 달",
        "작년",
        "올해",
        "올",
        "한",
        "열",
        "세",
        "요일",
        "금",
        "어제",
        "그제",
        "내일",
        "보름",
        "에",
        "했",
        "하면",
        "받",
        "까지",
        "가",
    ]
)


@given(st.lists(DATE_PIECES, max_size=12).map("".join), TODAYS, st.sampled_from([None, True, False]))
def test_extract_dates_never_raises_on_date_like_text(sentence, today, future):
    check_mentions(sentence, extract_dates(sentence, today, future))
    try:
        parse_korean_date(sentence, today, future)
    except KoreanDateError:
        pass


# ---------------------------------------------------------------------------
# Dates by tense: past verbs → the most recent past, plans → the next, no tense → the program's
# ---------------------------------------------------------------------------

DEC10, JAN10, JAN25 = date(2025, 12, 10), date(2026, 1, 10), date(2026, 1, 25)


@pytest.mark.parametrize(
    "sentence, today, expected, tense",
    [
        # past-tense verbs: 했어요, 냈는데, 해지한 (a past adnominal)
        (
            "11월에 번호이동하면서 위약금 냈어요",
            JAN25,
            ("2025-11-01", "2025-11-30"),
            "past",
        ),  # 하면서 is no plan
        ("3월 5일에 위약금 냈는데 돌려받나요?", JAN10, "2025-03-05", "past"),
        ("10월 2일에 해지한 회선도 돼요?", JAN10, "2025-10-02", "past"),
        ("10월 2일에 해지한건데요", DEC10, "2025-10-02", "past"),
        ("1월 13일까지 해지했어요", date(2026, 2, 10), "2026-01-13", "past"),  # 까지, but the verb is past
        ("2월 3일에 해지했어요", JAN25, "2025-02-03", "past"),
        # plans: 하면, 할 건데, 하려는데
        ("1월 20일에 신청하면 언제 받아요?", JAN10, "2026-01-20", "future"),
        ("3월 5일에 해지할 건데 위약금 나와요?", JAN10, "2026-03-05", "future"),
        ("1월 5일에 번호이동하려는데 면제돼요?", DEC10, "2026-01-05", "future"),
        ("12월 3일까지 신청해야 하나요?", date(2026, 11, 25), "2026-12-03", "future"),
        # no tense: the occurrence inside the program, else the nearer one
        ("12월 3일 해지도 면제돼요?", date(2026, 11, 25), "2025-12-03", "near"),
        ("1월 20일 신청 건 지급일은요?", DEC10, "2026-01-20", "near"),
        ("10월 해지도 면제되나요?", JAN10, ("2025-10-01", "2025-10-31"), "near"),
        ("8월 해지도 면제되나요?", JAN10, ("2025-08-01", "2025-08-31"), "near"),  # nearer than next August
        ("3월 5일 건이요", date(2026, 11, 25), "2027-03-05", "near"),  # neither inside: the nearer
        ("13일이 마지막 날이죠?", JAN10, "2026-01-13", "near"),
    ],
)
def test_yearless_dates_by_tense(sentence, today, expected, tense):
    m = extract_dates(sentence, today)[0]
    assert (m.span, m.tense) == (span(expected), tense)
    assert m.future is (tense == "future")


@pytest.mark.parametrize(
    "today", [date(2025, 9, 15), DEC10, JAN10, JAN25, date(2026, 3, 1), date(2026, 11, 25)], ids=str
)
def test_the_same_words_at_several_todays(today):
    """A past verb never reads a date after today; a plan never before it; no tense stays near today."""
    for month in range(1, 13):
        past = extract_dates(f"{month}월 7일에 해지했어요", today)[0].span.start
        plan = extract_dates(f"{month}월 7일에 해지하려는데", today)[0].span.start
        near = extract_dates(f"{month}월 7일 해지 건", today)[0].span.start
        assert today - timedelta(days=366) < past <= today
        assert today <= plan < today + timedelta(days=366)
        assert near in (past, plan)


@pytest.mark.parametrize(
    "text,start",
    [
        ("I moved on Jan 20", date(2026, 1, 20)),
        ("cancel은 Dec 28", date(2025, 12, 28)),
        ("Sept 30th port-out", date(2025, 9, 30)),
        ("12/31 해지함", date(2025, 12, 31)),
        ("12.30 해지", date(2025, 12, 30)),
        ("작년 유월에 기변", date(2025, 6, 1)),
        ("시월 말에 해지했어요", date(2025, 10, 21)),
    ],
)
def test_short_english_and_word_forms(text, start):
    from korean_nlu.dates import extract_dates

    assert extract_dates(text, date(2026, 1, 25))[0].span.start == start


@pytest.mark.parametrize(
    "text", ["데이터 1.5배 줘요?", "3/4 정도 남았어요", "할인 1.2만원", "남은 데이터 이월 돼요?", "may I ask"]
)
def test_numbers_that_are_not_dates(text):
    from korean_nlu.dates import extract_dates

    assert extract_dates(text, date(2026, 1, 25)) == []


# -- a weekday after a date names that date; a corrected date drops out (issue 19, kinds) ----------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("12월 8일 월요일에 해지", [date(2025, 12, 8)]),
        ("1월 17일 토요일", [date(2026, 1, 17)]),
        ("1월 17일토요일", [date(2026, 1, 17)]),
        ("지난 금요일", [date(2026, 1, 23)]),
    ],
)
def test_a_weekday_after_a_day_of_the_month_is_no_date_of_its_own(text, expected):
    spans = [m.span.start for m in extract_dates(text, date(2026, 1, 29), future=False)]
    assert spans == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20일이 아니고 21일", [date(2026, 1, 21)]),
        ("11월 말고 10월 3일", [date(2025, 10, 3)]),
        ("9월 2일 아니라 9월 12일이요", [date(2025, 9, 12)]),
        ("9월 2일, 9월 12일", [date(2025, 9, 2), date(2025, 9, 12)]),  # a list, no correction
    ],
)
def test_a_corrected_date_gives_way_to_the_one_after_it(text, expected):
    spans = [m.span.start for m in extract_dates(text, date(2026, 1, 29), future=False)]
    assert spans == expected


@pytest.mark.parametrize(
    "text, today, expected",
    [
        ("성탄절에 해지했어요", date(2026, 1, 20), date(2025, 12, 25)),
        ("지난달 크리스마스에 번호이동", date(2026, 1, 20), date(2025, 12, 25)),
        ("작년 크리스마스 이브에 끊었어요", date(2026, 2, 10), date(2025, 12, 24)),
        ("신정에 옮겼어요", date(2026, 1, 20), date(2026, 1, 1)),
        ("새해 첫날 해지", date(2026, 1, 20), date(2026, 1, 1)),
        ("설날 전에 들어와요?", date(2026, 1, 20), date(2026, 2, 17)),
        ("구정 지나서 받아요?", date(2026, 1, 20), date(2026, 2, 17)),
        ("cancelled on Christmas Day", date(2026, 1, 20), date(2025, 12, 25)),
    ],
)
def test_holidays_by_name_are_their_dates(text, today, expected):
    (mention,) = extract_dates(text, today)
    assert mention.span.start == mention.span.end == expected


def test_a_lunar_new_year_outside_the_known_years_is_said_so():
    (mention,) = extract_dates("재작년 설날", date(2026, 1, 20))
    assert mention.span is None and mention.error.code == "unknown_holiday"


def test_before_a_date_takes_its_tense_from_the_verb():
    (planned,) = extract_dates("2월 1일 전에 받을 수 있어요?", date(2026, 1, 20))
    (past,) = extract_dates("11월 1일 전에 해지했어요", date(2026, 1, 20))
    assert planned.span.start == date(2026, 2, 1) and past.span.start == date(2025, 11, 1)


@pytest.mark.parametrize(
    "text, today, expected",
    [
        ("작년 시월 이십일에 끊었어요", date(2026, 1, 21), date(2025, 10, 20)),
        ("시월 이십일일", date(2026, 1, 21), date(2025, 10, 21)),
        ("십일월 삼일 번호이동", date(2026, 1, 21), date(2025, 11, 3)),
        ("일월 칠일에 신청", date(2026, 1, 21), date(2026, 1, 7)),
        ("십이월 삼십일일", date(2026, 1, 21), date(2025, 12, 31)),
        ("1월 스무날", date(2026, 2, 10), date(2026, 1, 20)),
        ("지난 십오일에 했어요", date(2026, 1, 21), date(2026, 1, 15)),
        ("지난 이십오일에 했어요", date(2026, 1, 21), date(2025, 12, 25)),
        ("지난달 이십일", date(2026, 1, 21), date(2025, 12, 20)),
    ],
)
def test_days_in_sino_korean_words(text, today, expected):
    (mention,) = extract_dates(text, today)
    assert mention.span.start == expected


@pytest.mark.parametrize("text", ["데이터 이월 돼요?", "매일 일일 한 번", "삼일 동안", "오일 교환"])
def test_words_that_only_look_like_days_are_no_dates(text):
    assert extract_dates(text, date(2026, 1, 21)) == []


def test_the_same_day_named_twice_is_one_date():
    mentions = extract_dates("신청은 20일, 오늘 했어요", date(2026, 1, 20))
    assert [m.span.start for m in mentions] == [date(2026, 1, 20)]
    two = extract_dates("19일, 오늘 두 번 갔어요", date(2026, 1, 20))
    assert len(two) == 2  # different days stay two


@pytest.mark.parametrize(
    "text, expected",
    [
        ("이틀 전에 했어요", "2026-01-08"),
        ("엿새 전 일이에요", "2026-01-04"),
        ("하루 뒤에 갈게요", "2026-01-11"),
        ("아흐레 전쯤이었나", ("2026-01-00", "")),
        ("열흘 정도 전에요", ("2025-12-30", "2026-01-01")),
    ],
)
def test_days_counted_in_native_words(text, expected):
    if expected == ("2026-01-00", ""):
        expected = ("2025-12-31", "2026-01-02")  # nine days before the 10th, give or take a day
    assert only_mention(text, SAT).span == span(expected)


def test_a_count_of_days_inside_another_word_is_no_date():
    assert extract_dates("하루종일 전화했는데 안 받아요", SAT) == []


def test_a_plan_for_this_weeks_day_already_past_is_asked_not_guessed():
    wednesday = date(2026, 1, 14)
    m = only_mention("이번 주 월요일에 해지하려고요", wednesday)
    assert m.span is None and m.error.code == "which_week"
    assert "1월 12일" in m.error.message_ko and "1월 19일" in m.error.message_ko
    sunday = date(2026, 1, 11)  # told on a Sunday (a week's first day to many), a plan is the coming day
    assert only_mention("이번 주 목요일에 해지하려고요", sunday).span == span("2026-01-15")
    assert only_mention("이번 주 목요일에 해지했어요", sunday).span == span("2026-01-08")
    assert only_mention("이번 주 목요일", sunday).error.code == "which_week"  # no tense: asked
    assert only_mention("담주 목요일에 해지하려고요", sunday).span == span("2026-01-15")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("지난달 말쯤이요", ("2025-12-21", "2025-12-31")),
        ("저번 달에 바꿨어요", ("2025-12-01", "2025-12-31")),
        ("이번 달 초순에", ("2026-01-01", "2026-01-10")),
        ("작년 추석에 해지", "2025-10-06"),
        ("한가위 지나서 했어요", "2025-10-06"),
        ("설 연휴 전에 받나요", "2026-02-17"),
    ],
)
def test_month_words_with_a_part_and_the_lunar_holidays(text, expected):
    assert only_mention(text, SAT).span == span(expected)


@pytest.mark.parametrize("text", ["설명 좀 해 주세요", "설치비도 환급돼요?", "지난달 말고 이번 달이요"])
def test_words_that_only_look_like_them_are_no_dates(text):
    assert [m.text for m in extract_dates(text, SAT)] == []


def test_this_weeks_day_already_past_with_no_past_verb_is_asked():
    # said on a Sunday: "this week's Friday" with a present or no verb may be the coming Friday
    sunday = date(2026, 1, 11)
    m = only_mention("이번 주 금요일에 이사 가는데요", sunday)
    assert m.span is None and m.error.code == "which_week"


def test_digits_alone_follow_the_korean_order_and_english_words_make_them_ambiguous():
    # a bare "1/11" typed in the Korean chat is month first; beside English words it could be either
    assert only_mention("1/11", date(2026, 1, 30)).span == span("2026-01-11")
    assert only_mention("I left on 1/11", date(2026, 1, 30)).error.code == "day_month_order"


@pytest.mark.parametrize(
    "text", ["11월 말에 해지햇는데요", "12월 3일에 번호이동 됏어요", "지난달 20일에 옮겻어요"]
)
def test_the_past_typed_with_the_wrong_final_consonant_is_still_the_past(text):
    # said in late January: the past November/December, never the coming one
    m = extract_dates(text, date(2026, 1, 21))[0]
    assert m.tense == "past" and m.span.start < date(2026, 1, 21)


def test_an_english_past_progressive_is_the_past():
    m = extract_dates("I was staying in Busan for all of January", date(2026, 2, 10))[0]
    assert m.span.start == date(2026, 1, 1)


@pytest.mark.parametrize(
    "text", ["연말 마지막 날에 해지했어요", "작년 마지막 날 번호이동", "12월 마지막 날에 끊었어요"]
)
def test_the_years_last_day_is_december_31(text):
    assert extract_dates(text, date(2026, 1, 16))[0].span == span("2025-12-31")


def test_the_last_day_alone_is_no_date():
    assert extract_dates("신청 마지막 날이 언제예요?", date(2026, 1, 16)) == []


@pytest.mark.parametrize(
    "text, day",
    [
        ("아내 말로는 7일 맞대요", 7),  # a day restated after asking again
        ("27일요", 27),
        ("그날 말고 9일로 바꿔 주세요", 9),
    ],
)
def test_a_day_restated_alone_is_a_date(text, day):
    found = [m.span for m in extract_dates(text, date(2026, 1, 29)) if m.span is not None]
    assert [s.start.day for s in found] == [day]  # (its month by the reader's tense rules)


@pytest.mark.parametrize("text", ["5일 동안 기다렸어요", "7일 이내에 주세요", "3일 만에 왔어요"])
def test_a_length_of_days_is_still_no_date(text):
    assert [m for m in extract_dates(text, date(2026, 1, 29)) if m.span is not None] == []


@pytest.mark.parametrize(
    "text, day",
    [
        ("성탄절 바로 다음 날에 해지했어요", date(2025, 12, 26)),
        ("신정 지나고 이튿날 옮겼어요", date(2026, 1, 2)),
        ("크리스마스 전날 번호이동", date(2025, 12, 24)),
    ],
)
def test_the_day_after_or_before_a_holiday(text, day):
    spans = [m.span for m in extract_dates(text, date(2026, 1, 20)) if m.span is not None]
    assert spans == [DateSpan(day, day)]


@pytest.mark.parametrize(
    "text, days",
    [
        ("11월5일해지했고어제신청완료요", [date(2025, 11, 5), date(2026, 1, 18)]),
        ("아어제가아니라오늘이었어요", [date(2026, 1, 19)]),  # the corrected day drops out
        ("입금일은요", []),
    ],
)
def test_day_words_run_on_after_a_clause_ending_without_spaces(text, days):
    found = [m.span.start for m in extract_dates(text, date(2026, 1, 19)) if m.span is not None]
    assert found == days


@pytest.mark.parametrize(
    "text, start, end",
    [
        # a week counted in its month: the first whole week or the one holding the 1st; both kept
        ("새해 첫 주 월요일에 옮겼어요", date(2025, 12, 29), date(2026, 1, 5)),
        ("이번 달 첫째 주에 해지", date(2025, 12, 29), date(2026, 1, 7)),
        ("12월 둘째 주 금요일에 해지", date(2025, 12, 12), date(2025, 12, 12)),
        ("지난달 셋째 주에 해지했어요", date(2025, 12, 15), date(2025, 12, 21)),
        ("작년 12월 마지막 주에 해지", date(2025, 12, 25), date(2026, 1, 4)),
        ("11월 셋째주 수욜에 번이", date(2025, 11, 12), date(2025, 11, 19)),
    ],
)
def test_a_week_counted_in_its_month(text, start, end):
    (m,) = extract_dates(text, date(2026, 1, 26))
    assert (m.span.start, m.span.end) == (start, end), m


@pytest.mark.parametrize(
    "text, kept",
    [
        ("정정할게요, 11월 20일 아니고 새해 1월 3일이에요", "1월 3일"),
        ("18일이 아니라 바로 어제였어요", "어제"),
        ("10월 말고 실은 9월 말쯤이었어요", "9월 말"),
    ],
)
def test_a_corrected_date_drops_out_with_words_between_the_marker_and_the_right_one(text, kept):
    assert [m.text for m in extract_dates(text, date(2026, 1, 20))] == [kept]


def test_a_date_with_dots_and_the_year_last_is_read_day_first_or_asked():
    (m,) = extract_dates("I cancelled on 15.01.2026.", date(2026, 1, 20))
    assert m.span.start == date(2026, 1, 15)
    first, second = extract_dates("left 30.12.2025, applied 16.01.2026", date(2026, 1, 20))
    assert (first.span.start, second.span.start) == (date(2025, 12, 30), date(2026, 1, 16))
    (m,) = extract_dates("03.01.2026에 해지했어요", date(2026, 1, 20))
    assert m.span is None and m.error.code == "day_month_order"  # 3 January or 1 March: asked


@pytest.mark.parametrize(
    "text, start, end",
    [
        # a count of days from the date just named, not from today (read from today it was a wrong year)
        ("크리스마스 사흘 전에 해지했어요", date(2025, 12, 22), date(2025, 12, 22)),
        ("12월 10일에서 이틀 뒤에 해지", date(2025, 12, 12), date(2025, 12, 12)),
        ("신정 일주일 후에 번호이동했어요", date(2026, 1, 8), date(2026, 1, 8)),
        ("성탄절 나흘 전쯤 해지", date(2025, 12, 20), date(2025, 12, 22)),
        # the old names of a month's days, and two weeks back
        ("십이월 초나흘에 해지했어요", date(2025, 12, 4), date(2025, 12, 4)),
        ("1월 열이튿날 번호이동", date(2026, 1, 12), date(2026, 1, 12)),
        ("지지난주 화요일에 신청했어요", date(2026, 1, 6), date(2026, 1, 6)),
        ("열나흘 전에 해지", date(2026, 1, 6), date(2026, 1, 6)),
    ],
)
def test_days_counted_from_a_named_date_and_old_day_names(text, start, end):
    (m,) = extract_dates(text, date(2026, 1, 20))
    assert (m.span.start, m.span.end) == (start, end), m


@pytest.mark.parametrize("text", ["해지가 12일이고 신청을 19일에 했어요", "해지는12일이고신청은19일에했어요"])
def test_a_date_joined_to_the_next_clause_takes_its_verbs_tense(text):
    # with no tense of its own the 12th was the nearer one, next month's: a termination after the application
    first, second = extract_dates(text, date(2026, 2, 3))
    assert (first.span.start, second.span.start) == (date(2026, 1, 12), date(2026, 1, 19))


def test_an_english_bare_day_before_another_word_is_still_a_day():
    # "the 12th instead" was dropped as if a month followed
    (m,) = extract_dates("Scratch that, I will leave on the 12th instead.", date(2026, 1, 11))
    assert m.span.start == date(2026, 1, 12)
    (m,) = extract_dates("on the 5th of Feb", date(2026, 1, 11))
    assert m.span.start == date(2026, 2, 5)
