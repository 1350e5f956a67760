"""The order mail: what each message says and to whom it goes.

Each function queues one message in the outbox; the outbox sends it after
the transaction commits and never twice for the same order and kind.
"""

from django.utils import formats, timezone, translation

from customers.outbox import queue_message
from shop.templatetags.money import format_rupiah

from .access import order_link
from .models import ShopSettings


def _when(value, language):
    with translation.override(language):
        local = timezone.localtime(value)
        return formats.date_format(local, "j F Y, H:i") + " WIB"


def shop_context():
    """Who the mail is from: the shop's name, address and WhatsApp."""
    shop = ShopSettings.current()
    return {
        "shop_name": shop.shop_name,
        "shop_email": shop.contact_email,
        "whatsapp": shop.whatsapp_number,
    }


def _rupiah_or_blank(amount):
    return format_rupiah(amount) if amount else ""


def order_context(order):
    """Everything a message about ``order`` shows, as plain JSON values."""
    return {
        **shop_context(),
        "number": order.number,
        "name": order.full_name,
        "state": order.state,
        "lines": [_line_context(line) for line in order.lines.all()],
        "subtotal": format_rupiah(order.subtotal),
        "voucher_code": order.voucher_code,
        "discount": _rupiah_or_blank(order.discount),
        "shipping_discount": _rupiah_or_blank(order.shipping_discount),
        "points_used": order.points_used,
        "points_discount": _rupiah_or_blank(order.points_discount),
        "shipping": format_rupiah(order.shipping_cost),
        "shipping_service": f"{order.courier} {order.service}",
        "shipping_kg": order.shipping_kg,
        "city": order.city,
        "unique_code": format_rupiah(order.unique_code),
        "total": format_rupiah(order.total),
        "deadline": _when(order.payment_deadline, order.language),
        "banks": _bank_context(),
        "link": order_link(order),
        "tracking_number": order.tracking_number,
        "shipped_with": order.shipped_with,
    }


def _line_context(line):
    return {
        "title": line.product_title,
        "label": line.variant_label,
        "quantity": line.quantity,
        "unit_price": format_rupiah(line.unit_price),
        "total": format_rupiah(line.line_total),
    }


def _bank_context():
    return [
        {
            "bank": account.bank,
            "number": account.account_number,
            "holder": account.account_holder,
        }
        for account in ShopSettings.current().bank_accounts.all()
    ]


def _to_customer(order, kind, **extra):
    queue_message(
        key=f"{kind}:{order.number}:customer",
        kind=kind,
        recipient=order.email,
        user=order.user,
        language=order.language,
        context={**order_context(order), **extra},
        obj=order,
    )


def _to_shop(order, kind, key_suffix="shop", **extra):
    shop = ShopSettings.current()
    queue_message(
        key=f"{kind}:{order.number}:{key_suffix}",
        kind=kind,
        recipient=shop.contact_email,
        language="id",
        context={**order_context(order), **extra},
        obj=order,
    )


def send_order_placed(order):
    _to_customer(order, "order_placed")
    _to_shop(order, "order_placed_shop")


def send_payment_reminder(order):
    _to_customer(order, "payment_reminder")


def send_payment_submitted(order, confirmation):
    # Each confirmation is news: a second one after a rejection too.
    _to_shop(
        order,
        "payment_submitted_shop",
        key_suffix=f"confirmation-{confirmation.pk}",
        paid_amount=format_rupiah(confirmation.amount),
        paid_bank=confirmation.bank,
        paid_holder=confirmation.account_holder,
        confirmation_id=confirmation.pk,
    )


def send_payment_verified(order):
    _to_customer(order, "payment_verified")


def send_payment_rejected(order, reason):
    # A second rejection of a later confirmation is a new message.
    count = order.confirmations.count()
    queue_message(
        key=f"payment_rejected:{order.number}:{count}",
        kind="payment_rejected",
        recipient=order.email,
        user=order.user,
        language=order.language,
        context={**order_context(order), "reason": reason},
        obj=order,
    )


def send_order_shipped(order):
    _to_customer(order, "order_shipped")


def send_order_expired(order):
    _to_customer(order, "order_expired")


def send_order_cancelled(order):
    _to_customer(order, "order_cancelled")
