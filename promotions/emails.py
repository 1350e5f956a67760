"""Mail about promotions: the welcome voucher, personal vouchers, points."""

from django.utils import formats, timezone, translation

from customers.outbox import queue_message
from shop.emails import shop_context
from shop.templatetags.money import format_rupiah

from .models import PromotionSettings


def _date(value, language):
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), "j F Y")


def voucher_context(voucher, language):
    """What a message about a voucher says of it."""
    if voucher.kind == voucher.Kind.PERCENT:
        value = f"{voucher.value}%"
    elif voucher.kind == voucher.Kind.FIXED:
        value = format_rupiah(voucher.value)
    else:
        value = ""
    return {
        "code": voucher.code,
        "kind": voucher.kind,
        "value": value,
        "max_discount": format_rupiah(voucher.max_discount)
        if voucher.max_discount
        else "",
        "min_subtotal": format_rupiah(voucher.min_subtotal)
        if voucher.min_subtotal
        else "",
        "ends": _date(voucher.ends_at, language),
    }


def send_confirm_email(user, link):
    queue_message(
        key=f"confirm_email:{user.pk}:{user.email}",
        kind="confirm_email",
        recipient=user.email,
        user=user,
        language=user.language,
        context={**shop_context(), "name": user.full_name, "link": link},
        obj=user,
    )


def send_voucher(voucher, user, kind="personal_voucher"):
    """Mail a voucher's code to its owner, once per voucher."""
    queue_message(
        key=f"{kind}:{voucher.pk}",
        kind=kind,
        recipient=user.email,
        user=user,
        language=user.language,
        context={
            **shop_context(),
            "name": user.full_name,
            **voucher_context(voucher, user.language),
        },
        obj=voucher,
    )


def send_voucher_reminder(voucher, user):
    send_voucher(voucher, user, kind="voucher_reminder")


def send_points_earned(entry):
    user = entry.user
    from .points import get_balance

    terms = PromotionSettings.current()
    balance = get_balance(user)
    queue_message(
        key=f"points_earned:{entry.pk}",
        kind="points_earned",
        recipient=user.email,
        user=user,
        language=user.language,
        context={
            **shop_context(),
            "name": user.full_name,
            "points": entry.points,
            "number": entry.order.number if entry.order else "",
            "balance": balance,
            "balance_value": format_rupiah(balance * terms.point_value),
            "expires": _date(entry.expires_at, user.language),
        },
        obj=entry,
    )


def send_points_expiring(batch_entry, remaining):
    user = batch_entry.user
    queue_message(
        key=f"points_expiring:{batch_entry.pk}",
        kind="points_expiring",
        recipient=user.email,
        user=user,
        language=user.language,
        context={
            **shop_context(),
            "name": user.full_name,
            "points": remaining,
            "expires": _date(batch_entry.expires_at, user.language),
        },
        obj=batch_entry,
    )
