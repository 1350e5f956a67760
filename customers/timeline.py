"""A customer's timeline for staff: everything the shop knows happened to
one customer, oldest first, in a handful of queries whatever their number
of orders."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from promotions.identity import email_key
from promotions.models import MailEvent, PointsEntry, Voucher, VoucherUse, WelcomeClaim
from shop.models import OrderEvent, OrderState
from shop.templatetags.money import format_rupiah

from .models import OutboxMessage


@dataclass(frozen=True)
class Event:
    """One thing that happened, with a link to where staff can see more."""

    when: datetime
    kind: str
    text: str
    link: str = ""


def admin_url(name, pk):
    """The admin page of an object, or "" where that admin is not installed."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def get_timeline(user):
    """Every event of ``user``'s life with the shop, oldest first."""
    events = [Event(user.date_joined, "signup", _("Signed up"))]
    events += order_events(user)
    events += message_events(user)
    claims = WelcomeClaim.objects.select_related("voucher")
    claim = claims.filter(email_key=email_key(user.email)).first()
    events += welcome_events(claim)
    events += voucher_events(user, skip=claim.voucher_id if claim else None)
    events += voucher_use_events(user)
    events += points_events(user)
    return sorted(events, key=lambda event: event.when)


def state_label(value):
    """The label of an order state, or the stored value if it is unknown."""
    return OrderState(value).label if value in OrderState.values else value


def order_events(user):
    """The placing of each order and every later change of its state."""
    rows = OrderEvent.objects.filter(order__user=user).select_related("order", "actor")
    return [order_event(row) for row in rows.order_by("created_at", "pk")]


def order_event(row):
    """The event of one change of an order's state."""
    order = row.order
    link = admin_url("orders:inspect", order.pk)
    if not row.from_state:
        text = _("Order %(number)s placed, %(total)s") % {
            "number": order.number,
            "total": format_rupiah(order.total),
        }
        return Event(row.created_at, "order_placed", text, link)
    text = _("Order %(number)s: %(from)s → %(to)s") % {
        "number": order.number,
        "from": state_label(row.from_state),
        "to": state_label(row.to_state),
    }
    if row.actor is not None:
        text += " · " + _("by %(name)s") % {"name": row.actor}
    if row.note:
        text += f" ({row.note})"
    return Event(row.created_at, "order_" + row.to_state, text, link)


def get_messages(user):
    """Messages to the customer, by account or by their address."""
    mine = Q(user=user) | Q(recipient__iexact=user.email)
    return list(OutboxMessage.objects.filter(mine).order_by("created_at", "pk"))


def get_delivery(messages):
    """The latest provider event of each message: ``{outbox id: event}``."""
    events = MailEvent.objects.filter(outbox__in=[m.pk for m in messages])
    latest = {}
    for event in events.order_by("at", "pk"):
        latest[event.outbox_id] = event.event
    return latest


def message_events(user):
    """Each message to the customer, with what the provider said of it."""
    messages = get_messages(user)
    delivery = get_delivery(messages) if messages else {}
    return [message_event(m, delivery.get(m.pk)) for m in messages]


def message_event(message, delivery):
    """The event of one message and its latest delivery state."""
    text = _("Message “%(kind)s”: %(status)s") % {
        "kind": message.kind,
        "status": message.get_status_display(),
    }
    if delivery:
        text += " · " + delivery
    return Event(message.created_at, "message", text)


def welcome_events(claim):
    """Confirming the address, and the welcome voucher it brought."""
    if claim is None:
        return []
    events = []
    if claim.confirmed_at:
        text = _("Confirmed their email address")
        events.append(Event(claim.confirmed_at, "email_confirmed", text))
    if claim.issued_at:
        voucher = claim.voucher
        code = voucher.code if voucher else ""
        text = _("Welcome voucher claimed %(code)s") % {"code": code}
        link = admin_url("vouchers:inspect", voucher.pk) if voucher else ""
        events.append(Event(claim.issued_at, "welcome", text.strip(), link))
    return events


def voucher_events(user, skip=None):
    """Personal vouchers issued to the customer."""
    vouchers = Voucher.objects.filter(owner=user).exclude(pk=skip)
    return [
        Event(
            voucher.created_at,
            "voucher_issued",
            _("Voucher %(code)s issued") % {"code": voucher.code},
            admin_url("vouchers:inspect", voucher.pk),
        )
        for voucher in vouchers
    ]


def voucher_use_events(user):
    """Vouchers used on the customer's orders, and uses given back."""
    uses = VoucherUse.objects.filter(Q(user=user) | Q(order__user=user))
    events = []
    for use in uses.select_related("voucher", "order").order_by("created_at"):
        names = {"code": use.voucher.code, "number": use.order.number}
        link = admin_url("vouchers:inspect", use.voucher_id)
        text = _("Voucher %(code)s used on %(number)s") % names
        events.append(Event(use.created_at, "voucher_used", text, link))
        if use.returned_at:
            text = _("Voucher %(code)s given back from %(number)s") % names
            events.append(Event(use.returned_at, "voucher_returned", text, link))
    return events


def points_events(user):
    """Every line of the customer's points ledger."""
    entries = PointsEntry.objects.filter(user=user).select_related("order")
    link = admin_url("points:ledger", user.pk)
    return [
        Event(entry.created_at, "points_" + entry.kind, points_text(entry), link)
        for entry in entries.order_by("created_at", "pk")
    ]


def points_text(entry):
    """What one line of the points ledger says."""
    text = _("Points %(kind)s: %(points)+d") % {
        "kind": entry.get_kind_display(),
        "points": entry.points,
    }
    if entry.order_id:
        text += f" ({entry.order.number})"
    elif entry.note and entry.kind == PointsEntry.Kind.ADJUST:
        text += f" ({entry.note})"
    return text
