"""The shop in the Wagtail admin: orders, shipping rates, stock, taxonomy,
reports and the dashboard's panels."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin import dashboard
from .admin import reports as report_views
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


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = (report_views.get_urlpatterns(), report_views.NAMESPACE)
    return [path("shop-reports/", include(urls, namespace=report_views.NAMESPACE))]


@hooks.register("construct_reports_menu")
def add_shop_reports(request, menu_items):
    menu_items.extend(report_views.get_menu_items(request))


@hooks.register("construct_homepage_panels")
def add_shop_panels(request, panels):
    panels.extend(dashboard.get_panels(request))


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
