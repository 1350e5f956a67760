"""Loyalty points: earned once by a completed order, spent at checkout within
the cap, given back when an order ends, and expired batch by batch."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from promotions import points
from promotions.models import PointsEntry
from shop import orders
from shop.models import Order
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def signed_in(client, customer):
    customer.language = "en"
    customer.save()
    client.force_login(customer)
    return customer


@pytest.fixture
def give(staff):
    """Credit a customer's points as Marketing would."""

    def credit(user, amount):
        return points.adjust(user, amount, actor=staff, note="Hadiah pelanggan setia")

    return credit


@pytest.fixture
def buy(client, songket, checkout, signed_in):
    """The signed-in customer checks out one songket (Rp 1.750.000).

    Signs in again first: a session lasts 30 days, and tests move the clock.
    """

    def run(**fields):
        client.force_login(signed_in)
        add(client, songket, 1)
        response = checkout(email=signed_in.email, **fields)
        assert response.status_code == 302, response.context["form"].errors
        return Order.objects.latest("pk")

    return run


@pytest.mark.parametrize(
    ("voucher", "spent", "earned"),
    [
        (False, 0, 175),
        (True, 0, 157),
        (False, 1_000, 165),
        (True, 1_000, 147),
    ],
    ids=["plain", "with-voucher", "with-points", "with-voucher-and-points"],
)
def test_completed_order_earns_a_point_per_10_000_paid_for_goods(
    signed_in,
    buy,
    give,
    deliver,
    make_voucher,
    django_capture_on_commit_callbacks,
    voucher,
    spent,
    earned,
):
    if voucher:
        make_voucher("HEMAT10", value=10)
    if spent:
        give(signed_in, spent)
    order = buy(voucher_code="HEMAT10" if voucher else "", points=spent or "")

    with django_capture_on_commit_callbacks(execute=True):
        deliver(order)

    assert points.get_balance(signed_in) == earned
    subjects = [m.subject for m in mail.outbox if m.to == [signed_in.email]]
    assert f"You earned {earned} points" in subjects


def test_points_are_earned_only_when_the_order_completes(signed_in, buy, staff):
    order = buy()

    orders.verify_payment(order, actor=staff)
    orders.ship(order, actor=staff, courier="JNE", tracking_number="JNE123")

    assert points.get_balance(signed_in) == 0


@pytest.mark.parametrize("again", ["complete", "earn"])
def test_completed_order_earns_its_points_once(signed_in, buy, deliver, staff, again):
    order = buy()
    deliver(order)

    if again == "complete":
        with pytest.raises(orders.TransitionNotAllowed):
            orders.complete(order, actor=staff)
    else:
        points.earn(Order.objects.get(pk=order.pk))

    assert points.get_balance(signed_in) == 175
    assert PointsEntry.objects.filter(kind="earn").count() == 1


def test_guest_order_earns_no_points(client, songket, checkout, deliver, customer):
    add(client, songket, 1)
    checkout(email=customer.email)

    deliver(Order.objects.get())

    assert not PointsEntry.objects.exists()


@pytest.mark.parametrize(
    ("voucher", "balance", "asked", "used"),
    [
        (False, 10_000, 100, 100),
        (False, 10_000, 8_750, 8_750),
        (False, 10_000, 10_000, 8_750),
        (True, 10_000, 10_000, 7_875),
    ],
    ids=["some", "exactly-half", "capped-at-half", "capped-after-voucher"],
)
def test_points_pay_rp_100_each_up_to_half_the_goods_after_discount(
    signed_in, buy, give, make_voucher, voucher, balance, asked, used
):
    give(signed_in, balance)
    if voucher:
        make_voucher("HEMAT10", value=10)

    order = buy(points=asked, voucher_code="HEMAT10" if voucher else "")

    goods = 1_750_000 - order.discount
    assert (order.points_used, order.points_discount) == (used, used * 100)
    assert order.points_discount <= goods // 2
    assert order.total == goods - used * 100 + 18_000 + order.unique_code
    assert points.get_balance(signed_in) == balance - used


def test_spending_more_points_than_the_balance_is_refused_and_changes_nothing(
    client, signed_in, songket, checkout, give
):
    give(signed_in, 100)
    add(client, songket, 1)

    response = checkout(email=signed_in.email, points=500)

    assert response.context["form"].errors["points"] == ["You have 100 points."]
    assert not Order.objects.exists()
    assert points.get_balance(signed_in) == 100


@pytest.mark.parametrize("ending", ["cancelled", "expired"])
def test_order_that_ends_gives_back_its_spent_points(
    signed_in, buy, give, staff, ending
):
    give(signed_in, 1_000)
    order = buy(points=1_000)
    assert points.get_balance(signed_in) == 0

    if ending == "cancelled":
        orders.cancel(order, actor=staff, reason="Stok rusak")
    else:
        orders.expire_orders(now=order.payment_deadline + timedelta(seconds=1))

    assert points.get_balance(signed_in) == 1_000


def test_cancelling_twice_gives_points_back_once(signed_in, buy, give, staff):
    give(signed_in, 1_000)
    order = buy(points=1_000)
    orders.cancel(order, actor=staff)

    points.give_back(order)

    assert points.get_balance(signed_in) == 1_000


EARNED_AT = datetime(2025, 1, 15, 10, 0, tzinfo=JAKARTA)
GIVEN_AT = datetime(2025, 7, 15, 10, 0, tzinfo=JAKARTA)
SPENT_AT = datetime(2025, 8, 1, 10, 0, tzinfo=JAKARTA)
FIRST_EXPIRY = datetime(2026, 1, 15, 10, 0, tzinfo=JAKARTA)
SECOND_EXPIRY = datetime(2026, 7, 15, 10, 0, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("spent", "expired_first", "left_after_first"),
    [(0, 175, 50), (100, 75, 50), (175, 0, 50), (200, 0, 25)],
)
def test_points_expire_after_12_months_oldest_batch_spent_first(
    signed_in, buy, give, deliver, spent, expired_first, left_after_first
):
    with time_machine.travel(EARNED_AT, tick=False):
        deliver(buy())
    with time_machine.travel(GIVEN_AT, tick=False):
        give(signed_in, 50)
    if spent:
        with time_machine.travel(SPENT_AT, tick=False):
            buy(points=spent)

    before = points.expire_points(FIRST_EXPIRY - timedelta(seconds=1))
    first = points.expire_points(FIRST_EXPIRY)
    repeated = points.expire_points(FIRST_EXPIRY + timedelta(days=1))
    balance_between = points.get_balance(signed_in)
    second = points.expire_points(SECOND_EXPIRY)

    assert (before, first, repeated) == (0, expired_first, 0)
    assert balance_between == left_after_first
    assert second == left_after_first
    assert points.get_balance(signed_in) == 0
