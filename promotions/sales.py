"""Timed sales: the unit price of a variant right now.

A sale's percentage is applied to the unit price and the result rounded
half up to the whole rupiah. Under two sales a variant gets the lower
price, never both.
"""

from dataclasses import dataclass

from django.utils import timezone

from shop.pricing import round_half_up

from .coverage import CoverageSet, load_coverage
from .models import Sale


@dataclass
class ActiveSale:
    sale: Sale
    coverage: CoverageSet

    def price(self, list_price):
        """The unit price under this sale."""
        if self.sale.kind == Sale.Kind.PERCENT:
            percent = min(self.sale.value, 100)
            return round_half_up(list_price * (100 - percent), 100)
        return max(0, list_price - self.sale.value)


def get_active_sales(now=None):
    """Sales running at ``now``: started, and not yet ended."""
    now = now or timezone.now()
    sales = Sale.objects.filter(active=True, starts_at__lte=now, ends_at__gt=now)
    return [ActiveSale(sale, load_coverage(sale)) for sale in sales]


def best_price(product, list_price, sales):
    """The lowest price any covering sale gives, and that sale (or None)."""
    best, best_sale = list_price, None
    for active in sales:
        if active.coverage.covers(product):
            price = active.price(list_price)
            if price < best:
                best, best_sale = price, active.sale
    return best, best_sale


def get_running_sale(now=None):
    """The sale to show on the home page: the one that ends first."""
    now = now or timezone.now()
    return (
        Sale.objects.filter(active=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("ends_at")
        .first()
    )
