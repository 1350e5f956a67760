"""Indonesian phone numbers in every common form, normalised to +62."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]")


def normalise_phone(value):
    """Return ``+62...`` for an Indonesian number, or raise ValidationError.

    Accepts 0812-3456-7890, 62812..., +62 812..., (0711) 123456 and the like.
    """
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+62"):
        national = digits[3:]
    elif digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = ""
    if national.startswith("0"):
        national = national[1:]
    if not re.fullmatch(r"[1-9][0-9]{7,11}", national):
        raise ValidationError(
            _("Enter an Indonesian phone number, such as 0812 3456 7890."),
            code="invalid_phone",
        )
    return f"+62{national}"
