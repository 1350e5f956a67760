"""Checking out through the real views: prices, stock, mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from shop.models import Order, OrderState, StockLevel
from tests.factories import variant

pytestmark = pytest.mark.django_db


def add(client, page, quantity, index=0):
    return client.post(
        reverse("shop:cart_add"),
        {"variant": variant(page, index).pk, "quantity": quantity},
    )


def checkout_data(client, rate, **overrides):
    page = client.get(reverse("shop:checkout"))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode())[1]
    data = {
        "full_name": "Siti Aminah",
        "email": "siti@example.test",
        "phone": "0812-3456-7890",
        "street": "Jl. Sudirman No. 12",
        "postcode": "20111",
        "shipping_rate": rate.pk,
        "token": token,
    }
    data.update(overrides)
    return data


def test_worked_example_two_songket_one_batik_to_medan(client, songket, batik, medan):
    add(client, songket, 2)
    add(client, batik, 1)

    response = client.post(reverse("shop:checkout"), checkout_data(client, medan))

    order = Order.objects.get()
    assert response.status_code == 302
    assert order.subtotal == 3_925_000
    assert order.weight_grams == 2_300
    assert order.shipping_kg == 3
    assert order.shipping_cost == 54_000
    assert 1 <= order.unique_code <= 999
    assert order.total == 3_979_000 + order.unique_code
    assert order.phone == "+6281234567890"
    assert order.state == OrderState.AWAITING_PAYMENT


def test_order_page_shows_the_exact_total_and_bank_details(
    client, songket, batik, medan
):
    add(client, songket, 2)
    add(client, batik, 1)
    response = client.post(
        reverse("shop:checkout"), checkout_data(client, medan), follow=True
    )
    order = Order.objects.get()
    exact = f"Rp {order.total:,}".replace(",", ".")
    assert exact in response.content.decode()


def test_placing_takes_stock_and_mails_customer_and_shop_once(
    client, songket, medan, django_capture_on_commit_callbacks
):
    add(client, songket, 2)
    data = checkout_data(client, medan)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("shop:checkout"), data)
        client.post(reverse("shop:checkout"), data)

    assert StockLevel.objects.get(variant=variant(songket)).quantity == 3
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["siti@example.test", "toko@songket.test"]


def test_second_submit_of_same_checkout_returns_same_order(client, songket, medan):
    add(client, songket, 1)
    data = checkout_data(client, medan)
    first = client.post(reverse("shop:checkout"), data)
    add(client, songket, 1)

    second = client.post(reverse("shop:checkout"), data)

    assert Order.objects.count() == 1
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 4
