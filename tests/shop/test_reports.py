"""Reports add up: each one against a plain sum over the orders."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from promotions.models import VoucherUse
from shop import reports
from shop.demo.history import load_history
from shop.models import Order, OrderLine, OrderState, ProductVariant
from shop.reports import DateRange, jakarta_bounds
from tests.shop.test_demo_history import make_shop

pytestmark = pytest.mark.django_db

PAID = {OrderState.PAID, OrderState.SHIPPED, OrderState.COMPLETED}
TODAY = timezone.localdate()
RANGES = [
    DateRange(TODAY - timedelta(days=29), TODAY),
    DateRange(TODAY - timedelta(days=200), TODAY - timedelta(days=120)),
    DateRange(TODAY - timedelta(days=400), TODAY),
]


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """200 customers and 1.000 orders, made once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_shop()
        yield load_history(seed=11)
        transaction.set_rollback(True)


def local_day(moment):
    return timezone.localtime(moment).date()


def orders_in(date_range, states=PAID):
    return [
        order
        for order in Order.objects.all()
        if order.state in states
        and date_range.first <= local_day(order.created_at) <= date_range.last
    ]


def make_order(moment, state=OrderState.COMPLETED, subtotal=1_000_000, variant=None):
    """A paid order placed at ``moment`` with one line of ``subtotal``."""
    order = Order.objects.create(
        number=f"T-{moment:%y%m%d%H%M}-{subtotal}",
        checkout_token=f"t-{moment.timestamp()}-{subtotal}",
        state=state,
        full_name="Siti Aminah",
        email="siti@example.test",
        phone="+6281234567890",
        street="Jl. Merdeka 1",
        city="Palembang",
        province="Sumatera Selatan",
        courier="JNE",
        service="REG",
        price_per_kg=8_000,
        weight_grams=900,
        shipping_kg=1,
        subtotal=subtotal,
        shipping_cost=8_000,
        unique_code=123,
        total=subtotal + 8_000 + 123,
        payment_deadline=moment + timedelta(hours=24),
    )
    Order.objects.filter(pk=order.pk).update(created_at=moment)
    OrderLine.objects.create(
        order=order,
        variant=variant,
        product_title="Songket Uji",
        variant_label="Merah",
        sku="UJI-1",
        list_price=subtotal,
        unit_price=subtotal,
        quantity=1,
        weight_grams=900,
        line_total=subtotal,
    )
    return order


def test_a_day_runs_from_midnight_to_midnight_in_jakarta():
    start, end = jakarta_bounds(date(2026, 3, 10), date(2026, 3, 10))

    assert start == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


def test_an_open_end_stays_open():
    assert jakarta_bounds(None, None) == (None, None)
    assert jakarta_bounds(date(2026, 3, 10), None)[1] is None


def test_orders_either_side_of_jakarta_midnight_fall_on_their_own_days(db):
    late = make_order(datetime(2024, 3, 10, 16, 30, tzinfo=UTC), subtotal=100_000)
    early = make_order(datetime(2024, 3, 10, 17, 30, tzinfo=UTC), subtotal=200_000)

    rows = reports.get_sales_by_period(DateRange(date(2024, 3, 1), date(2024, 3, 31)))
    one_day = reports.get_sales_totals(DateRange(date(2024, 3, 10), date(2024, 3, 10)))

    assert [(row["period"], row["goods"]) for row in rows] == [
        (date(2024, 3, 10), 100_000),
        (date(2024, 3, 11), 200_000),
    ]
    assert one_day["goods"] == late.subtotal
    assert early.subtotal == 200_000


def test_removed_variants_are_their_own_category(db):
    make_order(datetime(2024, 3, 10, 5, 0, tzinfo=UTC), variant=None)

    rows = reports.get_sales_by_category(
        DateRange(date(2024, 3, 10), date(2024, 3, 10))
    )

    assert rows == [
        {"category": "(removed)", "quantity": 1, "orders": 1, "revenue": 1_000_000}
    ]


@pytest.mark.parametrize("date_range", RANGES)
@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_sales_by_period_add_up(history, date_range, period):
    orders = orders_in(date_range)

    rows = reports.get_sales_by_period(date_range, period)

    assert sum(row["orders"] for row in rows) == len(orders)
    assert sum(row["goods"] for row in rows) == sum(o.subtotal for o in orders)
    assert sum(row["discounts"] for row in rows) == sum(
        o.discount + o.shipping_discount + o.points_discount for o in orders
    )
    assert sum(row["shipping"] for row in rows) == sum(o.shipping_cost for o in orders)
    assert sum(row["net"] for row in rows) == sum(
        o.total - o.unique_code for o in orders
    )


@pytest.mark.parametrize("date_range", RANGES)
def test_each_day_holds_the_orders_placed_that_jakarta_day(history, date_range):
    expected = Counter(local_day(o.created_at) for o in orders_in(date_range))

    rows = reports.get_sales_by_period(date_range, "day")

    assert {row["period"]: row["orders"] for row in rows} == expected


