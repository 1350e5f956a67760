"""Indonesian phone numbers in their common forms become +62..."""

import pytest
from django.core.exceptions import ValidationError

from shop.phone import normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 (0)812 3456 7890", "+6281234567890"),
        ("(0711) 352 123", "+62711352123"),
        ("0711-352123", "+62711352123"),
        ("  0812 3456 7890  ", "+6281234567890"),
    ],
)
def test_common_forms_of_an_indonesian_number_become_plus_62(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "abc",
        "0812",
        "+1 202 555 0100",
        "+44 20 7946 0958",
        "0812-3456-7890-1234",
        "0000000000",
        "08123456789a",
        "０８１２３４５６７８９０",  # full-width digits
    ],
)
def test_what_is_no_indonesian_number_is_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)

    assert refused.value.code == "invalid_phone"
    assert "0812 3456 7890" in refused.value.messages[0]


@pytest.mark.parametrize(
    "typed",
    [
        "0812٣٤٥٦٧٨٩٠",  # Arabic-Indic digits after an ASCII prefix
        "+62 812 ३४५६ ७८९०",  # Devanagari digits
    ],
)
def test_number_with_non_ascii_digits_is_not_stored_as_typed(typed):
    try:
        stored = normalise_phone(typed)
    except ValidationError:
        return
    assert stored.isascii()
