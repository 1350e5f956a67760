"""The shop in the Wagtail admin: orders, shipping rates, stock, taxonomy."""

from wagtail import hooks

from .admin.orders import OrderViewSet


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet("orders")
