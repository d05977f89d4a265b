"""Korean mobile numbers: one canonical form for storage, a masked form for logs."""

import re

_SEPARATORS = re.compile(r"[\s\-.()]")
# 010 numbers always have 8 digits after the prefix; old 011/016-019 numbers may have 7.
_MOBILE = re.compile(r"010\d{8}|01[16789]\d{7,8}")
# Any run that could be a mobile number inside free text, separated or not.
PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?82[\s\-]?|0)1[016789][\s\-.]?\d{3,4}[\s\-.]?\d{4}(?!\d)")


class InvalidPhoneError(ValueError):
    pass


def normalize_phone(raw: str) -> str:
    """'010-1234-5678', '01012345678', '010 1234 5678', '+82 10-1234-5678' → '01012345678'."""
    digits = _SEPARATORS.sub("", raw or "")
    if digits.startswith("+82"):
        digits = "0" + digits[3:]
    elif digits.startswith("82") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        # The value is not echoed: error messages end up in logs.
        raise InvalidPhoneError(f"not a Korean mobile number ({len(digits)} characters after cleaning)")
    return digits


def mask_phone(phone: str) -> str:
    """'01012345678' → '010-****-5678': enough for a customer to recognise their line."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 8:
        return "*" * len(digits)
    return f"{digits[:3]}-****-{digits[-4:]}"


def mask_phones_in_text(text: str) -> str:
    """Mask every phone-number-like run in free text (phones only: privacy.masking.mask_text
    masks birth dates and names as well)."""
    return PHONE_IN_TEXT.sub(_mask_match, text)


def _mask_match(m) -> str:
    try:
        return mask_phone(normalize_phone(m.group(0)))
    except InvalidPhoneError:
        return mask_phone(m.group(0))
