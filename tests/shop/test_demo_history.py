"""The demo history: customers and a year of orders in every state."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from customers.models import User
from promotions.models import VoucherUse
from shop.demo.history import load_history
from shop.models import Order, OrderLine, OrderState, StockLevel
from shop.models.orders import OPEN_STATES
from tests import factories

pytestmark = pytest.mark.django_db


def make_shop():
    """Two categories with a few products each, and two shipping rates."""
    home = factories.make_home()
    songket = factories.make_category(home, "Songket", "songket")
    batik = factories.make_category(home, "Batik", "batik")
    factories.make_product(songket, "Songket Lepus", [("SGK-1", 2_500_000, 1000, 3)])
    factories.make_product(
        songket,
        "Songket Tabur",
        [("SGK-2", 1_750_000, 900, 5), ("SGK-3", 1_800_000, 900, 0)],
    )
    factories.make_product(batik, "Batik Ampera", [("BTK-1", 350_000, 300, 9)])
    factories.make_product(batik, "Batik Teratai", [("BTK-2", 425_000, 300, 4)])
    factories.ShippingRateFactory(city="Medan", price_per_kg=18_000)
    factories.ShippingRateFactory(city="Jakarta Pusat", price_per_kg=13_000)
    return home


@pytest.fixture(scope="module")
def full_history(django_db_setup, django_db_blocker):
    """The full history made once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_shop()
        started = time.monotonic()
        made = load_history(seed=7)
        yield made, time.monotonic() - started
        transaction.set_rollback(True)


def test_makes_200_customers_and_1000_orders_quickly(full_history):
    made, seconds = full_history

    assert made.orders == Order.objects.count() == 1000
    assert User.objects.filter(email__endswith="@contoh.id").count() == 200
    assert User.objects.get(email="pelanggan001@contoh.id").full_name
    assert seconds < 20


def test_orders_come_in_every_state(full_history):
    states = set(Order.objects.values_list("state", flat=True))

    assert states == set(OrderState.values)


def test_some_customers_joined_without_ordering(full_history):
    idle = User.objects.filter(email__startswith="pelanggan", orders=None)

    assert 10 <= idle.count() < 100


def test_totals_add_up(full_history):
    for order in Order.objects.all():
        assert order.total == (
            order.subtotal
            - order.discount
            + order.shipping_cost
            - order.shipping_discount
            - order.points_discount
            + order.unique_code
        ), order.number


def test_lines_add_up_to_the_subtotal(full_history):
    lines = {}
    for line in OrderLine.objects.all():
        assert line.line_total == line.unit_price * line.quantity
        lines[line.order_id] = lines.get(line.order_id, 0) + line.line_total

    for order in Order.objects.annotate(n=Count("lines")):
        assert 1 <= order.n <= 3
        assert lines[order.pk] == order.subtotal


def test_orders_spread_over_twelve_months(full_history):
    now = timezone.now()
    months = {
        timezone.localtime(moment).strftime("%Y-%m")
        for moment in Order.objects.values_list("created_at", flat=True)
    }

    assert Order.objects.filter(created_at__gt=now).count() == 0
    assert not Order.objects.filter(created_at__lt=now - timedelta(days=366))
    assert len(months) >= 12


def test_open_orders_are_few_with_distinct_codes(full_history):
    codes = list(
        Order.objects.filter(state__in=OPEN_STATES).values_list(
            "unique_code", flat=True
        )
    )

    assert 0 < len(codes) <= 60
    assert len(set(codes)) == len(codes)


def test_some_orders_used_vouchers_and_unpaid_ones_gave_them_back(full_history):
    with_voucher = Order.objects.exclude(voucher_code="")
    returned = VoucherUse.objects.exclude(returned_at=None)

    assert with_voucher.count() >= 30
    assert VoucherUse.objects.count() == with_voucher.count()
    assert set(returned.values_list("order__state", flat=True)) <= {
        OrderState.CANCELLED,
        OrderState.EXPIRED,
    }


def test_every_order_has_its_history(full_history):
    completed = Order.objects.filter(state=OrderState.COMPLETED).first()
    steps = list(completed.events.values_list("to_state", flat=True))

    assert steps == [
        "awaiting_payment",
        "payment_submitted",
        "paid",
        "shipped",
        "completed",
    ]
    assert completed.events.first().created_at == completed.created_at
    for order in Order.objects.prefetch_related("events"):
        assert list(order.events.all())[-1].to_state == order.state


def test_stock_is_untouched(full_history):
    stock = dict(StockLevel.objects.values_list("variant__sku", "quantity"))

    assert stock == {"SGK-1": 3, "SGK-2": 5, "SGK-3": 0, "BTK-1": 9, "BTK-2": 4}


def test_second_run_adds_nothing(full_history):
    counts = (User.objects.count(), Order.objects.count(), OrderLine.objects.count())

    again = load_history(seed=8)

    assert again.orders == 0
    assert (
        User.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
    ) == counts
