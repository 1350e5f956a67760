"""Vouchers Marketing issues by hand: one for one customer, or a batch of
single-use codes mailed to customers or handed out as a CSV file."""

import csv
import io
import logging
import operator
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone

from .emails import send_voucher
from .models import Voucher
from .welcome import end_of_day, new_code

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 10
PERSONAL_PREFIX = "KHUSUS"


class CodeSpaceExhausted(Exception):
    """No free code was found after several tries; try another prefix."""


@dataclass(frozen=True)
class Terms:
    """What every voucher of one issue gives, and for how long."""

    kind: str
    value: int = 0
    max_discount: int | None = None
    min_subtotal: int = 0
    valid_days: int = 30

    def voucher_fields(self, now):
        value = 0 if self.kind == Voucher.Kind.FREE_SHIPPING else self.value
        return {
            "kind": self.kind,
            "value": value,
            "max_discount": self.max_discount,
            "min_subtotal": self.min_subtotal,
            "starts_at": now,
            "ends_at": end_of_day(now + timedelta(days=self.valid_days)),
            "max_uses": 1,
            "max_uses_per_customer": 1,
        }


def create_unique_voucher(prefix, **fields):
    """A voucher with a fresh random code, trying again on a collision."""
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Voucher.objects.create(code=new_code(prefix), **fields)
        except IntegrityError:
            logger.warning("Voucher code collision with prefix %s", prefix)
    raise CodeSpaceExhausted(prefix)


@transaction.atomic
def issue_personal_voucher(customer, terms, *, name="", prefix=PERSONAL_PREFIX):
    """Make a single-use voucher only ``customer`` can use, and mail it."""
    voucher = create_unique_voucher(
        prefix,
        name=name,
        owner=customer,
        **terms.voucher_fields(timezone.now()),
    )
    send_voucher(voucher, customer)
    logger.info("Voucher %s issued to customer %s", voucher.pk, customer.pk)
    return voucher


@transaction.atomic
def issue_batch(batch, terms, count, *, prefix):
    """Make ``count`` single-use codes with shared terms, for a CSV file."""
    now = timezone.now()
    vouchers = [
        create_unique_voucher(
            prefix, name=batch, batch=batch, **terms.voucher_fields(now)
        )
        for _n in range(count)
    ]
    logger.info("batch %s: %s vouchers issued", batch, len(vouchers))
    return vouchers


@transaction.atomic
def mail_batch(batch, terms, customers, *, prefix):
    """One voucher per customer, owned by and mailed to that customer."""
    now = timezone.now()
    vouchers = []
    for customer in customers:
        voucher = create_unique_voucher(
            prefix,
            name=batch,
            batch=batch,
            owner=customer,
            **terms.voucher_fields(now),
        )
        send_voucher(voucher, customer)
        vouchers.append(voucher)
    logger.info("batch %s: %s vouchers issued", batch, len(vouchers))
    return vouchers


def batch_csv(vouchers):
    """The codes as CSV text: code, value, ends (Jakarta date and time)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "value", "ends"])
    for voucher in vouchers:
        writer.writerow([voucher.code, describe_value(voucher), local(voucher.ends_at)])
    return out.getvalue()


def describe_value(voucher):
    """``10%``, ``50000`` (rupiah) or ``free shipping``."""
    if voucher.kind == Voucher.Kind.PERCENT:
        return f"{voucher.value}%"
    if voucher.kind == Voucher.Kind.FREE_SHIPPING:
        return "free shipping"
    return str(voucher.value)


def local(moment):
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "Y-m-d H:i")


def get_customers(audience, emails=()):
    """Active customers to mail: pasted addresses, those who ordered, or all.

    Returns (customers, addresses that matched no customer).
    """
    if audience.startswith("segment:"):
        from customers.segments import filter_segment

        return list(filter_segment(audience.split(":", 1)[1]).order_by("pk")), []
    users = get_user_model().objects.filter(is_active=True, is_staff=False)
    if audience == "ordered":
        return list(users.filter(pk__in=ordering_customer_ids()).order_by("pk")), []
    if audience == "all":
        return list(users.order_by("pk")), []
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        return [], []
    match = reduce(operator.or_, (Q(email__iexact=email) for email in wanted))
    found = list(users.filter(match).order_by("pk"))
    missing = sorted(wanted - {u.email.lower() for u in found})
    return found, missing


def ordering_customer_ids():
    """Accounts with at least one order that was not cancelled or expired."""
    from shop.models import Order, OrderState

    return (
        Order.objects.exclude(state__in=[OrderState.CANCELLED, OrderState.EXPIRED])
        .exclude(user=None)
        .values("user_id")
    )
