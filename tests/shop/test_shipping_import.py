"""Importing shipping rates from CSV: in the admin and from the command line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from shop.models import ShippingRate
from shop.shipping_import import ShippingImportError, import_rates
from tests.factories import ShippingRateFactory

pytestmark = pytest.mark.django_db

HEADER = "city,province,courier,service,price_per_kg,days_min,days_max\n"
GOOD = (
    HEADER
    + "Medan,Sumatera Utara,JNE,REG,19000,2,3\n"
    + "Medan,Sumatera Utara,JNE,YES,32000,1,1\n"
    + "Jambi,Jambi,TIKI,ONS,25000,1,2\n"
)


@pytest.fixture
def medan(db):
    return ShippingRateFactory(
        city="Medan", province="Sumatera Utara", price_per_kg=18_000
    )


def test_good_file_creates_new_rates_and_updates_known_ones(medan):
    result = import_rates(GOOD.encode())

    medan.refresh_from_db()
    assert (result.created, result.updated) == (2, 1)
    assert medan.price_per_kg == 19_000
    assert ShippingRate.objects.count() == 3


def test_byte_order_mark_and_windows_line_ends_are_accepted(db):
    data = "\ufeff" + GOOD.replace("\n", "\r\n")

    result = import_rates(data.encode())

    assert result.created == 3


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (GOOD + "Palembang,Sumatera Selatan,JNE,REG,abc,1,2\n", 5, "price_per_kg"),
        (GOOD + "Palembang,Sumatera Selatan,JNE,REG,-5,1,2\n", 5, "price_per_kg"),
        (GOOD + "Palembang,,JNE,REG,9000,1,2\n", 5, "province"),
        (GOOD + "Palembang,Sumsel,JNE,REG,9000,3,1\n", 5, "days_min"),
        (GOOD + "Medan,Sumatera Utara,JNE,REG,1,1,1\n", 5, "line 2"),
        (GOOD + "Palembang,Sumsel,JNE,REG,9000,1\n", 5, "days_max"),
        (HEADER.replace(",days_max", "") + "Medan,Sumut,JNE,REG,1,1\n", 1, "days_max"),
    ],
    ids=["text-price", "negative", "empty", "days", "twice", "short", "header"],
)
def test_bad_line_imports_nothing_and_names_the_line(medan, data, line, words):
    with pytest.raises(ShippingImportError) as error:
        import_rates(data.encode())

    medan.refresh_from_db()
    assert f"Line {line}" in str(error.value) or f"line {line}" in str(error.value)
    assert words in str(error.value)
    assert medan.price_per_kg == 18_000
    assert ShippingRate.objects.count() == 1


def test_file_that_is_not_utf8_is_refused_naming_the_line(medan):
    data = (HEADER + "Medan,Sumatera Utara,JNE,REG,1,1,1\n").encode()
    data += "Pangkalpinang,Bangka Belitung,Pos,Kilat,1,1,1\n".encode("utf-16")

    with pytest.raises(ShippingImportError, match="Line 3"):
        import_rates(data)

    assert ShippingRate.objects.count() == 1


def test_admin_upload_reports_what_it_did(admin_client_staff, medan):
    upload = SimpleUploadedFile("rates.csv", GOOD.encode(), "text/csv")

    response = admin_client_staff.post(
        "/admin/shipping-rates/import/", {"file": upload}, follow=True
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("2 rates created, 1 updated" in m for m in messages)
    assert ShippingRate.objects.count() == 3


def test_admin_upload_of_a_bad_file_names_the_line(admin_client_staff, medan):
    data = GOOD + "Palembang,Sumsel,JNE,REG,murah,1,2\n"
    upload = SimpleUploadedFile("rates.csv", data.encode(), "text/csv")

    response = admin_client_staff.post(
        "/admin/shipping-rates/import/", {"file": upload}
    )

    assert response.status_code == 200
    assert "Line 5" in response.content.decode()
    assert ShippingRate.objects.count() == 1


def test_command_imports_a_file(tmp_path, medan, capsys):
    path = tmp_path / "rates.csv"
    path.write_text(GOOD, encoding="utf-8")

    call_command("import_shipping_rates", str(path))

    assert "2 rates created, 1 updated" in capsys.readouterr().out


def test_command_refuses_a_bad_file(tmp_path, medan):
    path = tmp_path / "rates.csv"
    path.write_text(GOOD + "Palembang,Sumsel,JNE,REG,x,1,2\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Line 5"):
        call_command("import_shipping_rates", str(path))


@pytest.fixture
def admin_client_staff(client, staff):
    client.force_login(staff)
    return client
