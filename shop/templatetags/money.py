"""The one way an amount of money is written: ``Rp 1.250.000``."""

from django import template

register = template.Library()


def format_rupiah(amount):
    """Write whole rupiah with dots between thousands: ``Rp 1.250.000``."""
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


register.filter("rupiah", format_rupiah)


@register.filter
def grams(value):
    """Whole numbers with dots between thousands: ``1.850``."""
    return f"{int(value or 0):,}".replace(",", ".")
