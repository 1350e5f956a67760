"""Edges of vouchers: spellings of one mailbox, deleted owners, budgets."""

import pytest
from django.urls import reverse

from promotions import points
from promotions.models import Voucher
from shop.models import Order
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spelling", ["s.i.t.i@example.test", "siti+kain@example.test"])
def test_first_order_code_is_refused_to_a_guest_writing_the_address_otherwise(
    client, songket, make_voucher, order_for, checkout, text, spelling
):
    make_voucher("PERTAMA", first_order_only=True)
    order_for(songket, email="siti@example.test")
    add(client, songket, 1)

    response = checkout(voucher_code="PERTAMA", email=spelling)

    assert "This code is for a first order only." in text(response)
    assert Order.objects.count() == 1


def test_customer_who_used_a_personal_voucher_can_delete_the_account(
    client, songket, customer, make_voucher, checkout
):
    make_voucher("SELAMAT-ABC234", owner=customer, max_uses=1)
    client.force_login(customer)
    add(client, songket, 1)
    checkout(voucher_code="SELAMAT-ABC234", email=customer.email)
    order = Order.objects.get()
    assert order.discount == 175_000

    customer.delete()

    order.refresh_from_db()
    assert order.user is None
    assert order.discount == 175_000
    client.logout()
    add(client, songket, 1)
    response = checkout(voucher_code="SELAMAT-ABC234", email="tamu@example.test")
    assert response.status_code == 200
    assert Order.objects.count() == 1


def test_free_shipping_voucher_gives_no_more_than_its_budget(
    client, product, make_voucher, checkout
):
    add(client, product(500_000, grams=2_500), 1)
    make_voucher(
        "GRATISONGKIR", kind=Voucher.Kind.FREE_SHIPPING, value=0, budget=20_000
    )

    checkout(voucher_code="GRATISONGKIR")

    order = Order.objects.get()
    assert order.shipping_cost == 54_000
    assert order.shipping_discount == 20_000


def test_account_page_shows_points_balance_and_history(
    client, customer, songket, checkout, deliver
):
    client.force_login(customer)
    add(client, songket, 1)
    checkout(email=customer.email)
    order = deliver(Order.objects.get())
    assert points.get_balance(customer) == 175

    page = client.get(reverse("customers:account")).content.decode()

    assert "175 points" in page
    assert page.count(order.number) >= 2
