"""Template context shared by every public page."""

from django.utils.functional import SimpleLazyObject


def _categories():
    from .models import ProductIndexPage

    return list(ProductIndexPage.objects.live().public().in_menu().order_by("path"))


def _story_index():
    from home.models import StoryIndexPage

    return StoryIndexPage.objects.live().public().first()


def cart(request):
    """Cart size from the session, and the menu, loaded only if shown."""
    items = {}
    if hasattr(request, "session"):
        items = request.session.get("cart") or {}
    return {
        "cart_count": sum(int(v) for v in items.values()),
        "site_categories": SimpleLazyObject(_categories),
        "story_index": SimpleLazyObject(_story_index),
    }
