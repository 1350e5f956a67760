"""Placing an order: one transaction that locks stock, takes it and writes
the order with a copy of every name and price."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .cart import CartLine
from .models import Order, OrderEvent, OrderLine, ProductVariant, ShippingRate
from .models.orders import OPEN_STATES
from .models.stock import StockMovement
from .pricing import quote
from .stock import OutOfStock, change_stock, lock_stock

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 20


class CheckoutError(Exception):
    """The order cannot be placed; the message says why to the customer."""


@dataclass
class Customer:
    full_name: str
    email: str
    phone: str
    street: str
    city: str
    postcode: str = ""
    note: str = ""


def new_checkout_token():
    return secrets.token_urlsafe(24)


def pick_unique_code():
    """A code from 1 to 999 that no open order has, or CheckoutError."""
    taken = set(
        Order.objects.filter(state__in=OPEN_STATES).values_list(
            "unique_code", flat=True
        )
    )
    free = [code for code in range(1, 1000) if code not in taken]
    if not free:
        raise CheckoutError(
            _("The shop cannot take more orders right now. Please try again later.")
        )
    return secrets.choice(free)


def place_order(
    *, items, customer, rate_id, token, user=None, language="id", payment_hours=24
):
    """Place an order for ``items`` (variant id → quantity), once per token."""
    existing = Order.objects.filter(checkout_token=token).first()
    if existing is not None:
        return existing
    if not items:
        raise CheckoutError(_("Your cart is empty."))
    rate = ShippingRate.objects.filter(pk=rate_id, active=True).first()
    if rate is None:
        raise CheckoutError(_("Choose a destination and a shipping service."))
    try:
        order = _place(items, customer, rate, token, user, language, payment_hours)
    except IntegrityError:
        # The same checkout was submitted twice at once: the first one won.
        order = Order.objects.filter(checkout_token=token).first()
        if order is None:
            raise
        return order
    logger.info("Order %s placed, total %s", order.number, order.total)
    return order


@transaction.atomic
def _place(items, customer, rate, token, user, language, payment_hours):
    levels = lock_stock(list(items))
    existing = Order.objects.filter(checkout_token=token).first()
    if existing is not None:
        return existing
    variants = ProductVariant.objects.filter(
        pk__in=items, page__live=True
    ).select_related("page")
    found = {v.pk: v for v in variants}
    if len(found) != len(items):
        raise CheckoutError(
            _("Some items in your cart are no longer sold. Please check your cart.")
        )
    lines = [CartLine(found[pk], qty) for pk, qty in sorted(items.items())]
    for line in lines:
        available = levels[line.variant.pk].quantity
        if line.quantity > available:
            raise OutOfStock(line.variant, available)
    priced = quote(lines, rate)
    order = _create_order(priced, customer, rate, token, user, language, payment_hours)
    for line in priced.lines:
        _add_line(order, line)
        change_stock(
            levels[line.variant.pk],
            -line.quantity,
            StockMovement.Reason.ORDER,
            order=order,
        )
    OrderEvent.objects.create(order=order, to_state=order.state, actor=user)
    from .emails import send_order_placed

    send_order_placed(order)
    return order


def _create_order(priced, customer, rate, token, user, language, payment_hours):
    now = timezone.now()
    for _attempt in range(CODE_ATTEMPTS):
        code = pick_unique_code()
        try:
            with transaction.atomic():
                order = Order.objects.create(
                    number=f"TMP-{token[:16]}",
                    checkout_token=token,
                    user=user,
                    language=language,
                    full_name=customer.full_name,
                    email=customer.email,
                    phone=customer.phone,
                    street=customer.street,
                    postcode=customer.postcode,
                    city=rate.city,
                    province=rate.province,
                    note=customer.note,
                    courier=rate.courier,
                    service=rate.service,
                    shipping_days=rate.days,
                    price_per_kg=rate.price_per_kg,
                    weight_grams=priced.weight_grams,
                    shipping_kg=priced.shipping_kg,
                    subtotal=priced.subtotal,
                    discount=priced.discount,
                    shipping_cost=priced.shipping,
                    points_discount=priced.points_discount,
                    unique_code=code,
                    total=priced.total_before_code + code,
                    payment_deadline=now + timedelta(hours=payment_hours),
                )
        except IntegrityError as error:
            if "checkout_token" in str(error) or _token_taken(token):
                raise
            continue
        local = timezone.localtime(now)
        order.number = f"SK-{local:%y%m}-{order.pk:04d}"
        order.save(update_fields=["number"])
        return order
    raise CheckoutError(_("Please try placing your order again."))


def _token_taken(token):
    return Order.objects.filter(checkout_token=token).exists()


def _add_line(order, line):
    variant = line.variant
    OrderLine.objects.create(
        order=order,
        variant=variant,
        product_title=variant.page.title,
        variant_label=variant.label,
        sku=variant.sku,
        list_price=line.list_price,
        unit_price=line.unit_price,
        quantity=line.quantity,
        weight_grams=variant.weight_grams,
        line_total=line.line_total,
    )
