"""Timed sales: the unit price a customer sees on the product page, in the
cart, on the order and in its mail, at a frozen moment."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from promotions.models import Sale
from shop.models import Order, OrderLine
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 10, 14, 0, tzinfo=JAKARTA)


def sale_prices(response):
    """The sale prices a page shows, as written on it."""
    return re.findall(r'class="sale-price">([^<]+)<', response.content.decode())


def seen_prices(client, page):
    """Sale prices on the product page and in the cart holding it."""
    product_page = client.get(page.url)
    cart = client.get(reverse("shop:cart"))
    return sale_prices(product_page), sale_prices(cart)


@pytest.fixture
def kain(product):
    """A songket at Rp 1.000.000."""
    return product(1_000_000)


def test_sale_with_voucher_on_sale_lines_prices_every_view_alike(
    client, kain, make_sale, make_voucher, checkout, django_capture_on_commit_callbacks
):
    make_sale(20, products=[kain])
    make_voucher("HEMAT10", value=10, applies_to_sale_items=True)
    add(client, kain, 1)

    assert seen_prices(client, kain) == (["Rp 800.000"], ["Rp 800.000"])
    with django_capture_on_commit_callbacks(execute=True):
        checkout(voucher_code="HEMAT10")

    order = Order.objects.get()
    line = OrderLine.objects.get(order=order)
    assert (line.list_price, line.unit_price, line.line_total) == (
        1_000_000,
        800_000,
        800_000,
    )
    assert (order.subtotal, order.discount) == (800_000, 80_000)
    assert order.total == 800_000 - 80_000 + 18_000 + order.unique_code
    [to_customer] = [m for m in mail.outbox if m.to == ["siti@example.test"]]
    assert "Rp 800.000" in to_customer.body
    assert "-Rp 80.000" in to_customer.body
    assert "Rp 1.000.000" not in to_customer.body


def test_voucher_not_for_sale_lines_is_refused_at_checkout_with_its_reason(
    client, kain, make_sale, make_voucher, checkout, text
):
    make_sale(20, products=[kain])
    make_voucher("HEMAT10", value=10)
    add(client, kain, 1)

    response = checkout(voucher_code="HEMAT10")

    assert "This code does not apply to items already on sale." in text(response)
    assert not Order.objects.exists()


def test_voucher_not_for_sale_lines_takes_nothing_off_in_the_cart(
    client, kain, make_sale, make_voucher, text
):
    make_sale(20, products=[kain])
    make_voucher("HEMAT10", value=10)
    add(client, kain, 1)

    response = client.post(
        reverse("shop:cart_voucher"), {"code": "hemat10"}, follow=True
    )

    assert "This code does not apply to items already on sale." in text(response)
    assert response.context["quote"].discount == 0
    assert sale_prices(response) == ["Rp 800.000"]


def test_voucher_not_for_sale_lines_still_takes_off_the_lines_not_on_sale(
    client, kain, product, make_sale, make_voucher, checkout
):
    make_sale(20, products=[kain])
    make_voucher("HEMAT10", value=10)
    add(client, kain, 1)
    add(client, product(300_000), 1)

    checkout(voucher_code="HEMAT10")

    order = Order.objects.get()
    assert (order.subtotal, order.discount) == (1_100_000, 30_000)


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (NOW - timedelta(seconds=1), (["Rp 800.000"], ["Rp 800.000"])),
        (NOW, ([], [])),
        (NOW + timedelta(seconds=1), ([], [])),
    ],
    ids=["a-second-before-the-end", "at-the-end", "a-second-after-the-end"],
)
def test_sale_prices_nothing_once_it_has_ended(client, kain, make_sale, moment, shown):
    make_sale(20, products=[kain], starts_at=NOW - timedelta(days=7), ends_at=NOW)
    add(client, kain, 1)

    with time_machine.travel(moment, tick=False):
        seen = seen_prices(client, kain)
        cart = client.get(reverse("shop:cart"))

    assert seen == shown
    expected_total = 800_000 if shown[0] else 1_000_000
    assert cart.context["quote"].subtotal == expected_total


@pytest.mark.parametrize(
    ("moment", "subtotal"),
    [
        (datetime(2026, 12, 23, 23, 59, 59, tzinfo=JAKARTA), 1_000_000),
        (datetime(2026, 12, 24, 0, 0, 0, tzinfo=JAKARTA), 800_000),
    ],
    ids=["a-second-before-midnight", "at-midnight"],
)
def test_sale_starting_at_midnight_jakarta_prices_from_midnight_jakarta(
    client, kain, make_sale, moment, subtotal
):
    make_sale(
        20,
        products=[kain],
        starts_at=datetime(2026, 12, 24, tzinfo=JAKARTA),
        ends_at=datetime(2026, 12, 26, 23, 59, 59, tzinfo=JAKARTA),
    )
    add(client, kain, 1)

    with time_machine.travel(moment, tick=False):
        product_page, cart = seen_prices(client, kain)
        quote = client.get(reverse("shop:cart")).context["quote"]

    assert quote.subtotal == subtotal
    assert product_page == cart == ([] if subtotal == 1_000_000 else ["Rp 800.000"])


@pytest.mark.parametrize(
    ("sales", "price"),
    [
        ([(Sale.Kind.PERCENT, 10), (Sale.Kind.PERCENT, 25)], 750_000),
        ([(Sale.Kind.PERCENT, 25), (Sale.Kind.PERCENT, 10)], 750_000),
        ([(Sale.Kind.PERCENT, 20), (Sale.Kind.FIXED, 300_000)], 700_000),
        ([(Sale.Kind.FIXED, 100_000), (Sale.Kind.PERCENT, 15)], 850_000),
    ],
    ids=["10-and-25", "25-and-10", "20-and-rp-300k", "rp-100k-and-15"],
)
def test_variant_under_two_sales_gets_the_better_price_never_both(
    client, kain, make_sale, checkout, sales, price
):
    for kind, value in sales:
        make_sale(value, kind=kind, products=[kain])
    add(client, kain, 1)

    shown = seen_prices(client, kain)
    checkout()

    assert shown == ([f"Rp {price:,}".replace(",", ".")],) * 2
    assert OrderLine.objects.get().unit_price == price


@pytest.mark.parametrize(
    ("list_price", "percent", "price"),
    [
        (1_001, 50, 501),
        (1_999, 50, 1_000),
        (15, 10, 14),
        (333_333, 15, 283_333),
        (99_999, 25, 74_999),
    ],
)
def test_sale_price_is_rounded_half_up_to_the_whole_rupiah(
    client, product, make_sale, checkout, list_price, percent, price
):
    page = product(list_price)
    make_sale(percent, products=[page])
    add(client, page, 2)

    product_page, cart = seen_prices(client, page)
    checkout()

    written = f"Rp {price:,}".replace(",", ".")
    assert product_page == cart == [written]
    line = OrderLine.objects.get()
    assert (line.unit_price, line.line_total) == (price, 2 * price)


def test_sale_on_a_category_leaves_other_categories_at_list_price(
    client, kain, product, other_category, make_sale
):
    batik = product(400_000, parent=other_category)
    make_sale(20, categories=[other_category])

    assert sale_prices(client.get(kain.url)) == []
    assert sale_prices(client.get(batik.url)) == ["Rp 320.000"]
