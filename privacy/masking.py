"""Mask phone numbers, birth dates and names in text and in nested values (slots, entities).

The spans come from the one parser, ``privacy.identity``: what the bot reads, it masks.
"""

import re
from typing import Any

from privacy.identity import Span, personal_spans
from subscriber_db.phone import mask_phone
from wording_ko.agent_card import CARD_NAME

_DIGIT = re.compile(r"\d")


def _masked(piece: str, span: Span) -> str:
    kind = span.kind
    if kind == "phone":
        return mask_phone(span.value or piece)
    if kind == "name":
        return "*" * len(piece)
    return _DIGIT.sub("*", piece)  # birth date, registration number: every digit


def mask_text(text: str, strict: bool = False) -> str:
    """'010-1234-5678 900101' → '010-****-5678 ******', '김하늘 1988-04-12' → '*** ****-**-**'.

    Program dates stay readable ('2025년 11월 3일 해지'); ``strict`` (logs) masks every date
    that could be somebody's birth date as well.
    """
    if not text or not any(ch.isdigit() for ch in text):
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
    """For answers to "생년월일을 알려 주세요": any digits there are personal."""
    return _DIGIT.sub("*", text) if text else text


def mask_value(value: Any, masker=mask_text) -> Any:
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, list):
        return [mask_value(v, masker) for v in value]
    if isinstance(value, dict):
        return {k: mask_value(v, masker) for k, v in value.items()}
    return value
