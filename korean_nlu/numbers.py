"""Numbers read out in Sino-Korean words, as customers type what they would say on the phone.

Two ways of reading a number: digit by digit (a phone number, "공일공"; a year, "팔팔년생") and as a
cardinal ("천구백팔십팔", "이십오"). The digit words are 공/영 (0), 일, 이, 삼, 사, 오, 육/륙, 칠,
팔, 구; the cardinal adds 십, 백, 천. ``digit_chains`` finds runs of digits, in words or figures or
both, with the gaps people leave between groups ("공일공 이공이오", "010-이공이오-0001", groups joined
by the words of ``data/lexicon/identity.yml``); it is one pass over the text (linear on any input).

``spoken_phones`` reads a mobile number read out: the identity parser (privacy/identity.py, which
masks what it reads) and the tokenizer (korean_nlu/kiwi.py, so that the classifier sees the number
as figures, as in its training examples) ask it. No Rasa, no database.
"""

import re
from dataclasses import dataclass
from typing import List, Optional

from korean_nlu.lexicon import lexicon

DIGIT_WORDS = {
    "공": "0",
    "영": "0",
    "일": "1",
    "이": "2",
    "삼": "3",
    "사": "4",
    "오": "5",
    "육": "6",
    "륙": "6",
    "칠": "7",
    "팔": "8",
    "구": "9",
}
DIGIT_SYLLABLES = "".join(DIGIT_WORDS)
NUMBER_SYLLABLES = DIGIT_SYLLABLES + "십백천"
_UNIT = "일이삼사오육륙칠팔구"  # a digit before 천/백/십 or last (no 0 in a cardinal)
_CARDINAL = re.compile(rf"(?:([{_UNIT}])?천)?(?:([{_UNIT}])?백)?(?:([{_UNIT}])?십)?([{_UNIT}])?")
# Months in words. 유월 and 시월 drop a consonant of 육 and 십; 육월 and 십월 are typed too.
MONTH_WORDS = {
    "일월": 1,
    "이월": 2,
    "삼월": 3,
    "사월": 4,
    "오월": 5,
    "유월": 6,
    "육월": 6,
    "륙월": 6,
    "칠월": 7,
    "팔월": 8,
    "구월": 9,
    "시월": 10,
    "십월": 10,
    "십일월": 11,
    "십이월": 12,
}
MONTH_WORDS_RE = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
# A day in words before its 일: "십이일" is the 12th, "이십일" the 20th, "이십일일" the 21st.
DAY_WORDS_RE = rf"(?:[이삼]?십[{_UNIT}]?|[{_UNIT}])"


def cardinal(words: str) -> Optional[int]:
    """ "천구백팔십팔" → 1988, "팔십팔" → 88, "십이" → 12, "칠" → 7; None if the words are not one
    cardinal ("팔팔", "공일", "십십")."""
    m = _CARDINAL.fullmatch(words or "")
    if not words or m is None:
        return None
    value = 0
    for group, scale, marker in ((1, 1000, "천"), (2, 100, "백"), (3, 10, "십")):
        if marker in words:
            value += int(DIGIT_WORDS[m.group(group)]) * scale if m.group(group) else scale
    if m.group(4):
        value += int(DIGIT_WORDS[m.group(4)])
    return value


def digit_string(words: str) -> Optional[str]:
    """ "팔팔" → "88", "일구칠구" → "1979", "공오" → "05"; None unless every syllable is a digit word."""
    if not words or any(ch not in DIGIT_WORDS for ch in words):
        return None
    return "".join(DIGIT_WORDS[ch] for ch in words)


def number_in_words(words: str) -> Optional[str]:
    """The figures a run of number words stands for: a cardinal when it has 십/백/천, else digit by
    digit ("팔십팔" → "88", "팔팔" → "88", "천구백팔십팔" → "1988", "일구팔팔" → "1988")."""
    if any(ch in "십백천" for ch in words or ""):
        value = cardinal(words)
        return None if value is None else str(value)
    return digit_string(words)


# -- runs of digits ---------------------------------------------------------------------------------
# What people put between the groups of a number read out (besides the words of the lexicon).
GAP_CHARACTERS = frozenset(" \t,.-~/·:_()\u3161")  # \u3161: the vowel ㅡ used as a dash
MAX_GAP = 6  # characters between two digits of one number


@dataclass(frozen=True)
class Digits:
    """One digit word, or one run of figures, of a chain."""

    start: int
    end: int
    digits: str
    spoken: bool  # a digit word (공, 일 …), not figures
    glued: bool  # nothing between it and the one before (the same group)