@pytest.mark.parametrize("date_range", RANGES)
def test_net_is_goods_less_discounts_plus_shipping(history, date_range):
    totals = reports.get_sales_totals(date_range)

    assert totals["net"] == (totals["goods"] - totals["discounts"] + totals["shipping"])


@pytest.mark.parametrize("date_range", RANGES)
def test_sales_by_product_and_category_add_up(history, date_range):
    lines = [line for o in orders_in(date_range) for line in o.lines.all()]
    by_product = Counter()
    for line in lines:
        by_product[line.product_title] += line.line_total

    products = reports.get_sales_by_product(date_range)
    categories = reports.get_sales_by_category(date_range)

    assert {row["product"]: row["revenue"] for row in products} == dict(by_product)
    for rows in (products, categories):
        assert sum(row["revenue"] for row in rows) == sum(x.line_total for x in lines)
        assert sum(row["quantity"] for row in rows) == sum(x.quantity for x in lines)
    assert {row["category"] for row in categories} == {"Songket", "Batik"}


def test_a_removed_variant_moves_its_sales_to_removed(history):
    date_range = RANGES[2]
    before = reports.get_sales_by_category(date_range)
    ProductVariant.objects.filter(sku="BTK-1").delete()

    after = {row["category"]: row for row in reports.get_sales_by_category(date_range)}

    assert after["(removed)"]["revenue"] > 0
    assert sum(row["revenue"] for row in after.values()) == sum(
        row["revenue"] for row in before
    )


@pytest.mark.parametrize("date_range", RANGES)
def test_vouchers_add_up(history, date_range):
    everything = orders_in(date_range, states=set(OrderState.values))
    uses = VoucherUse.objects.filter(
        order__in=everything, returned_at=None
    ).select_related("order")
    paid = [use for use in uses if use.order.state in PAID]

    rows = reports.get_voucher_report(date_range)

    assert sum(row["uses"] for row in rows) == len(uses)
    assert sum(row["given"] for row in rows) == sum(
        u.discount + u.shipping_discount for u in uses
    )
    assert sum(row["paid_orders"] for row in rows) == len(paid)
    assert sum(row["revenue"] for row in rows) == sum(
        u.order.total - u.order.unique_code for u in paid
    )


def test_vouchers_were_used_in_the_year(history):
    assert reports.get_voucher_report(RANGES[2])


@pytest.mark.parametrize("date_range", RANGES)
def test_sales_add_up(history, date_range):
    lines = [
        line for o in orders_in(date_range) for line in o.lines.all() if line.sale_name
    ]

    rows = reports.get_sale_report(date_range)

    assert sum(row["revenue"] for row in rows) == sum(x.line_total for x in lines)
    assert sum(row["given"] for row in rows) == sum(
        (x.list_price - x.unit_price) * x.quantity for x in lines
    )


@pytest.mark.parametrize("date_range", RANGES)
def test_repeat_rate_counts_customers_with_two_paid_orders(history, date_range):
    per_customer = Counter(o.email.lower() for o in orders_in(date_range))
    repeat = sum(1 for n in per_customer.values() if n >= 2)

    result = reports.get_repeat_rate(date_range)

    assert result["customers"] == len(per_customer)
    assert result["repeat"] == repeat
    assert result["rate"] == round(100 * repeat / len(per_customer), 1)


@pytest.mark.parametrize("date_range", RANGES)
def test_customer_months_add_up(history, date_range):
    orders = orders_in(date_range)
    months = {(local_day(o.created_at).replace(day=1)) for o in orders}

    rows = reports.get_customer_months(date_range)

    assert sum(row["orders"] for row in rows) == len(orders)
    for row in rows:
        assert row["buyers"] == row["first_time"] + row["returning"]
    assert {row["month"] for row in rows if row["orders"]} == months


def test_first_time_buyers_are_counted_once_ever(history):
    rows = reports.get_customer_months(RANGES[2])
    customers = {o.email.lower() for o in orders_in(RANGES[2])}

    assert sum(row["first_time"] for row in rows) == len(customers)


def test_sign_ups_per_month_count_customers_not_staff(history):
    rows = reports.get_customer_months(RANGES[2])

    assert sum(row["signups"] for row in rows) == 200


def test_incoming_orders_are_open_or_unshipped_oldest_first(history):
    waiting = {
        OrderState.AWAITING_PAYMENT,
        OrderState.PAYMENT_SUBMITTED,
        OrderState.PAID,
    }
    expected = Order.objects.filter(state__in=waiting).order_by("created_at")

    rows = reports.get_incoming_orders(DateRange())

    assert [row["number"] for row in rows] == [o.number for o in expected]
    assert rows[0]["hours"] >= rows[-1]["hours"]


def test_daily_sales_have_every_day_of_the_range(history):
    days = reports.get_daily_sales(RANGES[0])

    assert [day for day, _row in days] == RANGES[0].days()
    assert sum(row["net"] for _day, row in days) == sum(
        o.total - o.unique_code for o in orders_in(RANGES[0])
    )
