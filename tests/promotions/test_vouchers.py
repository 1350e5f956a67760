"""Vouchers through the real cart and checkout: amounts, refusals, give-back."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from promotions.models import Voucher, VoucherUse
from shop import orders
from shop.models import Order, StockLevel
from tests.factories import UserFactory, variant
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db


def test_ten_percent_of_99_999_is_10_000_rounded_half_up_once(
    client, product, make_voucher, checkout, text
):
    add(client, product(99_999), 1)
    make_voucher("HEMAT10", value=10)

    response = checkout(voucher_code="HEMAT10")

    order = Order.objects.get()
    assert order.discount == 10_000
    assert order.total == 99_999 - 10_000 + 18_000 + order.unique_code
    page = client.get(response["Location"])
    assert "-Rp 10.000" in text(page)


def test_fifty_percent_capped_at_100_000_gives_100_000(
    client, product, make_voucher, checkout
):
    add(client, product(1_500_000), 1)
    make_voucher("SETENGAH", value=50, max_discount=100_000)

    checkout(voucher_code="SETENGAH")

    order = Order.objects.get()
    assert order.discount == 100_000
    assert order.total == 1_500_000 - 100_000 + 18_000 + order.unique_code


def test_fixed_voucher_above_the_covered_subtotal_takes_only_that_subtotal(
    client, product, make_voucher, checkout
):
    add(client, product(150_000), 1)
    make_voucher("POTONG200", kind=Voucher.Kind.FIXED, value=200_000)

    checkout(voucher_code="POTONG200")

    order = Order.objects.get()
    assert order.discount == 150_000
    assert order.total == order.shipping_cost + order.unique_code
    assert order.total > 0


def test_free_shipping_voucher_zeroes_shipping_and_nothing_else(
    client, product, make_voucher, checkout
):
    add(client, product(500_000, grams=2_500), 1)
    make_voucher("GRATISONGKIR", kind=Voucher.Kind.FREE_SHIPPING, value=0)

    checkout(voucher_code="GRATISONGKIR")

    order = Order.objects.get()
    assert order.shipping_cost == 54_000
    assert order.discount == 0
    assert order.shipping_discount == order.shipping_cost
    assert order.total == 500_000 + order.unique_code


@pytest.mark.parametrize(
    ("entered", "where"),
    [
        ("selamat-abc", "checkout"),
        ("  Selamat-Abc ", "checkout"),
        ("selamat-abc", "cart"),
    ],
)
def test_voucher_code_is_case_insensitive(
    client, songket, make_voucher, checkout, text, entered, where
):
    make_voucher("SELAMAT-ABC", value=10)
    add(client, songket, 1)
    if where == "cart":
        client.post(reverse("shop:cart_voucher"), {"code": entered})
        cart = client.get(reverse("shop:cart"))
        assert "-Rp 175.000" in text(cart)
        form = text(client.get(reverse("shop:checkout")))
        carried = re.search(r'name="voucher_code" value="([^"]*)"', form)[1]
        response = checkout(voucher_code=carried)
    else:
        response = checkout(voucher_code=entered)

    assert response.status_code == 302
    order = Order.objects.get()
    assert order.voucher_code == "SELAMAT-ABC"
    assert order.discount == 175_000


# Each refusal: prepare the shop, return the code entered and checkout fields.


def _unknown(s):
    return "TIDAKADA", {}


def _not_started(s):
    s.voucher(starts_at=timezone.now() + timedelta(hours=1))
    return "hemat10", {}


def _expired(s):
    s.voucher(ends_at=timezone.now() - timedelta(seconds=1))
    return "hemat10", {}


def _used_up(s):
    s.voucher(max_uses=1)
    s.order_for(s.songket, email="orang.lain@example.test", code="HEMAT10")
    return "hemat10", {}


def _used_by_same_guest(s):
    s.voucher()
    s.order_for(s.songket, email="siti@example.test", code="HEMAT10")
    return "hemat10", {"email": "siti@example.test"}


def _used_by_guest_as_other_spelling(s):
    s.voucher()
    s.order_for(s.songket, email="siti@example.test", code="HEMAT10")
    return "hemat10", {"email": "S.I.T.I+promo@Example.test"}


def _used_by_account_before_changing_email(s):
    s.voucher()
    s.order_for(s.songket, email=s.customer.email, user=s.customer, code="HEMAT10")
    s.customer.email = "alamat.baru@example.test"
    s.customer.save()
    s.client.force_login(s.customer)
    return "hemat10", {"email": "alamat.baru@example.test"}


def _used_as_guest_then_signed_in(s):
    s.voucher()
    s.order_for(s.songket, email=s.customer.email, code="HEMAT10")
    s.client.force_login(s.customer)
    return "hemat10", {"email": s.customer.email}


def _minimum_not_reached(s):
    s.voucher(min_subtotal=2_000_000)
    return "hemat10", {}


def _nothing_covered(s):
    s.voucher(categories=[s.other_category])
    return "hemat10", {}


def _personal_code_of_another(s):
    s.voucher(owner=UserFactory())
    s.client.force_login(s.customer)
    return "hemat10", {"email": s.customer.email}


def _personal_code_as_guest(s):
    s.voucher(owner=s.customer)
    return "hemat10", {"email": s.customer.email}


def _first_order_only_after_ordering(s):
    s.voucher(first_order_only=True)
    s.order_for(s.songket, email=s.customer.email, user=s.customer)
    s.client.force_login(s.customer)
    return "hemat10", {"email": s.customer.email}


REFUSALS = [
    pytest.param(_unknown, "We don't know the code “TIDAKADA”.", id="unknown"),
    pytest.param(_not_started, "This code is not valid yet.", id="not-started"),
    pytest.param(_expired, "This code has expired.", id="expired"),
    pytest.param(_used_up, "This code has been used up.", id="used-up"),
    pytest.param(
        _used_by_same_guest, "You have already used this code.", id="guest-again"
    ),
    pytest.param(
        _used_by_guest_as_other_spelling,
        "You have already used this code.",
        id="guest-other-spelling",
    ),
    pytest.param(
        _used_by_account_before_changing_email,
        "You have already used this code.",
        id="account-changed-email",
    ),
    pytest.param(
        _used_as_guest_then_signed_in,
        "You have already used this code.",
        id="guest-then-account",
    ),
    pytest.param(
        _minimum_not_reached,
        "This code needs an order of at least Rp 2.000.000.",
        id="minimum",
    ),
    pytest.param(
        _nothing_covered,
        "Nothing in your cart is covered by this code.",
        id="nothing-covered",
    ),
    pytest.param(
        _personal_code_of_another,
        "This code is personal: sign in to the account it was given to.",
        id="someone-elses",
    ),
    pytest.param(
        _personal_code_as_guest,
        "This code is personal: sign in to the account it was given to.",
        id="personal-as-guest",
    ),
    pytest.param(
        _first_order_only_after_ordering,
        "This code is for a first order only.",
        id="not-first-order",
    ),
]


class Shop:
    """What a refusal scenario may set up."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def voucher(self, **fields):
        return self.make_voucher("HEMAT10", **fields)


