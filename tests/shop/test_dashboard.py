"""The admin dashboard: what waits for the shop, what runs out, and sales."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from shop.charts import Bar, bar_chart, nice_step, short_rupiah
from shop.models import Order, OrderState, ShopSettings, StockLevel
from tests import factories
from tests.shop.test_reports import make_order

pytestmark = pytest.mark.django_db


def staff_in(group_name):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def orders(songket):
    """One order waiting for verification, one paid and waiting to ship."""
    now = timezone.now()
    submitted = make_order(
        now - timedelta(hours=5), OrderState.PAYMENT_SUBMITTED, subtotal=300_000
    )
    paid = make_order(now - timedelta(days=2), OrderState.PAID, subtotal=500_000)
    make_order(now - timedelta(days=3), OrderState.COMPLETED, subtotal=700_000)
    return submitted, paid


@pytest.fixture
def low_stock(songket, batik):
    """The songket sold out and the batik at two, with a threshold of 3."""
    StockLevel.objects.filter(variant__page=songket).update(quantity=0)
    StockLevel.objects.filter(variant__page=batik).update(quantity=2)
    return songket, batik


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_shop_manager_sees_orders_waiting_with_links(client, orders):
    submitted, paid = orders

    html = dashboard(client, staff_in("Shop managers"))

    assert "Payments to verify: 1" in html
    assert "Paid, to ship: 1" in html
    for order in (submitted, paid):
        assert reverse("orders:inspect", args=[order.pk]) in html
        assert order.number in html


def test_shop_manager_sees_low_stock_sold_out_first(client, low_stock):
    html = dashboard(client, staff_in("Shop managers"))

    assert "Low stock (3 or fewer)" in html
    assert html.index("SGK-LEP-1") < html.index("BTK-KB-1")
    assert "sold out" in html


def test_low_stock_follows_the_shop_setting(client, low_stock):
    settings = ShopSettings.current()
    settings.low_stock_threshold = 1
    settings.save()

    html = dashboard(client, staff_in("Shop managers"))

    assert "SGK-LEP-1" in html
    assert "BTK-KB-1" not in html


def test_chart_has_thirty_bars_with_titles(client, orders):
    html = dashboard(client, staff_in("Shop managers"))
    svg = re.search(r"<svg class=\"shop-chart\".*?</svg>", html, re.S).group(0)

    assert len(re.findall(r"<rect class=\"bar\"", svg)) == 30
    assert len(re.findall(r"<title>", svg)) == 30
    assert "Rp 708.000" in svg
    assert "Rp 508.000" in svg
    assert "Rp 308.000" not in svg
    assert "<script" not in html.split("shop-chart", 1)[1].split("</svg>", 1)[0]


def test_marketing_sees_the_chart_but_not_the_order_panels(client, orders):
    html = dashboard(client, staff_in("Marketing"))

    assert "shop-chart" in html
    assert "Payments to verify" not in html
    assert "Low stock" not in html


def test_editor_sees_no_shop_panels(client, orders, low_stock):
    html = dashboard(client, staff_in("Editors"))

    assert "Payments to verify" not in html
    assert "Low stock" not in html
    assert "shop-chart" not in html
    assert Order.objects.count() == 3


def test_reports_menu_and_pages_are_for_order_viewers(client, orders):
    client.force_login(staff_in("Marketing"))
    allowed = client.get(reverse("shop_reports:sales"))
    client.force_login(staff_in("Editors"))
    refused = client.get(reverse("shop_reports:sales"))

    assert allowed.status_code == 200
    assert refused.status_code == 302


def test_report_exports_download(client, orders):
    client.force_login(staff_in("Shop managers"))
    url = reverse("shop_reports:incoming")

    csv_file = client.get(url, {"export": "csv"})
    xlsx_file = client.get(url, {"export": "xlsx"})

    assert csv_file["Content-Type"].startswith("text/csv")
    assert orders[0].number in csv_file.content.decode("utf-8-sig")
    assert xlsx_file.content[:2] == b"PK"


def test_report_export_keeps_a_formula_name_as_text(client, orders):
    link = '=HYPERLINK("http://example.test","klik")'
    Order.objects.filter(pk=orders[0].pk).update(full_name=link)
    client.force_login(staff_in("Shop managers"))
    url = reverse("shop_reports:incoming")

    csv_text = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    xlsx = client.get(url, {"export": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == link]

    names = [row[5] for row in csv.reader(io.StringIO(csv_text))]
    assert "'" + link in names
    assert [cell.data_type for cell in cells] == ["s"]


def test_reversed_range_is_refused_with_a_message(client, orders):
    client.force_login(staff_in("Shop managers"))

    response = client.get(
        reverse("shop_reports:sales"), {"first": "2026-03-10", "last": "2026-03-01"}
    )

    assert "The first day comes after the last." in response.content.decode()


@pytest.mark.parametrize(
    "amount, text",
    [
        (0, "Rp 0"),
        (750_000, "Rp 750 rb"),
        (5_000_000, "Rp 5 jt"),
        (1_500_000, "Rp 1,5 jt"),
        (2_500_000, "Rp 2,5 jt"),
        (20_000_000, "Rp 20 jt"),
        (12_500_000, "Rp 12,5 jt"),
        (2_000_000_000, "Rp 2 M"),
    ],
)
def test_axis_labels_are_short_rupiah(amount, text):
    assert short_rupiah(amount) == text


@pytest.mark.parametrize(
    "top, step",
    [(1, 1), (4_000_000, 1_000_000), (10_354_000, 2_500_000), (48_000, 10_000)],
)
def test_axis_steps_are_round(top, step):
    assert nice_step(top) == step


def test_chart_escapes_its_text():
    svg = bar_chart([Bar(5, "<b>", "<script>")], "a & b")

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'aria-label="a &amp; b"' in svg


def test_yesterdays_unpaid_order_is_on_the_dashboard(client, orders):
    unpaid = make_order(timezone.now() - timedelta(days=1), OrderState.COMPLETED)
    # Open orders need unique codes of their own.
    Order.objects.filter(pk=unpaid.pk).update(
        state=OrderState.AWAITING_PAYMENT, unique_code=456
    )

    html = dashboard(client, staff_in("Shop managers"))

    assert "Waiting for a transfer: 1" in html
    assert unpaid.number in html
