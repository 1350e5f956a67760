"""Promotions in the Wagtail admin: vouchers, sales and loyalty points,
under one menu for the Marketing group."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from . import newsletter_hooks  # noqa: F401
from .admin.customers import customer_chooser_viewset
from .admin.points import PointsViewSet
from .admin.sales import SaleViewSet
from .admin.vouchers import VoucherViewSet


class PromotionsViewSetGroup(ViewSetGroup):
    """Vouchers, sales and points, the marketer's tools."""

    menu_label = _("Promotions")
    menu_icon = "tag"
    menu_order = 165
    items = [
        VoucherViewSet("vouchers"),
        SaleViewSet("sales"),
        PointsViewSet("points"),
    ]


@hooks.register("register_permissions")
def register_points_permissions():
    """Points and voucher uses have no model viewset to offer theirs."""
    return Permission.objects.filter(
        content_type__app_label="promotions",
        codename__in=["view_pointsentry", "add_pointsentry", "view_voucheruse"],
    )


@hooks.register("register_admin_viewset")
def register_customer_chooser():
    return customer_chooser_viewset


@hooks.register("register_admin_viewset")
def register_promotions():
    return PromotionsViewSetGroup()
