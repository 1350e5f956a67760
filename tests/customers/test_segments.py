"""Customer segments come from orders: new, active, lapsed, loyal and the
top spenders, each at the right boundary."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from customers.segments import SEGMENTS, UnknownSegment, filter_segment
from shop.models import Order, OrderState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def make_order(user, *, state=OrderState.COMPLETED, days_ago=1, total=500_000):
    """An order of ``user`` placed ``days_ago`` days before now."""
    n = next(_numbers)
    order = Order.objects.create(
        number=f"SK-TEST-{n:04d}",
        checkout_token=f"token-{n}",
        user=user,
        state=state,
        full_name=user.full_name if user else "Tamu",
        email=user.email if user else "tamu@example.test",
        phone="+6281234567890",
        street="Jl. Merdeka 1",
        city="Palembang",
        province="Sumatera Selatan",
        courier="JNE",
        service="REG",
        price_per_kg=18_000,
        weight_grams=1000,
        shipping_kg=1,
        subtotal=total,
        shipping_cost=0,
        unique_code=n % 999 + 1,
        total=total,
        payment_deadline=timezone.now() + timedelta(days=1),
    )
    placed = timezone.now() - timedelta(days=days_ago)
    Order.objects.filter(pk=order.pk).update(created_at=placed)
    order.created_at = placed
    return order


def members(name, now=None):
    return set(filter_segment(name, now).values_list("email", flat=True))


def test_new_is_signed_up_with_no_order_that_counts():
    newcomer = UserFactory()
    cancelled_only = UserFactory()
    make_order(cancelled_only, state=OrderState.CANCELLED)
    expired_only = UserFactory()
    make_order(expired_only, state=OrderState.EXPIRED)
    buyer = UserFactory()
    make_order(buyer, state=OrderState.AWAITING_PAYMENT)
    UserFactory(is_staff=True)
    UserFactory(is_active=False)

    assert members("new") == {
        newcomer.email,
        cancelled_only.email,
        expired_only.email,
    }


@pytest.mark.parametrize(
    ("days_ago", "active"), [(0, True), (89, True), (90, True), (91, False)]
)
def test_active_means_ordered_in_the_last_90_days(days_ago, active):
    now = timezone.now()
    customer = UserFactory()
    order = make_order(customer, state=OrderState.PAID)
    Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=days_ago))

    assert (customer.email in members("active", now)) is active


def test_a_cancelled_recent_order_does_not_make_a_customer_active():
    customer = UserFactory()
    make_order(customer, state=OrderState.CANCELLED, days_ago=3)

    assert members("active") == set()


@pytest.mark.parametrize(
    ("days_ago", "lapsed"), [(179, False), (180, False), (181, True), (400, True)]
)
def test_lapsed_means_ordered_before_but_not_in_180_days(days_ago, lapsed):
    now = timezone.now()
    customer = UserFactory()
    order = make_order(customer)
    Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(days=days_ago))

    assert (customer.email in members("lapsed", now)) is lapsed


def test_a_recent_order_keeps_an_old_customer_from_lapsing():
    customer = UserFactory()
    make_order(customer, days_ago=400)
    make_order(customer, days_ago=10)
    never = UserFactory()

    assert members("lapsed") == set()
    assert never.email not in members("lapsed")


def test_lapsed_ignores_a_recent_cancelled_order():
    customer = UserFactory()
    make_order(customer, days_ago=400)
    make_order(customer, state=OrderState.CANCELLED, days_ago=10)

    assert members("lapsed") == {customer.email}


def test_loyal_needs_three_completed_orders():
    loyal = UserFactory()
    for _ in range(3):
        make_order(loyal)
    two = UserFactory()
    make_order(two)
    make_order(two)
    make_order(two, state=OrderState.SHIPPED)

    assert members("loyal") == {loyal.email}


def test_top_spenders_are_the_top_tenth_of_those_who_spent():
    spenders = [UserFactory() for _ in range(20)]
    for rank, customer in enumerate(spenders, start=1):
        make_order(customer, total=rank * 100_000)
    unpaid = UserFactory()
    make_order(unpaid, state=OrderState.AWAITING_PAYMENT, total=99_000_000)
    UserFactory()

    assert members("top") == {spenders[-1].email, spenders[-2].email}


def test_spent_counts_paid_shipped_and_completed_orders_only():
    big_cancelled = UserFactory()
    make_order(big_cancelled, state=OrderState.CANCELLED, total=90_000_000)
    make_order(big_cancelled, total=100_000)
    steady = UserFactory()
    make_order(steady, state=OrderState.PAID, total=300_000)
    make_order(steady, state=OrderState.SHIPPED, total=300_000)

    assert members("top") == {steady.email}


def test_one_spender_is_the_top_tenth_and_ties_are_kept():
    first = UserFactory()
    make_order(first, total=1_000_000)

    assert members("top") == {first.email}

    second = UserFactory()
    make_order(second, total=1_000_000)

    assert members("top") == {first.email, second.email}


def test_no_spender_means_no_top_spenders():
    make_order(UserFactory(), state=OrderState.AWAITING_PAYMENT)

    assert members("top") == set()


def test_every_segment_has_a_label_and_unknown_names_are_refused():
    assert set(SEGMENTS) == {"new", "active", "lapsed", "loyal", "top"}
    assert all(str(segment.label) for segment in SEGMENTS.values())
    with pytest.raises(UnknownSegment):
        filter_segment("vip")
