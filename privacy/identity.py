"""Phone numbers, birth dates and names in what people type: one parser, for reading and masking.

What the bot reads as personal data it masks ("what we read, we mask"): the verification, the
agents' lookup, the NLU entities, and the masking of stored conversations, the audit log and
the logs all ask this module, so they cannot disagree. It has one century rule and one list of
formats:

* phone: ``010-1234-5678``, ``01012345678``, ``010 1234 5678``, ``+82 10-1234-5678``
* birth date: ``1990-01-01`` (also ``.`` ``/`` or ``1990년 1월 1일``), ``19900101``, ``900101``,
  ``90년 1월 1일``, ``90.01.01``, and the resident registration number shape
  ``900101-1234567`` (always masked whole; its 7th digit gives the century)
* name: 2–4 Hangul syllables right before a birth date (``김하늘 1988-04-12``, ``김하늘님, 880412``)
* read out in words (issue 19; the words: korean_nlu/numbers.py, data/lexicon/identity.yml): a
  phone number digit by digit (``공일공 이공이오 공공공일``, ``영일영에 …``, ``010 이공이오 0001``),
  a birth date with its year as a cardinal or its digits (``천구백팔십팔년 사월 십이일``,
  ``팔팔년생 시월 삼일``, ``88년생이고 생일은 사월 12일``), and, for the verification only (never an
  NLU entity), a birth date as digits in groups (``88 04 12``, ``880 412``, ``팔팔 공사 일이``). A
  number needs the whole run to be 01X and 10–11 digits; a lunar birthday (음력) is not read.

Masking is looser than reading (``loose_spans``): any run of digits (in figures or in words) that
reduces to 010 and 8 digits across separators the reader does not accept (``010ㅡ1234ㅡ5678``,
``010 - 1234 - 5678``, ``(010)1234/5678``, ``010_1234~5678``, double spaces, a digit word too
many) and dates with spaces or such separators between their parts (``1988 04 12``, ``88 04 12``)
are masked, with a name before them, although the bot never reads some of them.

A date is a birth date where the bot would read it as one: in a message with a phone number or
a name before it, after the word 생년월일/생일, or in the compact shapes (6 or 8 digits, the
registration number) and any full date up to ``BIRTH_YEAR_MAX`` (2015) anywhere. Other dates
("2025년 11월 3일 해지") are program dates and stay readable, except in logs (``strict``),
where every date that could be a birth date is masked.

Text is folded first, one character for one so positions stay valid: every Unicode decimal
digit becomes its ASCII digit (full-width ``０１０``), dash-like characters ``-`` and invisible
format characters (zero-width space, direction marks) a space. Every pattern has bounded
repetition and the name is looked for in a bounded window: linear time on any input.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Dict, List, Optional, Tuple

from korean_nlu.lexicon import lexicon
from korean_nlu.numbers import (
    DAY_WORDS_RE,
    DIGIT_WORDS,
    MONTH_WORDS,
    MONTH_WORDS_RE,
    NUMBER_SYLLABLES,
    Digits,
    digit_chains,
    groups_of,
    number_in_words,
    spoken_phones,
    without_copula,
)
from subscriber_db.phone import PHONE_IN_TEXT, InvalidPhoneError, normalize_phone


def centuries(yy: int) -> Tuple[int, int]:
    """The one century rule for a two-digit year: this century first, then the last. Each reader takes
    the first that fits its latest year (a birth date: today; a program date: a few years ahead)."""
    return 2000 + yy, 1900 + yy


BIRTH_YEAR_MAX = 2015  # a full date this early is somebody's birth date, not a program date
OLDEST = date(1900, 1, 1)

_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


# Characters kept as they are are remembered only up to this many: a client sending ever new
# code points must not grow the table without end (issue 21). The ones that change (digits,
# dashes, invisible characters: about 900 in all of Unicode) are always remembered.
_FOLD_KEEP_MAX = 20_000


class _Fold(dict):
    """str.translate table built lazily: each character maps to exactly one character."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        category = unicodedata.category(ch)
        if category == "Nd":
            out = str(unicodedata.digit(ch))
        elif ch in _DASHES:
            out = "-"
        elif category in ("Cf", "Zs", "Zl", "Zp"):
            out = " "
        else:
            out = ch
        if out != ch or len(self) < _FOLD_KEEP_MAX:
            self[cp] = out
        return out


