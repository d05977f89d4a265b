"""Ages written in words: "일흔인데", "일흔셋입니다", "예순다섯 살", "칠십 세", "나이가 칠십이에요", "열세 살",
"12 years old"; and decades ("40대", "칠십 대", "20대 후반"), which are a band of ages."""

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
# No spaces ("엄마는예순아홉", "저는열세살"): after a subject or topic particle too.
_WORD_START = r"(?:(?<![가-힣])|(?<=[는은이가도]))"
_NATIVE = re.compile(
    rf"{_WORD_START}({_alt(_NATIVE_TENS)})({_alt(_NATIVE_UNITS)})?(?=\s*(?:살|세)|[이인입에은가,.\s]|$)"
)
_SINO = re.compile(
    rf"(?:(?<=나이가\s)|(?<=연세가\s)|(?<=올해\s)|(?<=만\s)|(?<![가-힣]))"
    rf"({_alt(_SINO_DIGITS)})십({_alt(_SINO_UNITS)})?(?=\s*(?:살|세))"
)
# "열" (10) is a word of its own too ("열 번", "열어"): only as an age with 살 after it.
_TEENS = re.compile(rf"{_WORD_START}열\s?({_alt(_NATIVE_UNITS)})?\s*살")
_ENGLISH = re.compile(r"(?<!\d)(\d{1,3})\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old\b", re.IGNORECASE)
_COPULA_NEXT = set("에었고라면니지")
_AGE_WORD_BEFORE = re.compile(r"(?:나이가|연세가|올해|만)\s*$")
_SINO_BARE = re.compile(rf"({_alt(_SINO_DIGITS)})십({_alt(_SINO_UNITS)})?(?=[이인입에은,.\s]|$)")


def ages_in_words(text: str) -> Iterator[Tuple[int, int, int]]:
    """(start, end, age) for each age written in Korean words."""
    for m in _NATIVE.finditer(text):
        yield m.start(), m.end(), _NATIVE_TENS[m.group(1)] + (_NATIVE_UNITS[m.group(2)] if m.group(2) else 0)
    for m in _TEENS.finditer(text):
        yield m.start(), m.end(), 10 + (_NATIVE_UNITS[m.group(1)] if m.group(1) else 0)
    for m in _ENGLISH.finditer(text):
        yield m.start(), m.end(), int(m.group(1))
    for m in _SINO.finditer(text):
        yield (
            m.start(),
            m.end(),
            _SINO_DIGITS[m.group(1)] * 10 + (_SINO_UNITS[m.group(2)] if m.group(2) else 0),
        )
    for m in _SINO_BARE.finditer(text):
        if _AGE_WORD_BEFORE.search(text[: m.start()]):
            unit = m.group(2)
            if unit == "이" and text[m.end() : m.end() + 1] in _COPULA_NEXT:  # "칠십이에요" is 70, not 72
                yield m.start(), m.end() - 1, _SINO_DIGITS[m.group(1)] * 10
            else:
                yield m.start(), m.end(), _SINO_DIGITS[m.group(1)] * 10 + (_SINO_UNITS[unit] if unit else 0)


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


# School levels ("초등학생", "중1", "고등학교 2학년", "초딩"): a band of ages (만 나이). A grade-N pupil is
# N+offset or one year more over the school year (it runs March to February); a level alone spans all
# its grades. Level: (words for the level, words before a grade number, offset, grades).
_SCHOOL = {
    "elementary": (("초등학생", "초등학교", "초딩", "초등"), ("초등학교", "초등", "초"), 5, 6),
    "middle": (("중학생", "중학교", "중딩"), ("중학교", "중"), 11, 3),
    "high": (("고등학생", "고등학교", "고딩", "고교생"), ("고등학교", "고등", "고교", "고"), 14, 3),
}
_GRADE = re.compile(
    "|".join(
        # a one-syllable level only written together with its grade: "회의 중 2시" is no pupil
        rf"(?<![가-힣])(?:(?:{_alt(w for w in before if len(w) > 1)})\s*|{_alt(w for w in before if len(w) == 1)})"
        rf"(?P<{level}>[1-{grades}])(?:\s*학년)?(?!\d)"
        for level, (_, before, _, grades) in _SCHOOL.items()
    )
)
_LEVEL = re.compile("|".join(rf"(?P<{level}>{_alt(words)})" for level, (words, _, _, _) in _SCHOOL.items()))


def school_years_in_words(text: str) -> Iterator[Tuple[int, int, int, int]]:
    """(start, end, youngest, oldest) for each school level or grade ("중1" → 12, 13)."""
    taken = []
    for m in _GRADE.finditer(text):
        level = m.lastgroup or ""
        offset = _SCHOOL[level][2]
        grade = int(m.group(level))
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), grade + offset, grade + offset + 1
    for m in _LEVEL.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        level = m.lastgroup or ""
        _, _, offset, grades = _SCHOOL[level]
        yield m.start(), m.end(), offset + 1, offset + grades + 1
