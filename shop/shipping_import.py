"""Importing shipping rates from a CSV file, all of it or none of it.

A rate is keyed by city, courier and service: a row with a known key
updates that rate, any other row creates one.
"""

import csv
import io
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import ShippingRate

logger = logging.getLogger(__name__)

COLUMNS = [
    "city",
    "province",
    "courier",
    "service",
    "price_per_kg",
    "days_min",
    "days_max",
]
TEXT_COLUMNS = COLUMNS[:4]
NUMBER_COLUMNS = COLUMNS[4:]
MAX_LENGTHS = {
    name: ShippingRate._meta.get_field(name).max_length for name in TEXT_COLUMNS
}


class ShippingImportError(Exception):
    """The file cannot be imported; the message names the line and why."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def decode(data):
    """The file's text, or ShippingImportError naming the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ShippingImportError(
            _("Line %(line)s: the file is not UTF-8 text. Save it as CSV UTF-8.")
            % {"line": line}
        ) from error


def read_rates(data):
    """Check every row of a CSV file and return them as dicts."""
    reader = csv.DictReader(io.StringIO(decode(data), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ShippingImportError(
            _("Line 1: the header lacks the column(s) %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    rows, seen = [], {}
    for row in reader:
        rate = read_row(row, reader.line_num)
        key = (rate["city"], rate["courier"], rate["service"])
        if key in seen:
            raise ShippingImportError(
                _("Line %(line)s repeats the rate on line %(first)s.")
                % {"line": reader.line_num, "first": seen[key]}
            )
        seen[key] = reader.line_num
        rows.append(rate)
    return rows


def read_row(row, line):
    """One row's values, checked; ShippingImportError names the line."""
    if None in row:
        raise ShippingImportError(
            _("Line %(line)s has more values than the header.") % {"line": line}
        )
    rate = {}
    for name in TEXT_COLUMNS:
        rate[name] = read_text(row, name, line)
    for name in NUMBER_COLUMNS:
        rate[name] = read_number(row, name, line)
    if rate["days_min"] > rate["days_max"]:
        raise ShippingImportError(
            _("Line %(line)s: days_min is more than days_max.") % {"line": line}
        )
    return rate


def read_text(row, name, line):
    value = (row.get(name) or "").strip()
    if not value:
        raise ShippingImportError(
            _("Line %(line)s: %(column)s is empty.") % {"line": line, "column": name}
        )
    if len(value) > MAX_LENGTHS[name]:
        raise ShippingImportError(
            _("Line %(line)s: %(column)s is longer than %(max)s characters.")
            % {"line": line, "column": name, "max": MAX_LENGTHS[name]}
        )
    return value


def read_number(row, name, line):
    value = (row.get(name) or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        raise ShippingImportError(
            _('Line %(line)s: %(column)s "%(value)s" is not a whole number.')
            % {"line": line, "column": name, "value": value[:20]}
        )
    number = int(value)
    if name != "price_per_kg" and number > 365:
        raise ShippingImportError(
            _("Line %(line)s: %(column)s is more than 365 days.")
            % {"line": line, "column": name}
        )
    return number


@transaction.atomic
def import_rates(data):
    """Create or update the rates in CSV ``data`` (bytes); all or nothing."""
    result = ImportResult()
    for rate in read_rates(data):
        _rate, created = ShippingRate.objects.update_or_create(
            city=rate["city"],
            courier=rate["courier"],
            service=rate["service"],
            defaults={
                "province": rate["province"],
                "price_per_kg": rate["price_per_kg"],
                "days_min": rate["days_min"],
                "days_max": rate["days_max"],
            },
        )
        if created:
            result.created += 1
        else:
            result.updated += 1
    logger.info(
        "Shipping rates imported: %s created, %s updated",
        result.created,
        result.updated,
    )
    return result
