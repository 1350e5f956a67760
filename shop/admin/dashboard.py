"""Panels on the Wagtail dashboard: orders waiting for staff, variants
running out, and the last thirty days of sales as a chart.

Each panel goes only to staff whose permissions cover what it shows.
"""

import logging

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from .. import reports
from ..charts import Bar, bar_chart
from ..models import Order, OrderState, ShopSettings
from ..reports import DateRange
from ..templatetags.money import format_rupiah
from .orders import in_jakarta

logger = logging.getLogger(__name__)

ROWS = 10
CHART_DAYS = 30
LABEL_EVERY = 5


class WaitingOrdersPanel(Component):
    """Payments to verify and parcels to send, oldest first."""

    name = "shop_waiting_orders"
    template_name = "shop/admin/dashboard/waiting_orders.html"
    order = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["groups"] = [
            self.group(OrderState.PAYMENT_SUBMITTED, _("Payments to verify"), "verify"),
            self.group(OrderState.PAID, _("Paid, to ship"), "ship"),
            self.group(
                OrderState.AWAITING_PAYMENT, _("Waiting for a transfer"), "wait"
            ),
        ]
        return context

    def group(self, state, heading, action):
        orders = Order.objects.filter(state=state).order_by("created_at", "pk")
        return {
            "heading": heading,
            "count": orders.count(),
            "list_url": reverse("orders:index") + f"?state={state}",
            "orders": [
                {
                    "number": order.number,
                    "url": reverse("orders:inspect", args=[order.pk]),
                    "name": order.full_name,
                    "total": format_rupiah(order.total),
                    "placed": in_jakarta(order.created_at),
                }
                for order in orders[:ROWS]
            ],
            "action": action,
        }


class LowStockPanel(Component):
    """Variants at or below the shop's low-stock line, sold-out first."""

    name = "shop_low_stock"
    template_name = "shop/admin/dashboard/low_stock.html"
    order = 20

    def __init__(self, threshold):
        self.threshold = threshold

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        variants = reports.get_low_stock(self.threshold)
        context.update(
            threshold=self.threshold,
            count=variants.count(),
            variants=[
                {
                    "sku": variant.sku,
                    "product": variant.page.title,
                    "label": variant.label,
                    "quantity": variant.quantity,
                    "url": reverse("stock:adjust", args=[variant.pk]),
                }
                for variant in variants[: ROWS * 2]
            ],
            stock_url=reverse("stock:index"),
        )
        return context


class SalesChartPanel(Component):
    """Net sales of paid orders per Jakarta day, the last thirty days."""

    name = "shop_sales_chart"
    template_name = "shop/admin/dashboard/sales_chart.html"
    order = 30

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        date_range = DateRange.last_days(CHART_DAYS)
        days = reports.get_daily_sales(date_range)
        totals = reports.get_sales_totals(date_range)
        context.update(
            chart=bar_chart(
                [day_bar(n, day, row, len(days)) for n, (day, row) in enumerate(days)],
                _("Net sales per day, last %(days)s days") % {"days": CHART_DAYS},
            ),
            net=format_rupiah(totals["net"]),
            orders=totals["orders"],
            report_url=reverse("shop_reports:sales")
            + f"?first={date_range.first}&last={date_range.last}",
        )
        return context


def day_bar(number, day, row, count):
    """A day's bar: labelled every few days and on the last, with a tip."""
    labelled = number % LABEL_EVERY == 0 or number == count - 1
    orders = ngettext("%(n)s order", "%(n)s orders", row["orders"]) % {
        "n": row["orders"]
    }
    tip = "{}: {} ({})".format(
        formats.date_format(day, "D j M Y"), format_rupiah(row["net"]), orders
    )
    label = formats.date_format(day, "j M") if labelled else ""
    return Bar(value=row["net"], label=label, tip=tip)


def get_panels(request):
    """The shop's panels this user may see."""
    user = request.user
    panels = []
    if user.has_perm("shop.change_order"):
        panels.append(WaitingOrdersPanel())
    if user.has_perm("shop.view_stocklevel"):
        threshold = ShopSettings.for_request(request).low_stock_threshold
        panels.append(LowStockPanel(threshold))
    if user.has_perm("shop.view_order"):
        panels.append(SalesChartPanel())
    return panels
