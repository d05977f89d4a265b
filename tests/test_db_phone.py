import pytest

from subscriber_db.phone import InvalidPhoneError, mask_phone, mask_phones_in_text, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "010-1234-5678",
        "01012345678",
        "010 1234 5678",
        "+82 10-1234-5678",
        "+821012345678",
        "82-10-1234-5678",
        " 010.1234.5678 ",
        "(010) 1234-5678",
    ],
)
def test_accepted_forms_normalise_to_one(raw):
    assert normalize_phone(raw) == "01012345678"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "010-1234",
        "010-1234-567",
        "02-123-4567",
        "1234567890",
        "010-1234-56789",
        "abc",
        "010-12345-678a",
        "' OR 1=1 --",
    ],
)
def test_half_typed_or_wrong_numbers_are_refused(raw):
    with pytest.raises(InvalidPhoneError):
        normalize_phone(raw)


def test_refusal_message_does_not_echo_the_number():
    with pytest.raises(InvalidPhoneError) as err:
        normalize_phone("010-1234-567899")
    assert "1234" not in str(err.value)


def test_masking_keeps_only_the_last_four_digits():
    assert mask_phone("01012345678") == "010-****-5678"
    text = mask_phones_in_text("제 번호는 010-1234-5678이고 집은 +82 10 2222 3333, 그리고 01099998888")
    assert "1234" not in text and "2222" not in text and "9999" not in text
    assert text.count("010-****-") == 3
