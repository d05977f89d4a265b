"""Issue 19: a mobile number and a birth date read out in words (공일공 …, 팔십팔년 사월 십이일), as
customers, elderly ones above all, type what they would say on the phone. The one parser
(privacy/identity.py) reads them for the verification, and masks what it reads; ordinary sentences
with number words in them are no phone number."""

import re
import time
from datetime import date

import pytest

from korean_nlu.numbers import cardinal, digit_string, number_in_words
from privacy.identity import birth_date_part, find_birth_date, find_phone, personal_spans

TODAY = date(2026, 1, 20)


@pytest.mark.parametrize(
    "words, value",
    [
        ("천구백팔십팔", 1988),
        ("일천구백칠십구", 1979),
        ("이천오", 2005),
        ("팔십팔", 88),
        ("십이", 12),
        ("삼십일", 31),
        ("칠", 7),
    ],
)
def test_cardinals_in_words(words, value):
    assert cardinal(words) == value and number_in_words(words) == str(value)


@pytest.mark.parametrize("words", ["팔팔", "공일", "십십", "천천", "", "오늘"])
def test_what_is_no_cardinal(words):
    assert cardinal(words) is None


def test_digits_in_words():
    assert digit_string("공일공") == "010" and digit_string("영륙") == "06" and digit_string("일요") is None


# -- phone numbers read out ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed, number",
    [
        ("공일공 이공이오 공공공일", "01020250001"),
        ("공일공이공이오공공공일", "01020250001"),
        ("영일영, 이영이오, 영영영삼", "01020250003"),
        ("제 번호는 공일공 다시 이공이오 다시 공공공오예요", "01020250005"),
        ("공일공에 이공이오에 공공공삼이옵고", "01020250003"),
        ("공일공의 이공이오의 공공공일입니다", "01020250001"),
        ("제꺼는공일공삼칠이구사팔영육이요", "01037294806"),
        ("공일공-이공이오-공공공오", "01020250005"),
        ("010 이공이오 0001 이에요", "01020250001"),
        ("공일공 2025 공공공삼이라예", "01020250003"),
        ("공일공 이공이오 공공공일, 팔팔 공사 일이", "01020250001"),  # the birth date right after it
        ("공일공 이공이오 공공공일 1988.4.12", "01020250001"),
        ("공일육 이삼사 오육칠팔", "0162345678"),  # an old 016 number: 10 digits
    ],
)
def test_a_number_read_out_in_digit_words_is_read(typed, number):
    assert find_phone(typed) == number


@pytest.mark.parametrize(
    "sentence",
    [
        "이번 달 일일부터 삼일까지 일이 있어서 신청을 못 했어요",
        "공일공으로 시작하는 문자를 받았는데 이게 맞나요",
        "일이삼사오육칠팔구 순서로 눌렀는데 안 돼요",
        "오늘 오후 오시에 구로 매장에 가요",
        "공공 기관 일이 많아서 삼사 일 뒤에 신청할게요",
        "영영 일이 안 풀리네요, 팔 다리가 다 아파요",
        "공일공 이공이오",  # a number cut short
        "구 일 팔 일 이 일 사 일 오 일 중에 하루요",
        "이천이십오년 시월 이십칠일 무렵 해지함",
        "위약금 삼십이만 원이랑 할부 사십오만 원이요",
    ],
)
def test_ordinary_sentences_with_number_words_are_no_phone_number(sentence):
    assert find_phone(sentence) is None
    assert not [s for s in personal_spans(sentence) if s.kind == "phone"], personal_spans(sentence)


def test_a_number_with_a_digit_too_many_is_not_guessed():
    assert find_phone("공일공 이공이오 공공공일일") is None
    assert find_phone("이 공일공 이공이오 공공공일 번호요") is None  # nor a digit before it


# -- birth dates read out ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed, born",
    [
        ("천구백팔십팔년 사월 십이일", date(1988, 4, 12)),
        ("일천구백칠십칠년 이월 십사일생이요", date(1977, 2, 14)),
        ("팔십팔년 사월 십이일이에요", date(1988, 4, 12)),
        ("칠구년 일월 이십오일이라예", date(1979, 1, 25)),
        ("구육년 칠월 칠일생입니다", date(1996, 7, 7)),
        ("팔팔년 시월 삼일", date(1988, 10, 3)),
        ("구십년 유월 이십일", date(1990, 6, 20)),
        ("구십년 유월 이십일일", date(1990, 6, 21)),
        ("팔십오년 십이월 삼십일일", date(1985, 12, 31)),
        ("공오년 십일월 일일", date(2005, 11, 1)),
        ("88년생 4월 12일", date(1988, 4, 12)),
        ("88년생 사월 십이일이옵고", date(1988, 4, 12)),
        ("팔십팔년생이고 사월 십이일이에요", date(1988, 4, 12)),
        ("88년생이고예, 생일은 사월 12일", date(1988, 4, 12)),
        ("1979년 일월 이십오일", date(1979, 1, 25)),
        ("born on July 7, 1996", date(1996, 7, 7)),
        ("1988.4.12", date(1988, 4, 12)),
        ("88. 4. 12.", date(1988, 4, 12)),
        ("88 04 12", date(1988, 4, 12)),
        ("880 412", date(1988, 4, 12)),
        ("1988 0412 이요", date(1988, 4, 12)),
        ("팔팔 공사 일이요", date(1988, 4, 12)),
        ("팔팔공사일이", date(1988, 4, 12)),
        ("일구칠구 공일 이오", date(1979, 1, 25)),
    ],
)
def test_a_birth_date_in_words_or_groups_is_read(typed, born):
    assert find_birth_date(typed, TODAY) == born