_FOLD = _Fold()


def fold(text: str) -> str:
    """Same length as ``text``; digits ASCII, dashes '-', invisible characters ' '."""
    return text if text.isascii() else text.translate(_FOLD)


# -- patterns (on folded text: ASCII digits) ----------------------------------------------------
_SP = r"[ \t]{0,2}"
_RRN = re.compile(
    r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})" + _SP + r"-?" + _SP + r"([0-9])[0-9]{6}(?![0-9])"
)
_FULL = re.compile(
    r"(?<![0-9])(19[0-9]{2}|20[0-9]{2})"
    + _SP
    + r"(?:[./-]|년)"
    + _SP
    + r"([0-9]{1,2})"
    + _SP
    + r"(?:[./-]|월)"
    + _SP
    + r"([0-9]{1,2})(?:"
    + _SP
    + r"일)?(?![0-9])"
)
_COMPACT8 = re.compile(r"(?<![0-9])(19[0-9]{2}|20[0-9]{2})([0-9]{2})([0-9]{2})(?![0-9])")
_SHORT_YEAR = re.compile(
    r"(?<![0-9])([0-9]{2})"
    + _SP
    + r"년"
    + _SP
    + r"([0-9]{1,2})"
    + _SP
    + r"월"
    + _SP
    + r"([0-9]{1,2})"
    + _SP
    + r"일"
)
_SHORT_SEP = re.compile(r"(?<![0-9.])([0-9]{2})([./-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_YYMMDD = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})(?![0-9])")
# English: "20 October 1975", "20th of Oct. 1975", "October 20, 1975" (a four-digit year only).
_EN_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_EN_MONTH = r"(" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\.?"
_EN_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_EN_DMY = re.compile(
    r"(?<![0-9A-Za-z])"
    + _EN_DAY
    + r"[ \t]{1,2}(?:of[ \t]{1,2})?"
    + _EN_MONTH
    + r",?[ \t]{1,2}(19[0-9]{2}|20[0-9]{2})(?![0-9])",
    re.IGNORECASE,
)
_EN_MDY = re.compile(
    r"(?<![A-Za-z])" + _EN_MONTH + r"[ \t]{1,2}" + _EN_DAY + r",?[ \t]{1,2}(19[0-9]{2}|20[0-9]{2})(?![0-9])",
    re.IGNORECASE,
)
# Korean words, read out: "천구백팔십팔년 사월 십이일", "팔십팔년 시월 삼일", "팔팔년 유월 이일", and
# words and figures mixed ("88년 사월 12일", "1979년 일월 이십오일"). The year is a cardinal or its
# digits in words (2 or 4), or figures. A year said to be a birth year ("…년생"), or followed by the
# copula's endings ("…년생이옵고, 생일은 사월 …"), may have its month and day after it; unless a label
# names them (생일은), they are the birthday only where the words after the day say so ("…일이에요",
# "…일생", the end): "88년생인데 12월 31일에 해지했어요" is a birth year and the day of a leaving.
# Every part is bounded: linear on any input.
_WORDS = lexicon()
_YEAR_TO_MONTH = (
    r"(?:[ \t,]{0,3}(?P<ending>"
    + _WORDS.pattern("birth_year_endings").pattern
    + r"))?[ \t,]{0,3}(?:(?P<label>"
    + _WORDS.pattern("birth_day_labels").pattern
    + r")[ \t,:]{0,3})?"
)
_WORDS_DATE = re.compile(
    rf"(?<![0-9{NUMBER_SYLLABLES}])(?P<y>[{NUMBER_SYLLABLES}]{{1,8}}|[0-9]{{4}}|[0-9]{{2}})"
    + _SP
    + r"년(?P<born>생)?"
    + _YEAR_TO_MONTH
    + r"(?:(?P<mn>1[0-2]|0?[1-9])"
    + _SP
    + rf"월|(?P<mw>{MONTH_WORDS_RE}))"
    + _SP
    + r"(?:(?P<dn>[0-3]?[0-9])"
    + _SP
    + rf"일|(?P<dw>{DAY_WORDS_RE})일)(?![0-9])"
)
# A birth date told in part (the verification asks for the rest): the birth year alone ("88년생",
# "팔팔년생이에요"), or a month and day with no year ("사월 십이일이요", "4월 12일").
_BIRTH_YEAR_ALONE = re.compile(
    rf"(?<![0-9{NUMBER_SYLLABLES}])(?P<y>[{NUMBER_SYLLABLES}]{{1,8}}|[0-9]{{4}}|[0-9]{{2}}){_SP}년 ?생"
    r"(?:(?![가-힣])|(?=[이입인요예]))"  # "88년생이에요", not "2025년 생활"
)
_MONTH_DAY = re.compile(
    rf"(?<![0-9{NUMBER_SYLLABLES}])(?:(?:1[0-2]|0?[1-9]){_SP}월|(?:{MONTH_WORDS_RE})){_SP}"
    rf"(?:[0-3]?[0-9]{_SP}일|{DAY_WORDS_RE}일)(?![0-9])"
)
_MONTH_OR_YEAR = re.compile(rf"[0-9{NUMBER_SYLLABLES}]{_SP}[년월]|[유시]월")
# After a birthday: its own endings glued on, or no word at all (punctuation, the end).
_AFTER_BIRTHDAY = re.compile(
    r"(?:" + _WORDS.pattern("birth_day_endings").pattern + r")|[^\s가-힣]|\s*$|\s+[^\s가-힣]"
)
# Order of preference when one is read for verification (the first valid one wins).
_BIRTH_PATTERNS = (
    ("rrn", _RRN),
    ("en_dmy", _EN_DMY),
    ("en_mdy", _EN_MDY),
    ("full", _FULL),
    ("compact8", _COMPACT8),
    ("short_year", _SHORT_YEAR),
    ("words", _WORDS_DATE),
    ("short_sep", _SHORT_SEP),
    ("yymmdd", _YYMMDD),
)
_COMPACT_SHAPES = ("rrn", "compact8", "yymmdd")
# Read by the verification and masked, but never an NLU entity: digits in groups ("88 04 12",
# "880 412", "팔팔 공사 일이"), which outside the verification could be anything.
_VERIFICATION_ONLY = ("spaced",)
_LABEL = re.compile(r"(?:생년월일|생일|출생일|birth)\s{0,3}(?:은|는|이|:|=)?\s{0,3}$", re.IGNORECASE)
_NAME_WINDOW = 24
_NAME = re.compile(r"([가-힣]{2,4}?)\s{0,3}(?:님|고객님|고객)?\s{0,3}[,(]?\s{0,3}$")
# Words that often stand right before a date but are not names.
_NOT_NAMES = frozenset(
    """작년 재작년 올해 내년 지난 지난해 이번 다음 오늘 어제 그제 내일 최근 기준 해지 가입 신청 번호이동
    기기변경 기변 재약정 신규 신규가입 개통 약정 납부 환급 지급 생일 생년월일 출생 출생일 날짜 일자 언제 부터 까지
    환급일 지급일 신청일 해지일 가입일 개통일 변경일 만료일 기준일 약정일 납부일 이동일""".split()
)
SUBSCRIBER_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,3}-[0-9]{3,10})(?![0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # phone | rrn | birth_date | name
    value: object = None  # normalised phone, the date, or the name


@dataclass(frozen=True)
class _Run:
    """A date read from digits in groups (``_spaced_dates``): where it is and its parts."""

    begin: int
    finish: int
    year: str  # 2 or 4 figures
    month: int
    day: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def _year_figures(words: str) -> Optional[str]:
    """A year as typed or read out: "1988", "88", "천구백팔십팔", "팔십팔", "팔팔", "일구팔팔" → its
    figures (2 or 4); a particle 이 glued before it ("생일이천구백…") is no digit of it."""
    if words.isdigit():
        return words
    for candidate in (words, words[1:] if words.startswith("이") else ""):
        figures = number_in_words(candidate) if candidate else None
        if figures and (len(figures) == 2 or (len(figures) == 4 and figures[:2] in ("19", "20"))):
            return figures
    return None


def _two_digit_birth_year(yy: int) -> bool:
    """Whether a two-digit year alone says a birth year: not one of the years around the program
    (this century's after BIRTH_YEAR_MAX, up to 15 years on: "25년 12월 31일" is a program date)."""
    return not BIRTH_YEAR_MAX < 2000 + yy <= BIRTH_YEAR_MAX + 15


def _ymd(shape: str, m, today: date) -> Optional[date]:
    """The date a birth-date match stands for, with the one century rule; None if impossible."""
    if shape == "spaced":
        y = m.year
        candidates = (
            [(int(y), m.month, m.day)]
            if len(y) == 4
            else [(year, m.month, m.day) for year in centuries(int(y))]
        )
        return _first_born(candidates, today)
    if shape == "words":
        y = _year_figures(m.group("y"))
        if y is None:
            return None
        month = int(m.group("mn")) if m.group("mn") else MONTH_WORDS[m.group("mw")]
        day = int(m.group("dn")) if m.group("dn") else int(number_in_words(m.group("dw")) or 0)
        told_apart = (m.group("born") or m.group("ending")) and not m.group("label")
        if told_apart and not _AFTER_BIRTHDAY.match(m.string, m.end()):
            return None  # a birth year, then the day of something else
        years = [int(y)] if len(y) == 4 else list(centuries(int(y)))
        return _first_born([(year, month, day) for year in years], today)
    g = m.groups()
    if shape == "rrn":
        century = {"1": 1900, "2": 1900, "5": 1900, "6": 1900, "3": 2000, "4": 2000, "7": 2000, "8": 2000}
        base = century.get(g[3])
        if base is None:
            return None
        candidates = [(base + int(g[0]), int(g[1]), int(g[2]))]
    elif shape in ("full", "compact8"):
        candidates = [(int(g[0]), int(g[1]), int(g[2]))]
    elif shape == "en_dmy":
        candidates = [(int(g[2]), _EN_MONTHS[g[1].lower()], int(g[0]))]
    elif shape == "en_mdy":
        candidates = [(int(g[2]), _EN_MONTHS[g[0].lower()], int(g[1]))]
    elif shape == "short_sep":
        yy, mm, dd = int(g[0]), int(g[2]), int(g[3])
        candidates = [(year, mm, dd) for year in centuries(yy)]
    else:
        yy, mm, dd = int(g[0]), int(g[1]), int(g[2])
        candidates = [(year, mm, dd) for year in centuries(yy)]
    return _first_born(candidates, today)


def _first_born(candidates, today: date) -> Optional[date]:
    # Two-digit years: this century if that day has come, else the last one.
    for y, mo, d in candidates:
        try:
            born = date(y, mo, d)
        except ValueError:
            continue
        if OLDEST <= born <= today:
            return born
    return None


def _blank(text: str, spans: List[Tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# -- phones -----------------------------------------------------------------------------------------
def phone_spans(text: str) -> List[Span]:
    """Every phone-number-like run (masked), with the normalised number where it is one (read):
    figures (``PHONE_IN_TEXT``) and numbers read out in digit words."""
    folded = fold(text or "")
    out = []
    for m in PHONE_IN_TEXT.finditer(folded):
        try:
            value = normalize_phone(m.group(0))
        except InvalidPhoneError:
            value = None
        out.append(Span(m.start(), m.end(), "phone", value))
    if any(ch in DIGIT_WORDS for ch in folded):
        rest = _blank(folded, [(s.start, s.end) for s in out])
        spoken = [Span(p.start, p.end, "phone", p.number) for p in spoken_phones(rest)]
        out = sorted(out + spoken, key=lambda s: s.start)
    return out


def find_phone(text: str) -> Optional[str]:
    """The first Korean mobile number in the text, normalised ('01012345678'), or None."""
    return next((s.value for s in phone_spans(text) if s.value), None)


# -- birth dates ---------------------------------------------------------------------------------------
def _spaced_date(units: List[Digits], text: str) -> Optional[_Run]:
    """Digits in groups as a birth date: three groups year, month, day ("88 04 12", "1988. 4. 12",
    "팔팔 공사 일이"), or 6 or 8 digits with nothing but spaces between them ("880 412",
    "8 8 0 4 1 2", "팔팔공사일이"). Not before a counter ("10 11 12월", "1 200 000원")."""
    end = units[-1].end
    if _COUNTED.match(text, end):
        return None
    parts = ["".join(d.digits for d in group) for group in groups_of(units)]
    if len(parts) == 3 and len(parts[0]) in (2, 4) and all(1 <= len(p) <= 2 for p in parts[1:]):
        year, month, day = parts
    else:
        digits = "".join(parts)
        spaces_only = all(
            not text[a.end : b.start].strip(" \t") for a, b in zip(units, units[1:], strict=False)
        )
        if not spaces_only or len(digits) not in (6, 8):
            return None
        year = digits[:-4]
        month, day = digits[-4:-2], digits[-2:]
    if len(year) == 4 and year[:2] not in ("19", "20"):
        return None
    return _Run(units[0].start, end, year, int(month), int(day))


def _spaced_dates(text: str) -> List[_Run]:
    """Birth dates typed or read out as digits in groups (``_spaced_date``); a run of figures
    alone is left to the patterns (one group of 6 or 8 is theirs)."""
    out = []
    for chain in digit_chains(text):
        if len(chain) < 2 and not chain[0].spoken:
            continue
        for units in without_copula(chain, text):
            run = _spaced_date(units, text)
            if run is not None:
                out.append(run)
                break
    return out


def _birth_matches(folded: str, today: date) -> List[Tuple[str, "re.Match", Optional[date]]]:
    """(shape, match, date or None) for every birth-date-shaped run, without overlaps, in
    order of preference; phone numbers are blanked first (their digits are not a date)."""
    text = _blank(folded, [(s.start, s.end) for s in phone_spans(folded)])
    taken: List[Tuple[int, int]] = []
    found: List[Tuple[str, "re.Match", Optional[date]]] = []
    for shape, pattern in _BIRTH_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((shape, m, _ymd(shape, m, today)))
    for run in _spaced_dates(_blank(text, taken)):
        found.append(("spaced", run, _ymd("spaced", run, today)))  # type: ignore[arg-type]
    return found


def _birth_shaped(shape: str, m, born: date) -> bool:
    """Whether a date is somebody's birth date by its shape alone (no phone, name or label near):
    the compact shapes, a year up to BIRTH_YEAR_MAX, a year in words or in groups that is no year
    around the program."""
    if shape in _COMPACT_SHAPES or born.year <= BIRTH_YEAR_MAX:
        return True
    year = m.year if shape == "spaced" else _year_figures(m.group("y")) if shape == "words" else None
    return year is not None and len(year) == 2 and _two_digit_birth_year(int(year))


# A birthday by the lunar calendar is another day of the solar one the lines are kept in.
_LUNAR = re.compile(r"음력")
_LUNAR_NEAR = 8  # characters either side of the date


def _lunar(folded: str, m) -> bool:
    return _LUNAR.search(folded, max(0, m.start() - _LUNAR_NEAR), m.end() + _LUNAR_NEAR) is not None


def find_birth_date(text: str, today: date) -> Optional[date]:
    """The birth date a customer typed (6 digits, YYYYMMDD, YYYY-MM-DD, 'YY년 M월 D일', …) or read
    out ("팔십팔년 사월 십이일", "팔팔 공사 일이"), or None if there is none, it is impossible (not a
    calendar day, before 1900, after today) or it is the lunar birthday (음력: never guessed)."""
    folded = fold(text or "")
    return next(
        (born for _, m, born in _birth_matches(folded, today) if born and not _lunar(folded, m)), None
    )


def birth_date_part(text: str) -> Optional[str]:
    """What part of a birth date a message tells without the whole of it: "year" ("88년생이에요",
    "팔팔년생"), "month_day" ("사월 십이일이요"), "lunar" (the lunar birthday: the solar one is
    needed), or None (a whole date, or none at all)."""
    folded = fold(text or "")
    found = [(m, born) for _, m, born in _birth_matches(folded, _FAR_FUTURE) if born]
    if any(_lunar(folded, m) for m, _ in found):
        return "lunar"
    if found:
        return None
    if _LUNAR.search(folded) and _MONTH_OR_YEAR.search(folded):  # "음력 삼월 열이틀"
        return "lunar"
    if any(_year_figures(m.group("y")) for m in _BIRTH_YEAR_ALONE.finditer(folded)):
        return "year"
    return "month_day" if _MONTH_DAY.search(folded) else None


def _name_before(folded: str, start: int) -> Optional[Tuple[int, int, str]]:
    window_start = max(0, start - _NAME_WINDOW)
    m = _NAME.search(folded, window_start, start)
    # "생일은 880412": a label with its particle is no name either.
    if (
        not m
        or m.group(1) in _NOT_NAMES
        or re.sub(r"(?:은|는|이|가|을|를|도|요)$", "", m.group(1)) in _NOT_NAMES
    ):
        return None
    # A name is a whole word: at the start, or after a space or punctuation.
    if m.start(1) > 0 and (folded[m.start(1) - 1].isalnum() or folded[m.start(1) - 1] == "_"):
        return None
    return m.start(1), m.end(1), m.group(1)


def lookup_identifiers(text: str, today: date) -> Dict[str, object]:
    """What in an agent's message names a line: subscriber id, phone, or name + birth date."""
    text = text or ""
    folded = fold(text)
    found: Dict[str, object] = {}
    sid = SUBSCRIBER_ID.search(folded)
    if sid:
        found["subscriber_id"] = sid.group(1).upper()
    phone = find_phone(folded)
    if phone:
        found["phone"] = phone
    rest = _blank(folded, [(m.start(), m.end()) for m in SUBSCRIBER_ID.finditer(folded)])
    for _, m, born in _birth_matches(rest, today):
        name = _name_before(rest, m.start())
        if born and name:
            found["name"], found["birth_date"] = name[2], born
            break
    return found


# -- what is masked ------------------------------------------------------------------------------------------
_FAR_FUTURE = date(2100, 12, 31)
_JOINERS = _WORDS.pattern("digit_group_joiners")


# -- looser than the reader (masking only) -------------------------------------------------------------------
# What people put between the digits of a number: spaces, dashes and the Hangul vowel ㅡ (or
# look-alikes) used as one, slashes, underscores, tildes, commas, dots, brackets, middle dots.
_LOOSE_SEP = r"[ \t\-\u3161\u4e00\u30fc\u2500\u2501_~,./()\u00b7:]"
# A chain of digit groups, each pair separated by one to five of those (linear: the separator
# and the digit classes are disjoint).
_CHAIN = re.compile(r"(?<![0-9])[0-9]+(?:" + _LOOSE_SEP + r"{1,5}[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_SPACES = re.compile(r"[ \t]{1,3}")
_COUNTED = re.compile(r"[ \t]{0,2}[년월분초개명원회살세%]")


def _loose_phones(groups: List[Tuple[int, int, str]]) -> List[Span]:
    """Consecutive digit groups (start, end, digits) that together are 010 + 8 digits (or 82 10 +
    8 digits)."""
    out, i = [], 0
    while i < len(groups):
        digits, found = "", None
        for j in range(i, len(groups)):
            digits += groups[j][2]
            if len(digits) > 12:
                break
            if (len(digits) == 11 and digits.startswith("010")) or (
                len(digits) == 12 and digits.startswith("8210")
            ):
                found = j
                break
        if found is None:
            i += 1
            continue
        value = "0" + digits[2:] if digits.startswith("82") else digits
        out.append(Span(groups[i][0], groups[found][1], "phone", value))
        i = found + 1
    return out


def _loose_date(text: str, a: "re.Match", b: "re.Match", c: "re.Match") -> Optional[date]:
    """Three digit groups read as year, month, day: ``1988 04 12`` (any separators) or ``88 04 12``
    (spaces only, two digits each: the shape of a birth date typed in parts)."""
    y, m, d = a.group(0), b.group(0), c.group(0)
    if not (1 <= len(m) <= 2 and 1 <= len(d) <= 2):
        return None
    if len(y) == 2:
        between = (text[a.end() : b.start()], text[b.end() : c.start()])
        if len(m) != 2 or len(d) != 2 or not all(_SPACES.fullmatch(s) for s in between):
            return None
        candidates = [(year, int(m), int(d)) for year in centuries(int(y))]
    elif len(y) == 4 and y[:2] in ("19", "20"):
        candidates = [(int(y), int(m), int(d))]
    else:
        return None
    if _COUNTED.match(text, c.end()):  # "10 11 12월": months, amounts, counts
        return None
    for year, month, day in candidates:
        try:
            born = date(year, month, day)
        except ValueError:
            continue
        if OLDEST <= born <= _FAR_FUTURE:
            return born
    return None


def loose_spans(folded: str, has_phone: bool = False, strict: bool = False) -> List[Span]:
    """Phone numbers and birth dates written in ways the reader does not accept (see the module
    docstring), with a name right before such a date; ``folded`` has the reader's spans blanked."""
    out: List[Span] = []
    chains = [[g for g in _GROUP.finditer(folded, m.start(), m.end())] for m in _CHAIN.finditer(folded)]
    phones = [
        s for groups in chains for s in _loose_phones([(g.start(), g.end(), g.group(0)) for g in groups])
    ]
    # numbers read out in words that the reader does not take (a digit too many, a group cut short)
    for spoken in digit_chains(folded, _JOINERS) if any(ch in DIGIT_WORDS for ch in folded) else []:
        if any(d.spoken for d in spoken):
            phones.extend(_loose_phones([(d.start, d.end, d.digits) for d in spoken]))
    out.extend(phones)
    has_phone = has_phone or bool(phones)
    for groups in chains:
        i = 0
        while i + 2 < len(groups):
            a, b, c = groups[i : i + 3]
            if any(a.start() < p.end and p.start < c.end() for p in phones):
                i += 1
                continue
            born = _loose_date(folded, a, b, c)
            if born is None:
                i += 1
                continue
            name = _name_before(folded, a.start())
            labelled = _LABEL.search(folded, max(0, a.start() - 16), a.start()) is not None
            if strict or has_phone or name or labelled or len(a.group(0)) == 2 or born.year <= BIRTH_YEAR_MAX:
                out.append(Span(a.start(), c.end(), "birth_date", born))
                if name:
                    out.append(Span(name[0], name[1], "name", name[2]))
            i += 3
    return out


def personal_spans(text: str, strict: bool = False) -> List[Span]:
    """Spans of ``text`` that hold personal data, sorted, not overlapping: phone numbers, the
    registration-number shape, birth dates where the bot would read one (every possible birth
    date when ``strict``, for logs), names before them, and what ``loose_spans`` finds besides."""
    if not text:
        return []
    folded = fold(text)
    spans = [s for s in phone_spans(folded)]
    has_phone = bool(spans)
    for shape, m, born in _birth_matches(folded, _FAR_FUTURE):
        if shape == "rrn":
            spans.append(Span(m.start(), m.end(), "rrn"))
            continue
        if born is None:
            continue
        name = _name_before(folded, m.start())
        labelled = _LABEL.search(folded, max(0, m.start() - 16), m.start()) is not None
        if strict or has_phone or name or labelled or _birth_shaped(shape, m, born):
            spans.append(Span(m.start(), m.end(), "birth_date", born))
            if name:
                spans.append(Span(name[0], name[1], "name", name[2]))
    rest = _blank(folded, [(s.start, s.end) for s in spans])
    spans.extend(loose_spans(rest, has_phone, strict))
    spans.sort(key=lambda s: (s.start, -s.end))
    out: List[Span] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def looks_personal_id(value: str) -> bool:
    """Whether a conversation id a client chose holds a phone number, a registration number or a
    birth date written out (YYYY-MM-DD, YYYYMMDD, YYMMDD); short forms like 15-2-3 are too common
    in ids to count."""
    folded = fold(value or "")
    if phone_spans(folded):
        return True
    return any(
        shape == "rrn" or (born is not None and shape in ("full", "compact8", "yymmdd"))
        for shape, _, born in _birth_matches(folded, _FAR_FUTURE)
    )


def birth_date_spans(text: str) -> List[Span]:
    """Birth dates without context (the NLU's birth_date entity): the compact shapes, the
    registration-number shape and full dates up to BIRTH_YEAR_MAX."""
    folded = fold(text or "")
    out = []
    for shape, m, born in _birth_matches(folded, _FAR_FUTURE):
        if shape in _VERIFICATION_ONLY:
            continue
        if shape == "rrn" or (born and _birth_shaped(shape, m, born)):
            out.append(Span(m.start(), m.end(), "birth_date", born))
    return sorted(out, key=lambda s: s.start)
