"""Customer segments, computed from orders and never typed by hand.

An order counts as *ordered* unless it was cancelled or expired; rupiah
*spent* are the totals of paid, shipped and completed orders. Each segment
is a function of the moment (``now``) that returns a queryset of active,
non-staff users, so it can be the audience of an announcement or of a
batch of personal vouchers::

    from customers.segments import SEGMENTS, filter_segment

    choices = [(name, segment.label) for name, segment in SEGMENTS.items()]
    users = filter_segment("lapsed")
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from promotions.models import PointsEntry, Subscriber
from shop.models import Order, OrderState

from .models import Address

ACTIVE_DAYS = 90
LAPSED_DAYS = 180
LOYAL_ORDERS = 3
TOP_SHARE = 0.10

NOT_ORDERED = [OrderState.CANCELLED, OrderState.EXPIRED]
SPENT_STATES = [OrderState.PAID, OrderState.SHIPPED, OrderState.COMPLETED]


def get_customers():
    """Every active customer: staff and closed accounts are left out."""
    return get_user_model().objects.filter(is_active=True, is_staff=False)


def filter_ordered(orders=None):
    """Orders that count as ordered: neither cancelled nor expired."""
    orders = Order.objects.all() if orders is None else orders
    return orders.exclude(state__in=NOT_ORDERED)


def _per_user(queryset, expression):
    """A subquery giving ``expression`` over ``queryset`` for each user."""
    rows = queryset.filter(user=OuterRef("pk")).order_by().values("user")
    return Subquery(rows.annotate(value=expression).values("value")[:1])


def _zero(subquery):
    return Coalesce(subquery, Value(0), output_field=IntegerField())


def spent_subquery():
    """Rupiah a user spent on paid, shipped and completed orders."""
    paid = Order.objects.filter(state__in=SPENT_STATES)
    return _zero(_per_user(paid, Sum("total")))


def annotate_activity(users):
    """Add ``order_count``, ``first_order_at``, ``last_order_at``, ``spent``,
    ``completed_count`` and ``points_balance``, one subquery each."""
    ordered = filter_ordered()
    completed = Order.objects.filter(state=OrderState.COMPLETED)
    return users.annotate(
        order_count=_zero(_per_user(ordered, Count("pk"))),
        first_order_at=_per_user(ordered, Min("created_at")),
        last_order_at=_per_user(ordered, Max("created_at")),
        spent=spent_subquery(),
        completed_count=_zero(_per_user(completed, Count("pk"))),
        points_balance=_zero(_per_user(PointsEntry.objects.all(), Sum("points"))),
    )


def annotate_city(users):
    """Add ``city``: of the latest order, else of the latest saved address."""
    order_city = Order.objects.filter(user=OuterRef("pk")).order_by("-created_at")
    address_city = Address.objects.filter(user=OuterRef("pk")).order_by("-created_at")
    return users.annotate(
        city=Coalesce(
            Subquery(order_city.values("city")[:1]),
            Subquery(address_city.values("shipping_city")[:1]),
        )
    )


def subscribed_filter():
    """A condition true for users whose mailbox receives announcements."""
    subscribers = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)
    mine = Q(user=OuterRef("pk")) | Q(email__iexact=OuterRef("email"))
    return Exists(subscribers.filter(mine))


def annotate_subscribed(users):
    """Add ``subscribed``: True when the customer receives announcements."""
    return users.annotate(subscribed=subscribed_filter())


def _ordered_since(moment):
    recent = filter_ordered().filter(created_at__gte=moment)
    return Exists(recent.filter(user=OuterRef("pk")))


def _has_ordered():
    return Exists(filter_ordered().filter(user=OuterRef("pk")))


def filter_new(now=None):
    """Signed up, never ordered."""
    return get_customers().exclude(_has_ordered())


def filter_active(now=None):
    """Ordered in the last ``ACTIVE_DAYS`` days."""
    now = now or timezone.now()
    return get_customers().filter(_ordered_since(now - timedelta(days=ACTIVE_DAYS)))


def filter_lapsed(now=None):
    """Ordered before, but not in the last ``LAPSED_DAYS`` days."""
    now = now or timezone.now()
    since = now - timedelta(days=LAPSED_DAYS)
    return get_customers().filter(_has_ordered()).exclude(_ordered_since(since))


def filter_loyal(now=None):
    """At least ``LOYAL_ORDERS`` completed orders."""
    completed = Order.objects.filter(state=OrderState.COMPLETED)
    count = _zero(_per_user(completed, Count("pk")))
    customers = get_customers().annotate(completed_count=count)
    return customers.filter(completed_count__gte=LOYAL_ORDERS)


def filter_top_spenders(now=None):
    """The top ``TOP_SHARE`` of customers who spent anything, ties included."""
    spenders = get_customers().annotate(spent=spent_subquery()).filter(spent__gt=0)
    count = spenders.count()
    if not count:
        return spenders.none()
    rank = max(1, math.ceil(count * TOP_SHARE))
    amounts = spenders.order_by("-spent").values_list("spent", flat=True)
    return spenders.filter(spent__gte=amounts[rank - 1])


@dataclass(frozen=True)
class Segment:
    """A named group of customers and the function that finds them."""

    label: str
    filter: Callable


SEGMENTS = {
    "new": Segment(_("New: signed up, no order yet"), filter_new),
    "active": Segment(_("Active: ordered in the last 90 days"), filter_active),
    "lapsed": Segment(_("Lapsed: no order in 180 days"), filter_lapsed),
    "loyal": Segment(_("Loyal: 3 or more completed orders"), filter_loyal),
    "top": Segment(_("Top spenders: the top 10%"), filter_top_spenders),
}


class UnknownSegment(ValueError):
    """No segment has this name."""


def filter_segment(name, now=None):
    """The customers of the segment called ``name`` at ``now``."""
    segment = SEGMENTS.get(name)
    if segment is None:
        raise UnknownSegment(name)
    return segment.filter(now=now)


def get_segment_choices():
    """``(name, label)`` pairs, for a form's choice field."""
    return [(name, segment.label) for name, segment in SEGMENTS.items()]


def get_segments_of(user, now=None):
    """The names of the segments ``user`` is in now."""
    return [
        name
        for name in SEGMENTS
        if filter_segment(name, now).filter(pk=user.pk).exists()
    ]
