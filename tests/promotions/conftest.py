"""Fixtures for the promotions tests: products at chosen prices, vouchers,
sales, a client that reads the shop in English, and checkout helpers."""

import html
import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promotions.models import Sale, Voucher
from shop import orders
from shop.checkout import Customer, new_checkout_token, place_order
from tests import factories
from tests.shop.test_checkout import checkout_data


@pytest.fixture
def client(client):
    """The test client, asking for English pages and mail."""
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def product(category):
    """Make a live product with one variant: ``product(price, grams=, stock=)``."""
    numbers = itertools.count(1)

    def make(price, *, grams=1000, stock=20, parent=None):
        n = next(numbers)
        return factories.make_product(
            parent or category, f"Songket Uji {n}", [(f"UJI-{n}", price, grams, stock)]
        )

    return make


@pytest.fixture
def other_category(home):
    return factories.make_category(home, "Batik", "batik")


@pytest.fixture
def make_voucher(db):
    """A 10% voucher unless told otherwise, one use per customer."""

    def make(code="HEMAT10", *, products=(), categories=(), **fields):
        fields.setdefault("kind", Voucher.Kind.PERCENT)
        fields.setdefault("value", 10)
        voucher = Voucher.objects.create(code=code, **fields)
        voucher.products.set(products)
        voucher.categories.set(categories)
        return voucher

    return make


@pytest.fixture
def make_sale(db):
    """A percentage sale running from yesterday to tomorrow unless told."""

    def make(value, *, products=(), categories=(), **fields):
        now = timezone.now()
        fields.setdefault("name", f"Diskon {value}%")
        fields.setdefault("kind", Sale.Kind.PERCENT)
        fields.setdefault("starts_at", now - timedelta(days=1))
        fields.setdefault("ends_at", now + timedelta(days=1))
        sale = Sale.objects.create(value=value, **fields)
        sale.products.set(products)
        sale.categories.set(categories)
        return sale

    return make


@pytest.fixture
def checkout(client, medan):
    """Post the checkout form of ``client``'s cart; returns the response."""

    def post(on=None, rate=None, **overrides):
        on = on or client
        data = checkout_data(on, rate or medan, **overrides)
        return on.post(reverse("shop:checkout"), data)

    return post


@pytest.fixture
def order_for(medan):
    """Place an order straight through the service, as setup for a test."""

    def place(page, *, email="tamu@example.test", user=None, code="", points=0):
        return place_order(
            items={factories.variant(page).pk: 1},
            customer=Customer(
                full_name="Pembeli Lain",
                email=email,
                phone="+6281200000000",
                street="Jl. Merdeka 1",
                city=medan.city,
            ),
            rate_id=medan.pk,
            token=new_checkout_token(),
            user=user,
            voucher_code=code,
            points=points,
        )

    return place


@pytest.fixture
def deliver(staff):
    """Take a placed order through payment, shipping and completion."""

    def run(order):
        orders.verify_payment(order, actor=staff)
        orders.ship(order, actor=staff, courier="JNE", tracking_number="JNE123")
        return orders.complete(order, actor=staff)

    return run


@pytest.fixture
def text():
    """What a page says, with HTML entities read as the browser shows them."""
    return lambda response: html.unescape(response.content.decode())
