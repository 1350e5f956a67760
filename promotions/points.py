"""Loyalty points: a ledger of earn, spend, return, expiry and adjustments.

The balance is the sum of the ledger. Points expire by batch, oldest
first: what a customer spends is taken from the batch that expires first.
"""

import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import ngettext

from .models import PointsEntry, PromotionSettings

logger = logging.getLogger(__name__)
Kind = PointsEntry.Kind


class NotEnoughPoints(Exception):
    """A customer asked to spend more points than they have."""

    def __init__(self, balance):
        self.balance = balance
        super().__init__(balance)

    @property
    def message(self):
        return ngettext(
            "You have %(n)s point.", "You have %(n)s points.", self.balance
        ) % {"n": self.balance}


def get_balance(user):
    total = PointsEntry.objects.filter(user=user).aggregate(s=Sum("points"))["s"]
    return total or 0


def lock_account(user):
    """Hold the customer's row so two checkouts cannot spend the same points."""
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def spend(user, points, order):
    """Record points spent on an order; the caller holds ``lock_account``."""
    balance = get_balance(user)
    if points > balance:
        raise NotEnoughPoints(balance)
    return PointsEntry.objects.create(
        user=user, kind=Kind.SPEND, points=-points, order=order
    )


def _expiry(now=None):
    months = PromotionSettings.current().points_valid_months
    return (now or timezone.now()) + relativedelta(months=months)


def points_for(order):
    """Points an order earns: one per ``rupiah_per_point`` paid for goods."""
    terms = PromotionSettings.current()
    paid_for_goods = order.subtotal - order.discount - order.points_discount
    if terms.rupiah_per_point <= 0:
        return 0
    return max(0, paid_for_goods) // terms.rupiah_per_point


def earn(order):
    """Credit a completed order's points once, however often it completes."""
    if order.user_id is None:
        return None
    points = points_for(order)
    if points <= 0:
        return None
    try:
        with transaction.atomic():
            entry = PointsEntry.objects.create(
                user_id=order.user_id,
                kind=Kind.EARN,
                points=points,
                order=order,
                expires_at=_expiry(),
            )
    except IntegrityError:
        return None
    logger.info("Order %s earned %s points", order.number, points)
    return entry


def give_back(order):
    """Return the points a cancelled or expired order spent."""
    spent = PointsEntry.objects.filter(order=order, kind=Kind.SPEND).first()
    if spent is None:
        return None
    try:
        with transaction.atomic():
            return PointsEntry.objects.create(
                user_id=spent.user_id,
                kind=Kind.RETURN,
                points=-spent.points,
                order=order,
                expires_at=_expiry(),
            )
    except IntegrityError:
        return None


@transaction.atomic
def adjust(user, points, *, actor, note):
    """Marketing's correction of a balance, with the reason kept."""
    lock_account(user)
    if points < 0 and get_balance(user) + points < 0:
        raise NotEnoughPoints(get_balance(user))
    entry = PointsEntry.objects.create(
        user=user,
        kind=Kind.ADJUST,
        points=points,
        note=note,
        actor=actor,
        expires_at=_expiry() if points > 0 else None,
    )
    logger.info("Points of customer %s adjusted by %+d", user.pk, points)
    return entry


@dataclass
class Batch:
    entry: PointsEntry
    remaining: int


def open_batches(user):
    """Each credit with what is left of it after spending, oldest first."""
    batches = []
    entries = PointsEntry.objects.filter(user=user).order_by("created_at", "pk")
    for entry in entries:
        if entry.points > 0:
            batches.append(Batch(entry, entry.points))
            continue
        owed = -entry.points
        for batch in sorted(
            batches, key=lambda b: b.entry.expires_at or timezone.now()
        ):
            taken = min(owed, batch.remaining)
            batch.remaining -= taken
            owed -= taken
            if not owed:
                break
    return [b for b in batches if b.remaining > 0]


def expire_points(now=None):
    """Expire what is left of every batch past its date; return points."""
    now = now or timezone.now()
    due = PointsEntry.objects.filter(
        points__gt=0, expired=False, expires_at__lte=now
    ).values_list("user_id", flat=True)
    total = 0
    for user_id in set(due):
        with transaction.atomic():
            user = lock_account(get_user_model()(pk=user_id))
            total += _expire_user(user, now)
    if total:
        logger.info("%s points expired", total)
    return total


def _expire_user(user, now):
    expired = 0
    for batch in open_batches(user):
        entry = batch.entry
        if entry.expires_at and entry.expires_at <= now:
            PointsEntry.objects.create(
                user=user,
                kind=Kind.EXPIRE,
                points=-batch.remaining,
                note=f"batch {entry.pk}",
            )
            expired += batch.remaining
    PointsEntry.objects.filter(
        user=user, points__gt=0, expired=False, expires_at__lte=now
    ).update(expired=True)
    return expired
