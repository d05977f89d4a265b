"""Mask phone numbers, birth dates and names in text and in nested values (slots, entities).

The spans come from the one parser, ``privacy.identity``: what the bot reads, it masks.
"""

import re
from typing import Any

from korean_nlu.numbers import NUMBER_SYLLABLES
from privacy.identity import Span, personal_spans
from subscriber_db.phone import mask_phone
from wording_ko.agent_card import CARD_NAME

_DIGIT = re.compile(r"\d")
# A digit in figures or in words, and the months whose words hide their digit (유월, 시월); 일/이
# right after figures is a counter or a particle ("25일", "0001이에요").
_NUMBERISH = re.compile(rf"\d|(?<!\d)[{NUMBER_SYLLABLES}]|[유시](?=월)")
# Numbers in words: two or more number syllables (or figures) with spaces, punctuation or 년/월/생
# between them ("공일공 이공이오", "팔십팔년 사월 십이일", "일구팔팔 공사"), and 유월/시월. One pass:
# the syllables, the separators and the markers are disjoint.
_SEP = r"[ \t,.\-]{0,3}"
_NUMBER = rf"(?:[0-9]|(?<![0-9])[{NUMBER_SYLLABLES}])"
_NUMBER_RUN = re.compile(rf"{_NUMBER}(?:{_SEP}(?:[년월생]{_SEP})?{_NUMBER})+|[유시]월")


def _masked(piece: str, span: Span) -> str:
    kind = span.kind
    if kind == "phone":
        return mask_phone(span.value or piece)
    if kind == "name":
        return "*" * len(piece)
    return _NUMBERISH.sub("*", piece)  # birth date, registration number: every digit, in words too


def mask_text(text: str, strict: bool = False) -> str:
    """'010-1234-5678 900101' → '010-****-5678 ******', '김하늘 1988-04-12' → '*** ****-**-**'.

    Program dates stay readable ('2025년 11월 3일 해지'); ``strict`` (logs) masks every date
    that could be somebody's birth date as well.
    """
    if not text or not _NUMBERISH.search(text):
        return text
    out, last = [], 0
    for span in personal_spans(text, strict=strict):
        out.append(text[last : span.start])
        out.append(_masked(text[span.start : span.end], span))
        last = span.end
    out.append(text[last:])
    return "".join(out)


def mask_log_text(text: str) -> str:
    return mask_text(text, strict=True)


def mask_bot_text(text: str) -> str:
    """What the bot said, as stored: the customer's name on an agent card is kept out too."""
    text = CARD_NAME.sub(lambda m: f"{m.group(1)}{'*' * len(m.group(2))}{m.group(3)}", text or "")
    return mask_text(text)


def mask_all_digits(text: str) -> str:
    """For answers to "생년월일을 알려 주세요": any digits there are personal, numbers read out in
    words too ("공일공 …", "팔십팔년 사월 십이일")."""
    if not text:
        return text
    text = _NUMBER_RUN.sub(lambda m: _NUMBERISH.sub("*", m.group(0)), text)
    return _DIGIT.sub("*", text)


def mask_value(value: Any, masker=mask_text) -> Any:
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, list):
        return [mask_value(v, masker) for v in value]
    if isinstance(value, dict):
        return {k: mask_value(v, masker) for k, v in value.items()}
    return value
