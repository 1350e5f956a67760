"""Exports: formulas stay text, numbers stay numbers."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from shop.exports import Column, Table, write_csv, write_xlsx

LINK = '=HYPERLINK("http://example.test","klik")'
COLUMNS = [
    Column("name", "Customer"),
    Column("total", "Total", "money"),
    Column("day", "Day", "date"),
    Column("placed", "Placed", "datetime"),
    Column("rate", "Repeat rate (%)", "decimal"),
]
ROWS = [
    {
        "name": LINK,
        "total": 1_250_000,
        "day": date(2026, 3, 10),
        "placed": datetime(2026, 3, 9, 17, 30, tzinfo=UTC),
        "rate": 31.4,
    },
    {"name": "Siti Aminah", "total": 0, "day": None, "placed": None, "rate": 0},
]
DANGEROUS = ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx"]


def table(rows=ROWS):
    return Table("Pelanggan", COLUMNS, rows)


def read_csv(data):
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(data):
    return load_workbook(io.BytesIO(data)).active


def test_csv_shows_a_formula_name_as_text():
    rows = read_csv(write_csv(table()))

    assert rows[0] == ["Customer", "Total", "Day", "Placed", "Repeat rate (%)"]
    assert rows[1][0] == "'" + LINK


def test_csv_numbers_and_dates_stay_plain():
    rows = read_csv(write_csv(table()))

    assert rows[1][1:] == ["1250000", "2026-03-10", "2026-03-10 00:30", "31.4"]
    assert rows[2] == ["Siti Aminah", "0", "", "", "0"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_csv_quotes_every_formula_start(text):
    rows = read_csv(write_csv(table([{"name": text}])))

    assert rows[1][0] == "'" + text


def test_xlsx_keeps_a_formula_name_as_a_string_cell():
    sheet = read_xlsx(write_xlsx([table()]))
    cell = sheet["A2"]

    assert cell.data_type == "s"
    assert cell.value == LINK
    assert cell.quotePrefix


@pytest.mark.parametrize("text", DANGEROUS)
def test_xlsx_writes_no_formula_at_all(text):
    sheet = read_xlsx(write_xlsx([table([{"name": text, "total": 5}])]))

    assert sheet["A2"].data_type == "s"
    # XML reads a carriage return as a line feed.
    assert sheet["A2"].value == text.replace("\r", "\n")
    assert sheet["B2"].data_type == "n"


def test_xlsx_numbers_stay_numbers():
    sheet = read_xlsx(write_xlsx([table()]))

    assert sheet["B2"].value == 1_250_000
    assert sheet["B2"].data_type == "n"
    assert sheet["B2"].number_format == '"Rp "#,##0'
    assert sheet["C2"].value == datetime(2026, 3, 10)
    assert sheet["D2"].value == datetime(2026, 3, 10, 0, 30)
    assert sheet["E2"].value == 31.4


def test_xlsx_has_one_sheet_per_table_with_distinct_names():
    data = write_xlsx([table(), table(), Table("a/b" * 20, COLUMNS, [])])

    names = load_workbook(io.BytesIO(data)).sheetnames
    assert names[:2] == ["Pelanggan", "Pelanggan 2"]
    assert len(names[2]) <= 31 and "/" not in names[2]
