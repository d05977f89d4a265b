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

Masking is looser than reading (``loose_spans``): any run of digits that reduces to 010 and 8
digits across separators the reader does not accept (``010ㅡ1234ㅡ5678``, ``010 - 1234 - 5678``,
``(010)1234/5678``, ``010_1234~5678``, double spaces) and dates with spaces or such separators
between their parts (``1988 04 12``, ``88 04 12``) are masked, with a name before them, although
the bot never reads them as a phone number or a birth date.

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
# Order of preference when one is read for verification (the first valid one wins).
_BIRTH_PATTERNS = (
    ("rrn", _RRN),
    ("en_dmy", _EN_DMY),
    ("en_mdy", _EN_MDY),
    ("full", _FULL),
    ("compact8", _COMPACT8),
    ("short_year", _SHORT_YEAR),
    ("short_sep", _SHORT_SEP),
    ("yymmdd", _YYMMDD),
)
_COMPACT_SHAPES = ("rrn", "compact8", "yymmdd")
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


def _ymd(shape: str, m: "re.Match", today: date) -> Optional[date]:
    """The date a birth-date match stands for, with the one century rule; None if impossible."""
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
    """Every phone-number-like run (masked), with the normalised number where it is one (read)."""
    out = []
    for m in PHONE_IN_TEXT.finditer(fold(text or "")):
        try:
            value = normalize_phone(m.group(0))
        except InvalidPhoneError:
            value = None
        out.append(Span(m.start(), m.end(), "phone", value))
    return out


def find_phone(text: str) -> Optional[str]:
    """The first Korean mobile number in the text, normalised ('01012345678'), or None."""
    return next((s.value for s in phone_spans(text) if s.value), None)


# -- birth dates ---------------------------------------------------------------------------------------
def _birth_matches(folded: str, today: date) -> List[Tuple[str, "re.Match", Optional[date]]]:
    """(shape, match, date or None) for every birth-date-shaped run, without overlaps, in
    order of preference; phone numbers are blanked first (their digits are not a date)."""
    text = _blank(folded, [(m.start(), m.end()) for m in PHONE_IN_TEXT.finditer(folded)])
    taken: List[Tuple[int, int]] = []
    found = []
    for shape, pattern in _BIRTH_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((shape, m, _ymd(shape, m, today)))
    return found


def find_birth_date(text: str, today: date) -> Optional[date]:
    """The birth date a customer typed (6 digits, YYYYMMDD, YYYY-MM-DD, 'YY년 M월 D일', …), or None
    if there is none or it is impossible (not a calendar day, before 1900, after today)."""
    return next((born for _, _, born in _birth_matches(fold(text or ""), today) if born), None)


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


def _loose_phones(groups: List["re.Match"]) -> List[Span]:
    """Consecutive digit groups that together are 010 + 8 digits (or 82 10 + 8 digits)."""
    out, i = [], 0
    while i < len(groups):
        digits, found = "", None
        for j in range(i, len(groups)):
            digits += groups[j].group(0)
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
        out.append(Span(groups[i].start(), groups[found].end(), "phone", value))
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
    phones = [s for groups in chains for s in _loose_phones(groups)]
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
        birth_shaped = shape in _COMPACT_SHAPES or born.year <= BIRTH_YEAR_MAX
        if strict or has_phone or name or labelled or birth_shaped:
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
        if shape == "rrn" or (born and (shape in _COMPACT_SHAPES or born.year <= BIRTH_YEAR_MAX)):
            out.append(Span(m.start(), m.end(), "birth_date", born))
    return sorted(out, key=lambda s: s.start)
