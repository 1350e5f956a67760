"""The shop in the Wagtail admin: orders, shipping rates, stock, taxonomy."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin.orders import OrderViewSet
from .admin.shipping import ShippingRateViewSet
from .admin.stock import StockViewSet
from .models import Material, Motif, Technique


class ShopViewSetGroup(ViewSetGroup):
    """The shop's own tables: shipping rates and stock."""

    menu_label = _("Shop")
    menu_icon = "cogs"
    menu_order = 160
    items = [
        ShippingRateViewSet("shipping-rates"),
        StockViewSet("stock"),
    ]


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet("orders")


@hooks.register("register_admin_viewset")
def register_shop_viewsets():
    return ShopViewSetGroup()


class TaxonomyViewSet(SnippetViewSet):
    """A motif, technique or material, kept by editors."""

    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MotifViewSet(TaxonomyViewSet):
    model = Motif


class TechniqueViewSet(TaxonomyViewSet):
    model = Technique


class MaterialViewSet(TaxonomyViewSet):
    model = Material


class ClothViewSetGroup(SnippetViewSetGroup):
    """Motifs, techniques and materials, which products and stories share."""

    menu_label = _("Cloth")
    menu_icon = "tag"
    menu_order = 170
    items = (MotifViewSet, TechniqueViewSet, MaterialViewSet)


register_snippet(ClothViewSetGroup)
