"""Tables written as CSV or XLSX files for Excel and LibreOffice.

Text that a spreadsheet would read as a formula (it begins with ``=``,
``+``, ``-`` or ``@``, or a tab or carriage return) stays text: in CSV it
gets a leading apostrophe, in XLSX it is written as a string cell marked
with a quote prefix. Numbers stay numbers, rupiah as whole integers.
"""

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

logger = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "money": '"Rp "#,##0',
    "int": "0",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "decimal": "0.0",
}
SHEET_TITLE_LENGTH = 31  # Excel refuses longer sheet names.


@dataclass
class Column:
    """A column of a table: the row key, its heading and what it holds
    (text, money, int, decimal, date or datetime)."""

    key: str
    label: str
    kind: str = "text"


@dataclass
class Table:
    """Rows (dicts) under columns, with a title for its sheet."""

    title: str
    columns: list
    rows: list


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain(value):
    """A value as a spreadsheet cell holds it; moments in local time."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return str(value)


def csv_value(value):
    value = plain(value)
    if is_formula_like(value):
        return "'" + value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def write_csv(table):
    """The table as CSV bytes: UTF-8 with a byte order mark for Excel."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_value(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_value(row.get(c.key)) for c in table.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_title(title, taken):
    """A sheet name Excel accepts, unique within the workbook."""
    name = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")
    name = name[:SHEET_TITLE_LENGTH] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f" {n}"
        name = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        n += 1
    return name


def set_cell(cell, value, kind):
    """Put a value in a cell; text is always a string cell, never a formula."""
    value = plain(value)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
        return
    cell.value = value
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]


def add_sheet(workbook, table, taken):
    """A sheet with a bold heading row and one row per table row."""
    sheet = workbook.create_sheet(sheet_title(table.title, taken))
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=col)
        set_cell(cell, column.label, "text")
        cell.font = Font(bold=True)
        width = max(12, len(str(column.label)) + 2)
        sheet.column_dimensions[cell.column_letter].width = width
    for number, row in enumerate(table.rows, start=2):
        for col, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=number, column=col)
            set_cell(cell, row.get(column.key), column.kind)
    sheet.freeze_panes = "A2"
    return sheet.title


def write_xlsx(tables):
    """The tables as an XLSX workbook, one sheet each, in bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken = set()
    for table in tables:
        taken.add(add_sheet(workbook, table, taken))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