@pytest.fixture
def shop(client, customer, songket, other_category, make_voucher, order_for):
    return Shop(
        client=client,
        customer=customer,
        songket=songket,
        other_category=other_category,
        make_voucher=make_voucher,
        order_for=order_for,
    )


@pytest.mark.parametrize(("prepare", "message"), REFUSALS)
def test_refused_voucher_at_checkout_says_why_and_places_nothing(
    shop, checkout, text, prepare, message
):
    code, fields = prepare(shop)
    add(shop.client, shop.songket, 1)
    orders_before = Order.objects.count()
    uses_before = VoucherUse.objects.count()
    stock_before = StockLevel.objects.get(variant=variant(shop.songket)).quantity
    mail.outbox = []

    response = checkout(voucher_code=code, **fields)

    assert response.status_code == 200
    assert message in text(response)
    assert Order.objects.count() == orders_before
    assert VoucherUse.objects.count() == uses_before
    assert StockLevel.objects.get(variant=variant(shop.songket)).quantity == (
        stock_before
    )
    assert mail.outbox == []


CART_REFUSALS = [
    p
    for p in REFUSALS
    if p.id
    in {
        "unknown",
        "not-started",
        "expired",
        "used-up",
        "minimum",
        "nothing-covered",
        "someone-elses",
        "personal-as-guest",
        "not-first-order",
        "account-changed-email",
    }
]


@pytest.mark.parametrize(("prepare", "message"), CART_REFUSALS)
def test_refused_voucher_in_cart_says_why_and_takes_nothing_off(
    shop, text, prepare, message
):
    code, _fields = prepare(shop)
    add(shop.client, shop.songket, 1)

    response = shop.client.post(
        reverse("shop:cart_voucher"), {"code": code}, follow=True
    )

    page = text(response)
    assert message in page
    assert "Rp 1.750.000" in page
    assert response.context["quote"].discount == 0
    assert "After discount" not in page


@pytest.mark.parametrize("ending", ["cancelled", "expired"])
def test_voucher_use_is_given_back_when_the_order_ends(
    client, songket, make_voucher, checkout, staff, ending
):
    voucher = make_voucher("SEKALI", value=10, max_uses=1)
    add(client, songket, 1)
    checkout(voucher_code="sekali")
    first = Order.objects.get()
    assert first.discount == 175_000

    if ending == "cancelled":
        orders.cancel(first, actor=staff, reason="Pembeli membatalkan")
    else:
        orders.expire_orders(now=first.payment_deadline + timedelta(seconds=1))
    add(client, songket, 1)
    response = checkout(voucher_code="sekali")

    assert response.status_code == 302
    second = Order.objects.exclude(pk=first.pk).get()
    assert second.discount == 175_000
    assert VoucherUse.objects.filter(voucher=voucher, returned_at=None).count() == 1


def test_voucher_stops_once_its_budget_is_given(
    client, songket, make_voucher, checkout, order_for, text
):
    make_voucher("ANGGARAN", value=10, budget=200_000)
    first = order_for(songket, email="satu@example.test", code="ANGGARAN")
    second = order_for(songket, email="dua@example.test", code="ANGGARAN")
    add(client, songket, 1)

    response = checkout(voucher_code="anggaran", email="tiga@example.test")

    assert (first.discount, second.discount) == (175_000, 25_000)
    assert "This code has been used up." in text(response)
    assert Order.objects.count() == 2


def test_voucher_covering_a_category_takes_off_only_its_lines(
    client, product, other_category, make_voucher, checkout
):
    batik = product(400_000, parent=other_category)
    add(client, product(1_000_000), 1)
    add(client, batik, 1)
    make_voucher("BATIK10", value=10, categories=[other_category])

    checkout(voucher_code="BATIK10")

    assert Order.objects.get().discount == 40_000
