"""Mask phone numbers and birth dates in text and in nested values (slots, entities)."""
import re
from typing import Any

from korean_nlu.entity_patterns import find_entities
from subscriber_db.phone import mask_text as mask_phones

_DIGIT = re.compile(r"\d")


def mask_text(text: str) -> str:
    """'010-1234-5678 900101' → '010-****-5678 ******'. Program dates stay readable."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    out, last = [], 0
    for e in find_entities(text):
        if e["entity"] not in ("phone", "birth_date"):
            continue
        out.append(text[last:e["start"]])
        piece = text[e["start"]:e["end"]]
        out.append(mask_phones(piece) if e["entity"] == "phone" else _DIGIT.sub("*", piece))
        last = e["end"]
    out.append(text[last:])
    return "".join(out)


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