@pytest.mark.parametrize(
    "sentence",
    [
        "88년생인데 12월 31일에 해지했어요",  # a birth year, then the day of a leaving
        "팔십팔년생이고 십이월 삼십일일 번호이동",
        "사월 십이일에 해지했어요",  # no year
        "팔팔년생이에요",  # no day
        "10 11 12월 중에 신청할게요",
        "위약금 300,000원 할부 450,000원",
        "일년 사월 오일",  # no year a person is born in
        "음력 팔팔년 사월 십이일",  # a lunar birthday is another solar day: not guessed
        "88년 4월 12일 음력이에요",
    ],
)
def test_what_is_no_whole_birth_date(sentence):
    assert find_birth_date(sentence, TODAY) is None


def test_a_year_in_words_said_to_be_a_birth_year_keeps_the_event_date_after_it():
    from korean_nlu.entity_patterns import find_entities

    ents = {e["entity"]: e["value"] for e in find_entities("팔십팔년생인데 십이월 삼십일일에 해지했어요")}
    assert ents.get("date") == "십이월 삼십일일" and "birth_date" not in ents
    # a program date said with its two-digit year stays a date of the line, not somebody's birthday
    ents = {e["entity"]: e["value"] for e in find_entities("이십오년 십일월 구일 해지했고요")}
    assert "birth_date" not in ents and ents.get("date") == "십일월 구일"
    # a birth date in words is one: its month and day are no date of the line
    ents = {e["entity"]: e["value"] for e in find_entities("제 생일 육십삼년 삼월 삼십일일이라요")}
    assert ents == {"birth_date": "육십삼년 삼월 삼십일일"}


@pytest.mark.parametrize(
    "typed, part",
    [
        ("팔팔년생이에요", "year"),
        ("88년생이요", "year"),
        ("천구백칠십구년생입니다", "year"),
        ("사월 십이일이요", "month_day"),
        ("4월 12일", "month_day"),
        ("88년생 사월 십이일", None),
        ("음력으로 팔팔년 사월 십이일", "lunar"),
        ("음력 삼월 열이틀이요", "lunar"),
        ("2025년 생활비", None),
        ("네 맞아요", None),
    ],
)
def test_a_birth_date_told_in_part(typed, part):
    assert birth_date_part(typed) == part


# -- what is read is masked ----------------------------------------------------------------------------
READ_OUT = [
    "연락처 영일영 사사칠일 구구공팔 이옵고요 제 생일은 천구백팔십삼년 팔월 이십구일이고요",
    "영일영, 이영이오, 영영영삼 이고 칠구년 일월 이십오일이라예",
    "010 이공이오 0005, 구육년 칠월 칠일생",
    "공일공 다시 이공이오 다시 공공공일 팔팔 공사 일이요",
]


@pytest.mark.parametrize("typed", READ_OUT)
def test_what_the_verification_reads_in_words_the_masking_masks(typed):
    from ops_report.names import mask_personal
    from privacy.masking import mask_all_digits, mask_log_text, mask_text

    assert find_phone(typed) is not None and find_birth_date(typed, TODAY) is not None
    for masker in (mask_text, mask_log_text, mask_personal, mask_all_digits):
        masked = masker(typed)
        assert find_phone(masked) is None and find_birth_date(masked, TODAY) is None, (masker, masked)
        for secret in ("이공이오", "이영이오", "2025", "팔십팔", "팔팔", "칠구", "구육", "사월", "이십오일"):
            assert secret not in masked, (masker.__name__, masked)
        assert not re.search(r"\d{4}", re.sub(r"010-\*{4}-\d{4}", "", masked)), masked


def test_a_number_read_out_with_a_digit_too_many_is_masked_all_the_same():
    from privacy.masking import mask_text

    assert "이공이오" not in mask_text("공일공 이공이오 공공공일일이요")


@pytest.mark.parametrize(
    "sentence",
    ["이번 달 일일부터 삼일까지 일이 있어서요", "작년 시월 삼일에 해지했어요", "오늘 오후 오시에 가요"],
)
def test_ordinary_words_stay_readable(sentence):
    from privacy.masking import mask_text

    assert mask_text(sentence) == sentence


def test_the_classifier_hears_a_number_read_out_as_figures():
    from korean_nlu.kiwi import shared_kiwi, surface_tokens

    tokens = surface_tokens(shared_kiwi(), "번호는 공일공 다시 이공이오 다시 공공공오예요")
    assert [t[0] for t in tokens if t[0].isdigit()] == ["010", "2025", "0005"]
    assert [(t[1], t[2]) for t in tokens if t[0] == "2025"] == [(11, 15)]  # the words' own offsets
    plain = surface_tokens(shared_kiwi(), "오늘 일이 있어요")
    assert not any(t[0].isdigit() for t in plain)


@pytest.mark.parametrize(
    "text",
    [
        "공" * 20000,
        "공 " * 10000,
        "공일 다시 " * 3000,
        "팔십팔년생이고 생일은 " * 1500,
        "팔팔년 사월 " * 2500,
        "공에" * 10000,
    ],
)
def test_number_words_are_read_in_linear_time(text):
    from privacy.masking import mask_all_digits, mask_text

    started = time.perf_counter()
    (
        find_phone(text),
        find_birth_date(text, TODAY),
        mask_text(text),
        mask_all_digits(text),
        birth_date_part(text),
    )
    assert time.perf_counter() - started < 3.0
