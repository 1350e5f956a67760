"""The cart: in the session for everyone, stored for a signed-in customer.

A cart is a mapping of variant id to quantity. For a signed-in customer
the stored rows are the truth and the session follows them; on sign-in
the session's cart is merged into the stored one, never lost.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Cart as StoredCart
from .models import CartItem, ProductVariant
from .stock import get_stock

SESSION_KEY = "cart"
# Whose stored cart the session's copy mirrors; a guest's cart has none.
OWNER_KEY = "cart_owner"
MAX_QUANTITY = 99


class CartError(Exception):
    """Something a customer asked of the cart that cannot be done."""


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int

    @property
    def product(self):
        return self.variant.page


def parse_quantity(raw):
    """Turn what a customer typed into a quantity, or raise CartError."""
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise CartError(_("Enter the quantity as a whole number.")) from None
    if quantity < 1:
        raise CartError(_("The quantity must be at least 1."))
    if quantity > MAX_QUANTITY:
        raise CartError(_("At most %(max)s per item.") % {"max": MAX_QUANTITY})
    return quantity


def get_live_variant(variant_id):
    """A variant of a live product, or CartError."""
    try:
        variant_id = int(variant_id)
    except (TypeError, ValueError):
        variant_id = None
    variant = (
        ProductVariant.objects.filter(pk=variant_id, page__live=True)
        .select_related("page")
        .first()
    )
    if variant is None:
        raise CartError(_("That product is no longer available."))
    return variant


class SessionCart:
    """The cart of the current request."""

    def __init__(self, request):
        self.request = request
        self.session = request.session
        self.user = request.user if request.user.is_authenticated else None
        if self.user is not None:
            self.items = self._load_stored()
        else:
            raw = self.session.get(SESSION_KEY) or {}
            self.items = {int(k): int(v) for k, v in raw.items()}

    def _load_stored(self):
        rows = CartItem.objects.filter(cart__user=self.user)
        return dict(rows.values_list("variant_id", "quantity"))

    def _save(self):
        self.session[SESSION_KEY] = {str(k): v for k, v in self.items.items()}
        if self.user is not None:
            self.session[OWNER_KEY] = self.user.pk
            save_stored_cart(self.user, self.items)

    def __len__(self):
        return sum(self.items.values())

    def add(self, variant_id, raw_quantity):
        """Add units of a variant, refusing more than the shop has."""
        variant = get_live_variant(variant_id)
        quantity = parse_quantity(raw_quantity)
        self._check_stock(variant, self.items.get(variant.pk, 0) + quantity)
        self.items[variant.pk] = self.items.get(variant.pk, 0) + quantity
        self._save()
        return variant

    def set(self, variant_id, raw_quantity):
        """Set how many units of a variant the cart holds."""
        variant = get_live_variant(variant_id)
        if variant.pk not in self.items:
            raise CartError(_("That item is not in your cart."))
        quantity = parse_quantity(raw_quantity)
        self._check_stock(variant, quantity)
        self.items[variant.pk] = quantity
        self._save()
        return variant

    def remove(self, variant_id):
        try:
            self.items.pop(int(variant_id), None)
        except (TypeError, ValueError):
            return
        self._save()

    def clear(self):
        self.items = {}
        self._save()

    def _check_stock(self, variant, quantity):
        available = get_stock(variant.pk)
        if available <= 0:
            raise CartError(_("%(name)s is out of stock.") % {"name": variant})
        if quantity > available:
            raise CartError(
                _("Only %(count)s left of %(name)s.")
                % {"count": available, "name": variant}
            )
        if quantity > MAX_QUANTITY:
            raise CartError(_("At most %(max)s per item.") % {"max": MAX_QUANTITY})

    def lines(self):
        """The cart's lines, dropping variants that no longer exist."""
        variants = ProductVariant.objects.filter(
            pk__in=self.items, page__live=True
        ).select_related("page", "stock")
        found = {v.pk: v for v in variants}
        return [
            CartLine(found[pk], qty) for pk, qty in self.items.items() if pk in found
        ]


@transaction.atomic
def save_stored_cart(user, items):
    """Make the stored cart of ``user`` hold exactly ``items``."""
    cart, _created = StoredCart.objects.get_or_create(user=user)
    cart.items.exclude(variant_id__in=items).delete()
    existing = set(
        ProductVariant.objects.filter(pk__in=items).values_list("pk", flat=True)
    )
    for variant_id, quantity in items.items():
        if variant_id in existing:
            CartItem.objects.update_or_create(
                cart=cart, variant_id=variant_id, defaults={"quantity": quantity}
            )
    cart.save(update_fields=["updated_at"])


def merge_session_cart(session_items, user):
    """Add a guest's cart to the customer's stored cart on sign-in."""
    stored = dict(
        CartItem.objects.filter(cart__user=user).values_list("variant_id", "quantity")
    )
    for variant_id, quantity in session_items.items():
        variant_id = int(variant_id)
        merged = stored.get(variant_id, 0) + int(quantity)
        stored[variant_id] = min(merged, MAX_QUANTITY)
    save_stored_cart(user, stored)
    return stored
