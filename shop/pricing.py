"""Prices, computed on the server alone, in the order DESIGN.md gives:
the sale price of each line, the subtotal, the voucher discount, shipping,
points redeemed, and last the unique code that lets a transfer be matched
to its order (added when the order is placed)."""

import math
from dataclasses import dataclass, field

GRAMS_PER_KG = 1000


def round_half_up(numerator, denominator):
    """Divide two whole numbers and round half up, without floats."""
    return (2 * numerator + denominator) // (2 * denominator)


def chargeable_kg(weight_grams):
    """Weight charged by couriers: whole kilograms, rounded up, at least 1."""
    return max(1, math.ceil(weight_grams / GRAMS_PER_KG))


@dataclass
class PricedLine:
    variant: object
    quantity: int
    list_price: int
    unit_price: int
    sale_name: str = ""

    @property
    def on_sale(self):
        return self.unit_price < self.list_price

    @property
    def line_total(self):
        return self.unit_price * self.quantity

    @property
    def weight_grams(self):
        return self.variant.weight_grams * self.quantity


@dataclass
class Quote:
    """Every amount of an order before it is placed."""

    lines: list = field(default_factory=list)
    subtotal: int = 0
    voucher: object = None
    discount: int = 0
    weight_grams: int = 0
    shipping_kg: int = 0
    shipping: int = 0
    shipping_discount: int = 0
    points_used: int = 0
    points_discount: int = 0

    @property
    def goods_after_discount(self):
        return self.subtotal - self.discount

    @property
    def shipping_to_pay(self):
        return self.shipping - self.shipping_discount

    @property
    def total_before_code(self):
        total = self.goods_after_discount + self.shipping_to_pay
        return max(0, total - self.points_discount)


@dataclass
class PointsTerms:
    """How many points a customer wants to spend, and what one is worth."""

    requested: int = 0
    value: int = 100
    max_share: int = 50


def price_lines(cart_lines, sales=()):
    """Price each cart line at its best sale price right now."""
    from promotions.sales import best_price

    priced = []
    for line in cart_lines:
        price, sale = best_price(line.variant.page, line.variant.price, sales)
        priced.append(
            PricedLine(
                variant=line.variant,
                quantity=line.quantity,
                list_price=line.variant.price,
                unit_price=price,
                sale_name=sale.name if sale else "",
            )
        )
    return priced


def redeemable_points(goods, terms):
    """Points that may pay for at most ``max_share`` percent of the goods."""
    if terms.value <= 0:
        return 0
    share = min(max(terms.max_share, 0), 100)
    limit = goods * share // 100 // terms.value
    return max(0, min(terms.requested, limit))


def quote(cart_lines, rate=None, *, sales=(), voucher=None, points=None):
    """Price a cart; a voucher that does not apply raises VoucherNotApplicable."""
    lines = price_lines(cart_lines, sales)
    result = Quote(lines=lines)
    result.subtotal = sum(line.line_total for line in lines)
    result.weight_grams = sum(line.weight_grams for line in lines)
    result.shipping_kg = chargeable_kg(result.weight_grams)
    if rate is not None:
        result.shipping = rate.price_per_kg * result.shipping_kg
    if voucher is not None:
        from promotions.vouchers import voucher_discount

        discount, shipping_discount = voucher_discount(voucher, lines, result.shipping)
        result.voucher = voucher
        result.discount = discount
        result.shipping_discount = min(shipping_discount, result.shipping)
    if points is not None and points.requested:
        result.points_used = redeemable_points(result.goods_after_discount, points)
        result.points_discount = result.points_used * points.value
    return result
