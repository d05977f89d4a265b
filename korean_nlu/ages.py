"""Ages written in words: "일흔인데", "일흔셋입니다", "예순다섯 살", "칠십 세", "나이가 칠십이에요", "열세 살",
"12 years old"; decades ("40대", "칠십 대", "20대 후반") and school years ("중학교 1학년", "고2",
"초등학생"), which are a band of ages."""

import re
from typing import Iterator, Tuple

_NATIVE_TENS = {
    "스물": 20,
    "스무": 20,
    "서른": 30,
    "마흔": 40,
    "쉰": 50,
    "예순": 60,
    "일흔": 70,
    "여든": 80,
    "아흔": 90,
}
_NATIVE_UNITS = {
    "하나": 1,
    "한": 1,
    "둘": 2,
    "두": 2,
    "셋": 3,
    "세": 3,
    "넷": 4,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
}
_SINO_DIGITS = {"이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SINO_UNITS = {"일": 1, **_SINO_DIGITS}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Native tens are ages on their own in this domain ("아버지가 일흔인데"); "열" and Sino-Korean numbers
# only with 살/세 or an age word before them ("나이가 칠십").
# No spaces ("엄마는예순아홉", "저는열세살"): after a subject or topic particle too; a space inside
# the number is allowed ("마흔 둘").
_WORD_START = r"(?:(?<![가-힣])|(?<=[는은이가도]))"
_NATIVE = re.compile(
    rf"{_WORD_START}({_alt(_NATIVE_TENS)})(?:\s?({_alt(_NATIVE_UNITS)}))?"
    # after a vowel the copula is 예요/야/요 ("마흔하나예요", "쉰둘이야", "여든넷요")
    rf"(?=\s*(?:살|세)|[이인입에은가,.\s?]|예요|야(?![가-힣])|요(?![가-힣])|$)"
)
_SINO = re.compile(
    rf"(?:(?<=나이가\s)|(?<=연세가\s)|(?<=올해\s)|(?<=만\s)|(?<![가-힣]))"
    rf"({_alt(_SINO_DIGITS)})십({_alt(_SINO_UNITS)})?(?=\s*(?:살|세))"
)
# "열" (10) is a word of its own too ("열 번", "열어"): only as an age with 살 after it.
_TEENS = re.compile(rf"{_WORD_START}열\s?({_alt(_NATIVE_UNITS)})?\s*살")
_ENGLISH = re.compile(r"(?<!\d)(\d{1,3})\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old\b", re.IGNORECASE)
# "my dad is 70", "I'm 16", "she turned 65": a person, then the age as the whole predicate.
_ENGLISH_IS = re.compile(
    r"\b(?:i|he|she|dad|father|mom|mum|mother|son|daughter|wife|husband|grand(?:ma|pa|mother|father))"
    r"\s*(?:is|'s|am|'m|turned|turns)\s+(?:now\s+)?(\d{1,3})\b(?!\s*(?:%|gb|won|\$|days?|months?|th\b))",
    re.IGNORECASE,
)
_COPULA_NEXT = set("에었고라면니지")
# 만 as a word of its own ("만 이십"), not the particle ("KT만 이십 년 썼어요")
_AGE_WORD_BEFORE = re.compile(r"(?:나이가|연세가|올해|(?<![가-힣A-Za-z0-9])만)\s*$")
# a count of something else after the number ("이십 년 썼어요", "삼십 개월"): no age
_NOT_YEARS_OF_AGE = re.compile(r"\s*(?:년|해|개월|달|번|명|일|시|분|원|기가|GB|프로|퍼센트|%)", re.IGNORECASE)
_SINO_BARE = re.compile(rf"({_alt(_SINO_DIGITS)})십({_alt(_SINO_UNITS)})?(?=[이인입에은,.\s]|$)")


def ages_in_words(text: str) -> Iterator[Tuple[int, int, int]]:
    """(start, end, age) for each age written in Korean words."""
    for m in _NATIVE.finditer(text):
        yield m.start(), m.end(), _NATIVE_TENS[m.group(1)] + (_NATIVE_UNITS[m.group(2)] if m.group(2) else 0)
    for m in _TEENS.finditer(text):
        yield m.start(), m.end(), 10 + (_NATIVE_UNITS[m.group(1)] if m.group(1) else 0)
    for m in (*_ENGLISH.finditer(text), *_ENGLISH_IS.finditer(text)):
        yield m.start(1), m.end(1), int(m.group(1))
    for m in _SINO.finditer(text):
        yield (
            m.start(),
            m.end(),
            _SINO_DIGITS[m.group(1)] * 10 + (_SINO_UNITS[m.group(2)] if m.group(2) else 0),
        )
    for m in _SINO_BARE.finditer(text):
        if _AGE_WORD_BEFORE.search(text[: m.start()]) and not _NOT_YEARS_OF_AGE.match(text[m.end() :]):
            unit = m.group(2)
            if unit == "이" and text[m.end() : m.end() + 1] in _COPULA_NEXT:  # "칠십이에요" is 70, not 72
                yield m.start(), m.end() - 1, _SINO_DIGITS[m.group(1)] * 10
            else:
                yield m.start(), m.end(), _SINO_DIGITS[m.group(1)] * 10 + (_SINO_UNITS[unit] if unit else 0)


# "일흔 넘었어요", "65세 넘으신 어머니": past an age, told as a fact (not "넘으면", a limit asked about).
# Read as the decade from that age on, so a threshold inside it (19 for Disney+) stays undecided.
_PAST_AN_AGE = re.compile(
    r"\s*(?:살|세)?\s*(?:이|가|은|는)?\s*(?:훌쩍|한참|좀|조금)?\s*넘(?:었|으셨|으신|은|긴|어서|었고)"
)


def past_an_age(text: str, end: int) -> int:
    """Where "넘었다" after an age ending at ``end`` ends, or 0 when the age is not told as passed."""
    m = _PAST_AN_AGE.match(text, end)
    return m.end() if m else 0


# "65세가 되거든요", "몇 달 뒤면 65세가 됩니다": an age the person turns, not the age they are (a
# year either side of the birthday); "65세가 되면", "65세 돼야", "65세 기준": a limit asked about, no one's age.
# "65세가 됐어요" is the age they are.
_TURNS_AN_AGE = re.compile(
    r"\s*(?:살|세)?\s*(?:이|가)?\s*"
    r"(?:(?P<limit>되(?:시)?면|돼야|되어야|기준|부터|까지)|되(?:거든|는데|는|고|요|세요|실|시는|십니다|지요|죠)|돼요|됩니다|될|돼(?=[\s.?!,]|$))"
)


def turns_an_age(text: str, end: int) -> str:
    """After an age ending at ``end``: "turns" (the age to come), "limit" (an age asked about), or ""."""
    m = _TURNS_AN_AGE.match(text, end)
    if m is None:
        return ""
    return "limit" if m.group("limit") else "turns"


# "40대", "70대이신데", "사십 대", "20대 후반": a decade of ages. Not a count of machines ("서버 40대").
_PART_OF_DECADE = {"초반": (0, 3), "중반": (4, 6), "후반": (7, 9)}
_DECADE = re.compile(
    rf"(?<![\d.])(?:([1-9])0|(?:({_alt(_SINO_DIGITS)})|(?<![가-힣]))십)\s*대"
    rf"(?:\s*({_alt(_PART_OF_DECADE)}))?(?!\s*(?:째|분))"
)
_COUNTED_BEFORE = re.compile(r"(?:서버|기기|단말기?|폰|휴대폰|회선|컴퓨터|차량?|PC|pc)\s*$")


def decades_in_words(text: str) -> Iterator[Tuple[int, int, int, int]]:
    """(start, end, youngest, oldest) for each decade of ages ("40대" → 40, 49)."""
    for m in _DECADE.finditer(text):
        if _COUNTED_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        tens = int(m.group(1)) if m.group(1) else _SINO_DIGITS[m.group(2)] if m.group(2) else 1
        low, high = _PART_OF_DECADE.get(m.group(3) or "", (0, 9))
        yield m.start(), m.end(), tens * 10 + low, tens * 10 + high


# School years as international ages (만 나이) over the school year: a first-year pupil of the
# elementary school is 6 or 7, of the middle school 12 or 13, of the high school 15 or 16.
_SCHOOLS = {"초": 5, "중": 11, "고": 14}
_SCHOOL_YEAR = re.compile(
    r"(?<![가-힣])(?P<s>초|중|고)(?:등)?(?:학교|학생|딩)?\s*(?P<y>[1-6])\s*(?:학년)?(?!\d)"
    r"|(?<![가-힣])(?P<s2>초등|중|고등)학교\s*(?P<y2>[1-6]|일|이|삼|사|오|육)\s*학년"
)
_SCHOOL_ONLY = re.compile(r"(?<![가-힣])(?P<s>초등학생|초딩|중학생|중딩|고등학생|고딩)")
_SCHOOL_SPAN = {"초": (6, 12), "중": (12, 15), "고": (15, 18)}
_YEAR_WORDS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6}


def school_years_in_words(text: str) -> Iterator[Tuple[int, int, int, int]]:
    """(start, end, youngest, oldest) for a school year ("고1" → 15, 16) or a school ("중학생")."""
    taken = []
    for m in _SCHOOL_YEAR.finditer(text):
        school = (m.group("s") or m.group("s2"))[0]
        year = m.group("y") or m.group("y2")
        n = int(year) if year.isdigit() else _YEAR_WORDS[year]
        if school != "초" and n > 3:
            continue
        if re.fullmatch(r"[초중고]\s+\d", m.group(0)):  # "통화 중 2번": a lone syllable apart is no school
            continue
        base = _SCHOOLS[school] + n
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), base, base + 1
    for m in _SCHOOL_ONLY.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            low, high = _SCHOOL_SPAN[m.group("s")[0]]
            yield m.start(), m.end(), low, high
