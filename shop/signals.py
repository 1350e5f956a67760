"""Signal receivers of the shop, connected in ShopConfig.ready()."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .cart import OWNER_KEY, SESSION_KEY, merge_session_cart


@receiver(user_logged_in, dispatch_uid="shop_merge_cart_on_login")
def merge_cart_on_login(sender, request, user, **kwargs):
    """Keep what a guest put in the cart when they sign in."""
    if request is None or not hasattr(request, "session"):
        return
    items = request.session.get(SESSION_KEY) or {}
    if request.session.get(OWNER_KEY) == user.pk:
        # The session already mirrors this customer's stored cart.
        items = {}
    merged = merge_session_cart(items, user)
    request.session[SESSION_KEY] = {str(k): v for k, v in merged.items()}
    request.session[OWNER_KEY] = user.pk
