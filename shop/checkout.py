"""Placing an order: one transaction that locks stock, the voucher and the
customer's points, takes them, and writes the order with a copy of every
name and price."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from promotions.identity import email_key

from .cart import CartLine
from .models import Order, OrderEvent, OrderLine, ProductVariant, ShippingRate
from .models.orders import OPEN_STATES
from .models.stock import StockMovement
from .pricing import PointsTerms, quote
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


@dataclass
class Request:
    """What a customer asked for at checkout, before any price is known."""

    items: dict
    customer: Customer
    rate: ShippingRate
    token: str
    user: object = None
    language: str = "id"
    payment_hours: int = 24
    voucher_code: str = ""
    points: int = 0


def new_checkout_token():
    return secrets.token_urlsafe(24)


def pick_unique_code():
    """A code from 1 to 999 that no open order has, or CheckoutError.

    So at most 999 orders can wait for payment at once; the thousandth
    customer is asked to come back later.
    """
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
    *,
    items,
    customer,
    rate_id,
    token,
    user=None,
    language="id",
    payment_hours=24,
    voucher_code="",
    points=0,
):
    """Place an order for ``items`` (variant id → quantity), once per token.

    Raises OutOfStock, CheckoutError, VoucherNotApplicable or
    NotEnoughPoints, each with a message for the customer; nothing is
    changed when it does.
    """
    existing = Order.objects.filter(checkout_token=token).first()
    if existing is not None:
        return existing
    if not items:
        raise CheckoutError(_("Your cart is empty."))
    rate = ShippingRate.objects.filter(pk=rate_id, active=True).first()
    if rate is None:
        raise CheckoutError(_("Choose a destination and a shipping service."))
    if points and user is None:
        raise CheckoutError(_("Sign in to spend your points."))
    asked = Request(
        items=items,
        customer=customer,
        rate=rate,
        token=token,
        user=user,
        language=language,
        payment_hours=payment_hours,
        voucher_code=voucher_code or "",
        points=max(0, int(points or 0)),
    )
    try:
        order = _place(asked)
    except IntegrityError:
        # The same checkout was submitted twice at once: the first one won.
        order = Order.objects.filter(checkout_token=token).first()
        if order is None:
            raise
        return order
    logger.info("Order %s placed, total %s", order.number, order.total)
    return order


@transaction.atomic
def _place(asked):
    levels = lock_stock(list(asked.items))
    existing = Order.objects.filter(checkout_token=asked.token).first()
    if existing is not None:
        return existing
    lines = _cart_lines(asked.items, levels)
    voucher = _lock_voucher(asked)
    priced = _price(asked, lines, voucher)
    order = _create_order(asked, priced)
    for line in priced.lines:
        _add_line(order, line)
        change_stock(
            levels[line.variant.pk],
            -line.quantity,
            StockMovement.Reason.ORDER,
            order=order,
        )
    _record_promotions(asked, order, priced)
    OrderEvent.objects.create(order=order, to_state=order.state, actor=asked.user)
    from .emails import send_order_placed

    send_order_placed(order)
    return order


def _cart_lines(items, levels):
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
    return lines


def _lock_voucher(asked):
    """The voucher, locked so that its last use goes to one order only."""
    if not asked.voucher_code:
        return None
    from promotions.models import Voucher
    from promotions.vouchers import check_voucher, find_voucher

    voucher = find_voucher(asked.voucher_code)
    voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
    check_voucher(voucher, user=asked.user, email=asked.customer.email)
    return voucher


def _price(asked, lines, voucher):
    from promotions.models import PromotionSettings
    from promotions.points import NotEnoughPoints, get_balance, lock_account
    from promotions.sales import get_active_sales

    terms = None
    if asked.points:
        lock_account(asked.user)
        balance = get_balance(asked.user)
        if asked.points > balance:
            raise NotEnoughPoints(balance)
        settings = PromotionSettings.current()
        terms = PointsTerms(
            requested=asked.points,
            value=settings.point_value,
            max_share=settings.max_points_share,
        )
    return quote(
        lines, asked.rate, sales=get_active_sales(), voucher=voucher, points=terms
    )


def _record_promotions(asked, order, priced):
    if priced.voucher is not None:
        from promotions.vouchers import record_use

        record_use(
            priced.voucher,
            order,
            discount=priced.discount,
            shipping_discount=priced.shipping_discount,
            user=asked.user,
            email=asked.customer.email,
        )
    if priced.points_used:
        from promotions.points import spend

        spend(asked.user, priced.points_used, order)


def _create_order(asked, priced):
    now = timezone.now()
    for _attempt in range(CODE_ATTEMPTS):
        code = pick_unique_code()
        try:
            with transaction.atomic():
                order = Order.objects.create(
                    **_order_fields(asked, priced),
                    unique_code=code,
                    total=priced.total_before_code + code,
                    payment_deadline=now + timedelta(hours=asked.payment_hours),
                )
        except IntegrityError:
            if _token_taken(asked.token):
                raise
            continue
        local = timezone.localtime(now)
        order.number = f"SK-{local:%y%m}-{order.pk:04d}"
        order.save(update_fields=["number"])
        return order
    raise CheckoutError(_("Please try placing your order again."))


def _order_fields(asked, priced):
    customer, rate = asked.customer, asked.rate
    return {
        "number": f"TMP-{asked.token[:16]}",
        "checkout_token": asked.token,
        "user": asked.user,
        "language": asked.language,
        "full_name": customer.full_name,
        "email": customer.email,
        "email_key": email_key(customer.email),
        "phone": customer.phone,
        "street": customer.street,
        "postcode": customer.postcode,
        "city": rate.city,
        "province": rate.province,
        "note": customer.note,
        "courier": rate.courier,
        "service": rate.service,
        "shipping_days": rate.days,
        "price_per_kg": rate.price_per_kg,
        "weight_grams": priced.weight_grams,
        "shipping_kg": priced.shipping_kg,
        "subtotal": priced.subtotal,
        "voucher_code": priced.voucher.code if priced.voucher else "",
        "discount": priced.discount,
        "shipping_cost": priced.shipping,
        "shipping_discount": priced.shipping_discount,
        "points_used": priced.points_used,
        "points_discount": priced.points_discount,
    }


def _token_taken(token):
    return Order.objects.filter(checkout_token=token).exists()


def _add_line(order, line):
    order_line(order, line).save()


def order_line(order, line):
    """An unsaved order line copying the names and prices of a priced line."""
    variant = line.variant
    return OrderLine(
        order=order,
        variant=variant,
        product_title=variant.page.title,
        variant_label=variant.label,
        sku=variant.sku,
        list_price=line.list_price,
        unit_price=line.unit_price,
        sale_name=line.sale_name,
        quantity=line.quantity,
        weight_grams=variant.weight_grams,
        line_total=line.line_total,
    )
