"""What happens to an order after it is placed: payment, shipping, and the
end of its life. Every change goes through ``transition`` and is recorded."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails
from .models import (
    Order,
    OrderEvent,
    OrderState,
    PaymentConfirmation,
    ShopSettings,
)
from .models.stock import StockMovement
from .stock import change_stock, lock_stock

logger = logging.getLogger(__name__)

S = OrderState
ALLOWED = {
    S.AWAITING_PAYMENT: {S.PAYMENT_SUBMITTED, S.PAID, S.CANCELLED, S.EXPIRED},
    S.PAYMENT_SUBMITTED: {S.PAID, S.AWAITING_PAYMENT, S.CANCELLED},
    S.PAID: {S.SHIPPED, S.CANCELLED},
    S.SHIPPED: {S.COMPLETED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
    S.EXPIRED: set(),
}
GIVES_BACK = {S.CANCELLED, S.EXPIRED}


class TransitionNotAllowed(Exception):
    """The order is not in a state from which this step can be taken."""


def allowed_next(order):
    return ALLOWED.get(order.state, set())


def lock_order(order):
    return Order.objects.select_for_update().get(pk=order.pk)


def transition(order, to_state, *, actor=None, note=""):
    """Move a locked order to ``to_state`` and record who did it."""
    if to_state not in allowed_next(order):
        raise TransitionNotAllowed(
            _("An order that is %(state)s cannot become %(to)s.")
            % {"state": order.get_state_display(), "to": S(to_state).label}
        )
    from_state = order.state
    order.state = to_state
    order.save(update_fields=["state", "updated_at"])
    OrderEvent.objects.create(
        order=order, from_state=from_state, to_state=to_state, actor=actor, note=note
    )
    if to_state in GIVES_BACK:
        give_back(order)
    logger.info("Order %s: %s -> %s", order.number, from_state, to_state)
    return order


def give_back(order):
    """Return the stock, voucher use and points of a cancelled order."""
    from promotions import points, vouchers

    give_back_stock(order)
    vouchers.give_back_use(order)
    points.give_back(order)


def give_back_stock(order):
    """Return the stock an order took."""
    lines = list(order.lines.exclude(variant=None))
    levels = lock_stock([line.variant_id for line in lines])
    for line in sorted(lines, key=lambda item: item.variant_id):
        change_stock(
            levels[line.variant_id],
            line.quantity,
            StockMovement.Reason.RETURNED,
            order=order,
        )


@transaction.atomic
def submit_payment(order, *, bank, account_holder, amount, transfer_date, receipt):
    """Record the customer's payment confirmation and tell the shop."""
    order = lock_order(order)
    if order.state != S.AWAITING_PAYMENT:
        raise TransitionNotAllowed(_("This order is not waiting for payment."))
    confirmation = PaymentConfirmation(
        order=order,
        bank=bank,
        account_holder=account_holder,
        amount=amount,
        transfer_date=transfer_date,
    )
    confirmation.token = receipt.token
    confirmation.receipt.save(receipt.name, receipt.content, save=False)
    confirmation.save()
    transition(order, S.PAYMENT_SUBMITTED, actor=order.user)
    emails.send_payment_submitted(order, confirmation)
    return confirmation


@transaction.atomic
def verify_payment(order, *, actor):
    """Staff saw the money arrive: the order is paid."""
    order = lock_order(order)
    transition(order, S.PAID, actor=actor)
    order.confirmations.filter(status=PaymentConfirmation.Status.PENDING).update(
        status=PaymentConfirmation.Status.ACCEPTED, reviewed_by=actor
    )
    emails.send_payment_verified(order)
    logger.info("Payment of order %s verified", order.number)
    return order


@transaction.atomic
def reject_payment(order, *, actor, reason):
    """Staff could not find the transfer: back to waiting, with a reason."""
    order = lock_order(order)
    if order.state != S.PAYMENT_SUBMITTED:
        raise TransitionNotAllowed(_("No payment confirmation waits for review."))
    transition(order, S.AWAITING_PAYMENT, actor=actor, note=reason)
    order.confirmations.filter(status=PaymentConfirmation.Status.PENDING).update(
        status=PaymentConfirmation.Status.REJECTED, reviewed_by=actor, reason=reason
    )
    emails.send_payment_rejected(order, reason)
    return order


@transaction.atomic
def ship(order, *, actor, courier, tracking_number):
    """The parcel left the shop: record the courier and tracking number."""
    order = lock_order(order)
    order.shipped_with = courier
    order.tracking_number = tracking_number
    transition(order, S.SHIPPED, actor=actor, note=f"{courier} {tracking_number}")
    order.save(update_fields=["shipped_with", "tracking_number"])
    emails.send_order_shipped(order)
    return order


@transaction.atomic
def complete(order, *, actor):
    """The customer has the parcel: the order earns its points."""
    from promotions import points

    order = lock_order(order)
    transition(order, S.COMPLETED, actor=actor)
    entry = points.earn(order)
    if entry is not None:
        from promotions.emails import send_points_earned

        send_points_earned(entry)
    return order


@transaction.atomic
def cancel(order, *, actor, reason=""):
    """Cancel an order and give its stock back."""
    order = lock_order(order)
    transition(order, S.CANCELLED, actor=actor, note=reason)
    emails.send_order_cancelled(order)
    return order


def expire_orders(now=None):
    """Expire every order still unpaid past its deadline; return how many."""
    now = now or timezone.now()
    overdue = Order.objects.filter(
        state=S.AWAITING_PAYMENT, payment_deadline__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(overdue):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=pk)
            if order.state != S.AWAITING_PAYMENT or order.payment_deadline >= now:
                continue
            transition(order, S.EXPIRED, note="payment deadline passed")
            emails.send_order_expired(order)
            count += 1
    if count:
        logger.info("%s unpaid orders expired", count)
    return count


def send_reminders(now=None):
    """Remind customers whose payment deadline is near; return how many."""
    now = now or timezone.now()
    hours = ShopSettings.current().reminder_hours
    due = Order.objects.filter(
        state=S.AWAITING_PAYMENT,
        reminder_sent=False,
        payment_deadline__gt=now,
        payment_deadline__lte=now + timedelta(hours=hours),
    )
    count = 0
    for order in due:
        with transaction.atomic():
            updated = Order.objects.filter(pk=order.pk, reminder_sent=False).update(
                reminder_sent=True
            )
            if updated:
                emails.send_payment_reminder(order)
                count += 1
    return count
