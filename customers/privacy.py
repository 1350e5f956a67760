"""A customer's own data: a copy to download, and closing the account.

Closing removes what says who the customer is and keeps what the shop's
books need. Orders stay, with their amounts, lines and city, but lose the
name, email, phone and street. The welcome claim keeps only its
normalised key, so a mailbox never gets a second welcome voucher; voucher
uses keep theirs for the same reason with one-per-customer codes.
"""

import logging

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from promotions.identity import email_key
from promotions.models import MailEvent, Subscriber, WelcomeClaim
from shop.models import Cart, Order, PaymentConfirmation

from .models import OutboxMessage, User

logger = logging.getLogger(__name__)

REMOVED = "(removed)"
SUPPRESSED = (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)


def placeholder_email(user):
    """A unique address that reaches no one, for a closed account."""
    return f"deleted-{user.pk}@invalid"


# The download


def _when(value):
    return value.isoformat() if value else None


def export_profile(user):
    """The customer's own details."""
    return {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "language": user.language,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def export_addresses(user):
    """The customer's saved addresses."""
    fields = ("label", "recipient", "phone", "street", "postcode", "shipping_city")
    return [
        {name: getattr(address, name) for name in fields}
        for address in user.addresses.all()
    ]


ORDER_FIELDS = (
    "number",
    "state",
    "full_name",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "province",
    "note",
    "courier",
    "service",
    "tracking_number",
    "subtotal",
    "voucher_code",
    "discount",
    "shipping_cost",
    "shipping_discount",
    "points_used",
    "points_discount",
    "unique_code",
    "total",
)
LINE_FIELDS = ("product_title", "variant_label", "sku", "unit_price", "quantity")


def export_order(order):
    """One order with its lines, as the customer placed it."""
    data = {name: getattr(order, name) for name in ORDER_FIELDS}
    data["placed"] = _when(order.created_at)
    data["lines"] = [
        {
            **{name: getattr(line, name) for name in LINE_FIELDS},
            "total": line.line_total,
        }
        for line in order.lines.all()
    ]
    return data


def export_orders(user):
    """The customer's orders, oldest first."""
    orders = Order.objects.filter(user=user).prefetch_related("lines")
    return [export_order(order) for order in orders.order_by("created_at")]


def export_points(user):
    """The customer's points ledger, oldest first."""
    entries = user.points.select_related("order").order_by("created_at", "pk")
    return [
        {
            "when": _when(entry.created_at),
            "kind": entry.kind,
            "points": entry.points,
            "order": entry.order.number if entry.order_id else None,
            "expires": _when(entry.expires_at),
        }
        for entry in entries
    ]


def export_vouchers(user):
    """The personal vouchers given to the customer."""
    return [
        {
            "code": voucher.code,
            "kind": voucher.kind,
            "value": voucher.value,
            "issued": _when(voucher.created_at),
            "ends": _when(voucher.ends_at),
            "active": voucher.active,
        }
        for voucher in user.vouchers.order_by("created_at")
    ]


def export_messages(user):
    """What was mailed to the customer: kind, date and status, no bodies."""
    messages = OutboxMessage.objects.filter(user=user).order_by("created_at", "pk")
    return [
        {
            "kind": message.kind,
            "date": _when(message.sent_at or message.created_at),
            "status": message.status,
        }
        for message in messages
    ]


def export_subscription(user):
    """The newsletter status of the customer's mailbox, or None."""
    subscriber = Subscriber.objects.filter(email_key=email_key(user.email)).first()
    return subscriber.status if subscriber else None


def export_data(user):
    """Everything the shop keeps about ``user``, as JSON-ready values."""
    return {
        "exported": _when(timezone.now()),
        "profile": export_profile(user),
        "addresses": export_addresses(user),
        "orders": export_orders(user),
        "points": export_points(user),
        "vouchers": export_vouchers(user),
        "messages": export_messages(user),
        "newsletter": export_subscription(user),
    }


# Closing the account


@transaction.atomic
def close_account(user):
    """Remove the customer's personal data and stop the account for good."""
    user = User.objects.select_for_update().get(pk=user.pk)
    email, placeholder = user.email, placeholder_email(user)
    scrub_orders(user, placeholder)
    scrub_messages(user, email, placeholder)
    scrub_newsletter(user, email, placeholder)
    WelcomeClaim.objects.filter(email_key=email_key(email)).update(
        email="", full_name="", phone=""
    )
    user.addresses.all().delete()
    Cart.objects.filter(user=user).delete()
    user.vouchers.filter(active=True).update(active=False)
    scrub_user(user, placeholder)
    logger.info("customer %s closed their account", user.pk)
    return user


def scrub_user(user, placeholder):
    """Empty the account, with no way to sign in again."""
    user.email = placeholder
    user.full_name = ""
    user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def scrub_orders(user, placeholder):
    """Keep the orders for the books, without who and where exactly."""
    orders = Order.objects.filter(user=user)
    PaymentConfirmation.objects.filter(order__in=orders).update(account_holder=REMOVED)
    orders.update(
        full_name=REMOVED,
        email=placeholder,
        phone="",
        street=REMOVED,
        postcode="",
        note="",
    )


def scrub_messages(user, email, placeholder):
    """Forget the address and the content of every message about them."""
    mine = Q(user=user) | Q(recipient__iexact=email)
    ids = list(OutboxMessage.objects.filter(mine).values_list("pk", flat=True))
    to_them = OutboxMessage.objects.filter(pk__in=ids)
    MailEvent.objects.filter(Q(outbox__in=ids) | Q(email_key=email_key(email))).update(
        email_key=placeholder
    )
    # Some keys name the address; those become unique keys naming nothing.
    to_them.filter(key__contains="@").update(
        key=Concat(Value("removed:"), Cast("pk", CharField()))
    )
    to_them.update(recipient=placeholder, context={}, error="")
    order_ids = Order.objects.filter(user=user).values_list("pk", flat=True)
    OutboxMessage.objects.filter(
        object_type="order", object_id__in=[str(pk) for pk in order_ids]
    ).update(context={})


def scrub_newsletter(user, email, placeholder):
    """Drop the subscription; a bounce or complaint stays by its key only."""
    theirs = Subscriber.objects.filter(Q(user=user) | Q(email_key=email_key(email)))
    theirs.filter(status__in=SUPPRESSED).update(email=placeholder, user=None, page="")
    theirs.exclude(status__in=SUPPRESSED).delete()
