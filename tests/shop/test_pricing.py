"""Prices from whole numbers: charged weight and rounding half up."""

import pytest

from shop.cart import CartLine
from shop.pricing import chargeable_kg, quote, round_half_up
from tests.factories import ShippingRateFactory, variant


@pytest.mark.parametrize(
    ("grams", "kg"),
    [
        (0, 1),
        (1, 1),
        (999, 1),
        (1000, 1),
        (1001, 2),
        (2000, 2),
        (2300, 3),
        (10_500, 11),
    ],
)
def test_chargeable_weight_is_whole_kilograms_rounded_up_at_least_one(grams, kg):
    assert chargeable_kg(grams) == kg


@pytest.mark.parametrize(
    ("numerator", "denominator", "rounded"),
    [
        (5, 2, 3),  # 2.5 goes up
        (3, 2, 2),  # 1.5 goes up
        (7, 2, 4),
        (4, 2, 2),
        (1, 3, 0),  # 0.33 goes down
        (2, 3, 1),  # 0.67 goes up
        (425_555 * 10, 100, 42_556),  # 10 % of Rp 425.555 is 42.555,5
        (425_554 * 10, 100, 42_555),  # 10 % of Rp 425.554 is 42.555,4
        (1_750_000 * 15, 100, 262_500),
    ],
)
def test_round_half_up_rounds_halves_up_and_the_rest_to_nearest(
    numerator, denominator, rounded
):
    assert round_half_up(numerator, denominator) == rounded


def test_round_half_up_is_exact_for_amounts_beyond_float_precision():
    # 10**17 + 1 rupiah is not representable as a float.
    assert round_half_up(2 * (10**17 + 1), 2) == 10**17 + 1


@pytest.mark.django_db
def test_quote_of_worked_example_charges_three_kilograms_to_medan(songket, batik):
    medan = ShippingRateFactory(city="Medan", price_per_kg=18_000)
    lines = [CartLine(variant(songket), 2), CartLine(variant(batik), 1)]

    result = quote(lines, medan)

    assert result.subtotal == 3_925_000
    assert result.weight_grams == 2_300
    assert result.shipping_kg == 3
    assert result.shipping == 54_000
    assert result.total_before_code == 3_979_000


@pytest.mark.django_db
def test_quote_without_a_rate_has_no_shipping(songket):
    result = quote([CartLine(variant(songket), 1)])

    assert result.shipping == 0
    assert result.total_before_code == 1_750_000


def test_points_never_pay_more_than_the_goods_whatever_the_setting():
    from shop.pricing import PointsTerms, redeemable_points

    terms = PointsTerms(requested=1_000_000, value=100, max_share=150)

    assert redeemable_points(100_000, terms) * 100 == 100_000
