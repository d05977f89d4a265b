"""Reading a phone number and a birth date out of what the customer typed."""
import re
from datetime import date
from typing import Optional

from subscriber_db.phone import PHONE_IN_TEXT, InvalidPhoneError, normalize_phone

_FULL = re.compile(r"(?<!\d)(19\d{2}|20\d{2})\s*(?:[./-]|년)\s*(\d{1,2})\s*(?:[./-]|월)\s*(\d{1,2})\s*일?(?!\d)")
_COMPACT8 = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(\d{2})(\d{2})(?!\d)")
_YYMMDD = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
_SHORT_YEAR = re.compile(r"(?<!\d)(\d{2})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")


def find_phone(text: str) -> Optional[str]:
    for m in PHONE_IN_TEXT.finditer(text or ""):
        try:
            return normalize_phone(m.group(0))
        except InvalidPhoneError:
            continue
    return None


def _century(yy: int, today: date) -> int:
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def find_birth_date(text: str, today: date) -> Optional[date]:
    """6 digits YYMMDD, YYYY-MM-DD (./- or 년월일), YYYYMMDD, 'YY년 M월 D일'. None if absent or impossible."""
    text = PHONE_IN_TEXT.sub(" ", text or "")  # digits of a phone number are not a birth date
    for pattern, build in (
        (_FULL, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (_COMPACT8, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (_SHORT_YEAR, lambda m: (_century(int(m[1]), today), int(m[2]), int(m[3]))),
        (_YYMMDD, lambda m: (_century(int(m[1]), today), int(m[2]), int(m[3]))),
    ):
        for m in pattern.finditer(text):
            try:
                born = date(*build(m))
            except ValueError:
                continue
            if date(1900, 1, 1) <= born <= today:
                return born
    return None