def digit_chains(text: str, joiners: Optional["re.Pattern[str]"] = None) -> List[List[Digits]]:
    """Runs of digits, figures and digit words alike, with at most ``MAX_GAP`` characters of gap
    (``GAP_CHARACTERS`` or a joining word of ``joiners``) between two of them. A chain ends at any
    other character: "공일공 이공이오" is one chain, "오늘" none of note ("오" then a word)."""
    if not text:
        return []
    chains: List[List[Digits]] = []
    chain: List[Digits] = []
    gap = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if "0" <= ch <= "9":
            j = i + 1
            while j < n and "0" <= text[j] <= "9":
                j += 1
            chain.append(Digits(i, j, text[i:j], False, bool(chain) and gap == 0))
            gap, i = 0, j
            continue
        # 일 or 이 right after figures is the day's counter or a particle ("12일", "010이"), not a digit.
        if ch in DIGIT_WORDS and not (ch in "일이" and i and "0" <= text[i - 1] <= "9"):
            chain.append(Digits(i, i + 1, DIGIT_WORDS[ch], True, bool(chain) and gap == 0))
            gap, i = 0, i + 1
            continue
        step = 1 if ch in GAP_CHARACTERS else 0
        if not step and chain and joiners is not None:
            m = joiners.match(text, i)
            step = m.end() - i if m else 0
        if step and chain and gap + step <= MAX_GAP:
            gap, i = gap + step, i + step
            continue
        if chain:
            chains.append(chain)
            chain = []
        gap, i = 0, i + max(step, 1)
    if chain:
        chains.append(chain)
    return chains


def groups_of(chain: List[Digits]) -> List[List[Digits]]:
    """The digits of a chain in the groups the gaps make (each a list of glued digits)."""
    out: List[List[Digits]] = []
    for d in chain:
        if d.glued and out:
            out[-1].append(d)
        else:
            out.append([d])
    return out


# The copula's syllables that are digit words too, glued after a number read out: "…팔이에요",
# "…삼이구요" (이고요), "…일이오" (an old polite 이오).
_COPULAS = ("이", "이구", "이오")


def without_copula(chain: List[Digits], text: str) -> List[List[Digits]]:
    """The chain, and without the copula's last syllables ("…오육칠팔이에요", "…공공공삼 이구요"):
    the copula, when the digits before it make the whole number (or date)."""
    out = [chain]
    for copula in _COPULAS:
        n = len(copula)
        tail = chain[-n:]
        if len(chain) > n and all(d.spoken for d in tail) and "".join(text[d.start] for d in tail) == copula:
            out.append(chain[:-n])
    return out


@dataclass(frozen=True)
class SpokenPhone:
    start: int
    end: int
    number: str  # normalised: 01012345678
    digits: List[Digits]


_JOINERS = lexicon().pattern("digit_group_joiners")


def spoken_phones(text: str) -> List[SpokenPhone]:
    """Mobile numbers read out: a whole chain of digits, at least one of them in words ("공일공
    이공이오 공공공일", "010 이공이오 0001", "영일영에 …"), that is 010 and 8 digits (or 011/016–019
    and 7–8). A chain with more digits, or fewer, is not read (a number cut short, or no number)."""
    if not any(ch in DIGIT_WORDS for ch in text or ""):
        return []
    # Deferred, as in dates.py: the database layer comes with the phone module, and the reading
    # must not load it to be imported (tests/test_rules_purity.py).
    from subscriber_db.phone import InvalidPhoneError, normalize_phone

    out = []
    for chain in digit_chains(text, _JOINERS):
        for units in _number_then_date(chain, text):
            digits = "".join(u.digits for u in units)
            if len(digits) not in (10, 11) or not any(u.spoken for u in units):
                continue
            try:
                number = normalize_phone(digits)
            except InvalidPhoneError:
                continue
            out.append(SpokenPhone(units[0].start, units[-1].end, number, units))
            break
    return out


def _number_then_date(chain: List[Digits], text: str) -> List[List[Digits]]:
    """What of a chain may be the number: all of it (``without_copula``), or the groups before a
    birth date typed right after it ("공일공 이공이오 공공공일, 1988.4.12", "… 팔팔 공사 일이", "…
    공공공일 구육년 …": a year before its 년)."""
    candidates = without_copula(chain, text)
    if sum(len(d.digits) for d in chain) > 11 + 9:  # a number and a date with its copula at most
        return candidates
    parts = groups_of(chain)
    for cut in range(1, len(parts)):
        rest = [g for group in parts[cut:] for g in group]
        figures = sum(len(d.digits) for d in rest)
        year = len(parts) - cut == 1 and figures in (2, 4) and text.startswith("년", rest[-1].end)
        if year or any(_date_shaped(groups_of(tail)) for tail in without_copula(rest, text)):
            candidates.append([d for group in parts[:cut] for d in group])
    return candidates


def _date_shaped(parts: List[List[Digits]]) -> bool:
    """Digits in groups that could be a date: year, month, day, or 6 or 8 digits in all."""
    figures = ["".join(d.digits for d in group) for group in parts]
    if len(figures) == 3 and len(figures[0]) in (2, 4) and all(1 <= len(f) <= 2 for f in figures[1:]):
        month, day = int(figures[1]), int(figures[2])
    elif len("".join(figures)) in (6, 8):
        joined = "".join(figures)
        month, day = int(joined[-4:-2]), int(joined[-2:])
    else:
        return False
    return 1 <= month <= 12 and 1 <= day <= 31
