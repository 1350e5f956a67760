"""Vouchers: whether a code applies to an order, and what it takes off.

A voucher's percentage applies to the subtotal of the lines it covers and
is rounded half up once; the discount is capped and never more than those
lines. One voucher per order.
"""

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.pricing import round_half_up
from shop.templatetags.money import format_rupiah

from .coverage import load_coverage
from .identity import email_key
from .models import Voucher, VoucherUse, normalise_code


class VoucherNotApplicable(Exception):
    """The code cannot be used on this order; ``message`` says why."""

    def __init__(self, message, code):
        self.message = message
        self.code = code
        super().__init__(code)

    def __str__(self):
        return str(self.message)


def refuse(message, code):
    raise VoucherNotApplicable(message, code)


def find_voucher(code):
    """The voucher with this code, whatever its case, or a refusal."""
    code = normalise_code(code)
    voucher = Voucher.objects.filter(code=code, active=True).first() if code else None
    if voucher is None:
        refuse(_("We don't know the code “%(code)s”.") % {"code": code[:40]}, "unknown")
    return voucher


def active_uses(voucher):
    return VoucherUse.objects.filter(voucher=voucher, returned_at=None)


def uses_by(voucher, user, email):
    """Uses of a voucher by this account or this address (for guests)."""
    match = Q(email_key=email_key(email)) if email else Q(pk__in=[])
    if user is not None:
        match |= Q(user=user)
    return active_uses(voucher).filter(match).count()


def check_voucher(voucher, *, user=None, email="", now=None):
    """Refuse a voucher that is not open to this customer at ``now``."""
    now = now or timezone.now()
    if voucher.starts_at and now < voucher.starts_at:
        refuse(_("This code is not valid yet."), "not_started")
    # A code "until 31 December" ends at 23:59:59.000 Jakarta time: the
    # last fraction of that second is not honoured.
    if voucher.ends_at and now >= voucher.ends_at:
        refuse(_("This code has expired."), "expired")
    if voucher.owner_id and (user is None or user.pk != voucher.owner_id):
        refuse(
            _("This code is personal: sign in to the account it was given to."),
            "not_yours",
        )
    uses = active_uses(voucher)
    if voucher.max_uses is not None and uses.count() >= voucher.max_uses:
        refuse(_("This code has been used up."), "used_up")
    if voucher.budget is not None:
        given = (
            uses.aggregate(total=Sum("discount") + Sum("shipping_discount"))["total"]
            or 0
        )
        if given >= voucher.budget:
            refuse(_("This code has been used up."), "used_up")
    limit = voucher.max_uses_per_customer
    if limit is not None and (user or email) and uses_by(voucher, user, email) >= limit:
        refuse(_("You have already used this code."), "already_used")
    if voucher.first_order_only and has_ordered(user, email):
        refuse(_("This code is for a first order only."), "not_first_order")


def has_ordered(user, email):
    from shop.models import Order, OrderState

    orders = Order.objects.exclude(state__in=[OrderState.CANCELLED, OrderState.EXPIRED])
    match = Q(email_key=email_key(email)) if email else Q(pk__in=[])
    if user is not None:
        match |= Q(user=user)
    return orders.filter(match).exists()


def voucher_discount(voucher, lines, shipping):
    """Return (goods discount, shipping discount) for priced ``lines``."""
    subtotal = sum(line.line_total for line in lines)
    if subtotal < voucher.min_subtotal:
        refuse(
            _("This code needs an order of at least %(min)s.")
            % {"min": format_rupiah(voucher.min_subtotal)},
            "minimum",
        )
    if voucher.kind == Voucher.Kind.FREE_SHIPPING:
        return 0, min(shipping, budget_left(voucher, shipping))
    coverage = load_coverage(voucher)
    covered = [line for line in lines if coverage.covers(line.variant.page)]
    if not covered:
        refuse(_("Nothing in your cart is covered by this code."), "nothing_covered")
    if not voucher.applies_to_sale_items:
        covered = [line for line in covered if not line.on_sale]
        if not covered:
            refuse(
                _("This code does not apply to items already on sale."),
                "sale_items",
            )
    base = sum(line.line_total for line in covered)
    if voucher.kind == Voucher.Kind.PERCENT:
        discount = round_half_up(base * min(voucher.value, 100), 100)
    else:
        discount = voucher.value
    if voucher.max_discount is not None:
        discount = min(discount, voucher.max_discount)
    discount = min(discount, budget_left(voucher, discount))
    return min(discount, base), 0


def budget_left(voucher, wanted):
    """What the voucher may still give: all of ``wanted`` without a budget."""
    if voucher.budget is None:
        return wanted
    given = active_uses(voucher).aggregate(
        total=Sum("discount") + Sum("shipping_discount")
    )["total"]
    return max(0, voucher.budget - (given or 0))


def record_use(voucher, order, *, discount, shipping_discount, user, email):
    """Count a use of a (locked) voucher for a placed order."""
    return VoucherUse.objects.create(
        voucher=voucher,
        order=order,
        user=user,
        email_key=email_key(email),
        discount=discount,
        shipping_discount=shipping_discount,
    )


def give_back_use(order):
    """An order cancelled or expired frees its voucher use."""
    VoucherUse.objects.filter(order=order, returned_at=None).update(
        returned_at=timezone.now()
    )
