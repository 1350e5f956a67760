"""Timed sales in the Wagtail admin: the list with what each sold, and the
form with its coverage. Times are entered and shown in Jakarta time."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView

from shop.models import OrderLine, OrderState
from shop.templatetags.money import format_rupiah

from ..models import Sale
from .base import PromotionModelViewSet, in_jakarta
from .vouchers import JAKARTA_HELP, coverage_panels

NOT_SOLD = [OrderState.CANCELLED, OrderState.EXPIRED]


def lines_sold_at(sale_ref):
    """Order lines sold at a sale: the line names the sale, and its order was
    placed in the sale's window. A sale renamed after it ran loses its lines;
    two sales of one name in one window would share them."""
    return (
        OrderLine.objects.filter(
            sale_name=sale_ref("name"),
            order__created_at__gte=sale_ref("starts_at"),
            order__created_at__lt=sale_ref("ends_at"),
        )
        .exclude(order__state__in=NOT_SOLD)
        .order_by()
        .values("sale_name")
    )


def with_sales_figures(queryset):
    """Annotate each sale's order lines and their revenue, in one query."""
    lines = lines_sold_at(OuterRef)
    count = lines.annotate(n=Count("pk")).values("n")
    revenue = lines.annotate(total=Sum("line_total")).values("total")
    return queryset.annotate(
        line_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        revenue=Coalesce(Subquery(revenue, output_field=IntegerField()), 0),
    )


def sale_status(sale, now=None):
    now = now or timezone.now()
    if not sale.active:
        return _("switched off")
    if now < sale.starts_at:
        return _("scheduled")
    if now < sale.ends_at:
        return _("running")
    return _("ended")


def sale_value(sale):
    if sale.kind == Sale.Kind.PERCENT:
        return f"{sale.value}%"
    return format_rupiah(sale.value)


def revenue(sale):
    return format_rupiah(sale.revenue)


class SaleIndexView(IndexView):
    """Sales with their state and what they sold."""

    def get_base_queryset(self):
        return with_sales_figures(Sale.objects.all())


class SaleViewSet(PromotionModelViewSet):
    """Timed sales: a percentage or rupiah off covered products."""

    model = Sale
    icon = "date"
    menu_label = _("Sales")
    index_view_class = SaleIndexView
    copy_view_enabled = True
    add_to_reference_index = False
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("value", label=_("Value"), accessor=sale_value),
        Column(
            "starts_at",
            label=_("Starts"),
            accessor=in_jakarta("starts_at"),
            sort_key="starts_at",
        ),
        Column(
            "ends_at",
            label=_("Ends"),
            accessor=in_jakarta("ends_at"),
            sort_key="ends_at",
        ),
        Column("status", label=_("State"), accessor=sale_status),
        Column("line_count", label=_("Lines sold"), sort_key="line_count"),
        Column("revenue", label=_("Revenue"), accessor=revenue, sort_key="revenue"),
    ]
    list_export = ["name", "kind", "value", "starts_at", "ends_at", "active"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kind"), FieldPanel("value")],
            heading=_("Sale"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("starts_at", help_text=JAKARTA_HELP),
                FieldPanel("ends_at", help_text=JAKARTA_HELP),
                FieldPanel("active"),
            ],
            heading=_("When"),
        ),
        coverage_panels(),
    ]
