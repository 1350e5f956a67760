"""Prices, computed on the server alone, in the order DESIGN.md gives:
sale price of each line, subtotal, voucher discount, shipping, points, and
last the unique code that lets a transfer be matched to its order."""

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
    discount: int = 0
    weight_grams: int = 0
    shipping_kg: int = 0
    shipping: int = 0
    points_discount: int = 0

    @property
    def total_before_code(self):
        total = self.subtotal - self.discount + self.shipping - self.points_discount
        return max(0, total)


def unit_price(variant):
    """The price of one unit now. Timed sales will lower it here."""
    return variant.price


def price_lines(cart_lines):
    """Price each cart line at today's unit price."""
    return [
        PricedLine(
            variant=line.variant,
            quantity=line.quantity,
            list_price=line.variant.price,
            unit_price=unit_price(line.variant),
        )
        for line in cart_lines
    ]


def quote(cart_lines, rate=None):
    """Price a cart, with shipping when a rate is chosen."""
    lines = price_lines(cart_lines)
    result = Quote(lines=lines)
    result.subtotal = sum(line.line_total for line in lines)
    result.weight_grams = sum(line.weight_grams for line in lines)
    result.shipping_kg = chargeable_kg(result.weight_grams)
    if rate is not None:
        result.shipping = rate.price_per_kg * result.shipping_kg
    return result
