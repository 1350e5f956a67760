"""Who may see an order: its owner, staff, or a guest with its signed link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "shop.order-access"


def make_order_key(order):
    """A signature over the order number, for the guest's link."""
    return signing.Signer(salt=SALT).sign(order.number).split(":", 1)[1]


def key_is_valid(order, key):
    try:
        signing.Signer(salt=SALT).unsign(f"{order.number}:{key}")
    except signing.BadSignature:
        return False
    return True


def order_link(order, absolute=True):
    """The link to an order page that works for a guest too."""
    path = reverse("shop:order", args=[order.number]) + f"?key={make_order_key(order)}"
    return settings.WAGTAILADMIN_BASE_URL + path if absolute else path


def can_view_order(request, order):
    user = request.user
    if user.is_authenticated and (user.is_staff or order.user_id == user.pk):
        return True
    key = request.GET.get("key") or request.session.get(f"order-key-{order.number}")
    return bool(key) and key_is_valid(order, key)
