"""Reminders the commands send: a personal voucher about to lapse unused,
and loyalty points about to expire.

Each message is keyed in the outbox by the voucher or the points entry,
so running a command twice mails nobody twice.
"""

import logging
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from customers.models import OutboxMessage

from .emails import send_points_expiring, send_voucher_reminder
from .models import PointsEntry, PromotionSettings, Voucher, WelcomeClaim
from .points import open_batches

logger = logging.getLogger(__name__)

POINTS_WARNING_DAYS = 30


def without_queued(objects, kind):
    """Drop the objects whose ``<kind>:<pk>`` message is already queued."""
    keys = {f"{kind}:{obj.pk}": obj for obj in objects}
    queued = set(
        OutboxMessage.objects.filter(key__in=list(keys)).values_list("key", flat=True)
    )
    return [obj for key, obj in keys.items() if key not in queued]


def get_vouchers_to_remind(now=None):
    """Owned vouchers still unused that end within the reminder window."""
    now = now or timezone.now()
    days = PromotionSettings.current().welcome_reminder_days
    return (
        Voucher.objects.filter(
            active=True,
            owner__is_active=True,
            ends_at__gt=now,
            ends_at__lte=now + timedelta(days=days),
        )
        .filter(Q(starts_at=None) | Q(starts_at__lte=now))
        .annotate(active_uses=Count("uses", filter=Q(uses__returned_at=None)))
        .filter(active_uses=0)
        .select_related("owner")
        .order_by("ends_at", "pk")
    )


def send_voucher_reminders(now=None):
    """Mail each voucher's owner once before it lapses; return how many."""
    vouchers = without_queued(get_vouchers_to_remind(now), "voucher_reminder")
    for voucher in vouchers:
        send_voucher_reminder(voucher, voucher.owner)
    WelcomeClaim.objects.filter(voucher__in=vouchers).update(reminded=True)
    if vouchers:
        logger.info("%s voucher reminders queued", len(vouchers))
    return len(vouchers)


def get_expiring_batches(now=None, days=POINTS_WARNING_DAYS):
    """Batches of points with some left that expire within ``days``."""
    now = now or timezone.now()
    horizon = now + timedelta(days=days)
    due = PointsEntry.objects.filter(
        points__gt=0,
        expired=False,
        reminded=False,
        expires_at__gt=now,
        expires_at__lte=horizon,
    )
    batches = []
    for user_id in sorted(set(due.values_list("user_id", flat=True))):
        batches += [
            batch
            for batch in open_batches(user_id)
            if is_expiring(batch.entry, now, horizon)
        ]
    warned = without_queued([b.entry for b in batches], "points_expiring")
    return [b for b in batches if b.entry in warned]


def is_expiring(entry, now, horizon):
    return (
        not entry.reminded
        and entry.expires_at is not None
        and now < entry.expires_at <= horizon
    )


def warn_expiring_points(now=None):
    """Mail once per batch of points about to expire; return how many."""
    batches = get_expiring_batches(now)
    for batch in batches:
        send_points_expiring(batch.entry, batch.remaining)
    PointsEntry.objects.filter(pk__in=[b.entry.pk for b in batches]).update(
        reminded=True
    )
    if batches:
        logger.info("%s points expiry warnings queued", len(batches))
    return len(batches)
