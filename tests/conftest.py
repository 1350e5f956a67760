"""Fixtures shared by every test: a site with a home page, a category, a
few products and a shipping rate, built in the database per test."""

import pytest
from django.core import mail

from tests import factories


@pytest.fixture(autouse=True)
def _clean_mail():
    mail.outbox = []


@pytest.fixture
def home(db):
    return factories.make_home()


@pytest.fixture
def category(home):
    return factories.make_category(home, "Songket", "songket")


@pytest.fixture
def songket(category):
    """A songket at Rp 1.750.000, 1.000 g, 5 in stock."""
    return factories.make_product(
        category, "Songket Lepus Bintang", [("SGK-LEP-1", 1_750_000, 1000, 5)]
    )


@pytest.fixture
def batik(category):
    """A batik at Rp 425.000, 300 g, 10 in stock."""
    return factories.make_product(
        category, "Batik Kembang Bintang", [("BTK-KB-1", 425_000, 300, 10)]
    )


@pytest.fixture
def medan(db):
    """JNE REG to Medan at Rp 18.000 per kilogram."""
    return factories.ShippingRateFactory(
        city="Medan", province="Sumatera Utara", price_per_kg=18_000
    )


@pytest.fixture
def customer(db):
    return factories.UserFactory()


@pytest.fixture
def staff(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)
