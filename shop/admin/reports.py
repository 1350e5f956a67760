"""The shop's reports in the Wagtail admin, under Wagtail's Reports menu.

Each report reads a range of Jakarta days, shows its tables, and exports
them as CSV (one table) or XLSX (every table, a sheet each). The numbers
come from ``shop.reports``; this module only names columns and renders.
"""

import logging
from dataclasses import dataclass

from django import forms
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import reports
from ..exports import CSV_TYPE, XLSX_TYPE, Column, Table, write_csv, write_xlsx
from ..models import Order
from ..reports import DateRange
from ..templatetags.money import format_rupiah

logger = logging.getLogger(__name__)

NAMESPACE = "shop_reports"
NOWRAP_KEYS = {"number", "waiting", "code"}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportRangeForm(forms.Form):
    """From and to, as days in Jakarta; both may be left empty."""

    first = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=DATE_INPUT
    )
    last = forms.DateField(label=gettext_lazy("To"), required=False, widget=DATE_INPUT)
    period = forms.ChoiceField(
        label=gettext_lazy("By"),
        required=False,
        choices=[
            ("day", gettext_lazy("day")),
            ("week", gettext_lazy("week")),
            ("month", gettext_lazy("month")),
        ],
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and first > last:
            raise forms.ValidationError(
                _("The first day comes after the last."), code="reversed_range"
            )
        return data


@dataclass
class Report:
    """One report: its menu entry, its help, its default range and tables."""

    slug: str
    title: str
    help_text: str
    tables: object
    icon: str = "table"
    default_days: int | None = 30
    has_period: bool = False
    order: int = 100


def columns(*specs):
    return [Column(*spec) for spec in specs]


MONEY_COLUMNS = [
    ("orders", gettext_lazy("Orders"), "int"),
    ("goods", gettext_lazy("Goods"), "money"),
    ("discounts", gettext_lazy("Discounts"), "money"),
    ("shipping", gettext_lazy("Shipping"), "money"),
    ("net", gettext_lazy("Net"), "money"),
    ("received", gettext_lazy("Received"), "money"),
]


def incoming_tables(date_range, period):
    return [
        Table(
            _("Incoming orders"),
            columns(
                ("number", _("Order")),
                ("state", _("State")),
                ("placed", _("Placed (WIB)"), "datetime"),
                ("waiting", _("Waiting")),
                ("hours", _("Hours waiting"), "int"),
                ("customer", _("Customer")),
                ("city", _("City")),
                ("total", _("Total"), "money"),
            ),
            reports.get_incoming_orders(date_range),
        )
    ]


def sales_tables(date_range, period):
    labels = {"day": _("Day"), "week": _("Week from"), "month": _("Month")}
    kind = "date" if period != "month" else "month"
    return [
        Table(
            _("Sales"),
            columns(("period", labels[period], kind), *MONEY_COLUMNS),
            reports.get_sales_by_period(date_range, period),
        )
    ]


def product_tables(date_range, period):
    totals = (
        ("quantity", _("Quantity"), "int"),
        ("orders", _("Orders"), "int"),
        ("revenue", _("Revenue"), "money"),
    )
    return [
        Table(
            _("By category"),
            columns(("category", _("Category")), *totals),
            reports.get_sales_by_category(date_range),
        ),
        Table(
            _("By product"),
            columns(("product", _("Product")), ("category", _("Category")), *totals),
            reports.get_sales_by_product(date_range),
        ),
    ]


def promotion_tables(date_range, period):
    return [
        Table(
            _("Vouchers"),
            columns(
                ("code", _("Code")),
                ("name", _("Name")),
                ("uses", _("Uses"), "int"),
                ("given", _("Given"), "money"),
                ("paid_orders", _("Paid orders"), "int"),
                ("revenue", _("Revenue (net)"), "money"),
            ),
            reports.get_voucher_report(date_range),
        ),
        Table(
            _("Sales"),
            columns(
                ("sale", _("Sale")),
                ("quantity", _("Quantity"), "int"),
                ("orders", _("Orders"), "int"),
                ("given", _("Given"), "money"),
                ("revenue", _("Revenue"), "money"),
            ),
            reports.get_sale_report(date_range),
        ),
    ]


def customer_tables(date_range, period):
    repeat = reports.get_repeat_rate(date_range)
    return [
        Table(
            _("Customers by month"),
            columns(
                ("month", _("Month"), "month"),
                ("signups", _("Sign-ups"), "int"),
                ("buyers", _("Buyers"), "int"),
                ("first_time", _("First-time buyers"), "int"),
                ("returning", _("Returning buyers"), "int"),
                ("orders", _("Paid orders"), "int"),
            ),
            reports.get_customer_months(date_range),
        ),
        Table(
            _("Repeat customers"),
            columns(
                ("customers", _("Customers who paid"), "int"),
                ("repeat", _("With two or more paid orders"), "int"),
                ("rate", _("Repeat rate (%)"), "decimal"),
            ),
            [repeat],
        ),
    ]


REPORTS = [
    Report(
        "incoming",
        gettext_lazy("Incoming orders"),
        gettext_lazy(
            "Orders waiting for payment, for its verification or for shipping, "
            "oldest first. Leave the dates empty to see every one."
        ),
        incoming_tables,
        icon="time",
        default_days=None,
        order=100,
    ),
    Report(
        "sales",
        gettext_lazy("Sales by period"),
        gettext_lazy(
            "Paid orders only (paid, shipped, completed), by the day they were "
            "placed in Jakarta. Discounts are voucher, shipping and points "
            "discounts. Net = goods − discounts + shipping; received is net plus "
            "the unique codes, the money that reached the bank."
        ),
        sales_tables,
        icon="date",
        has_period=True,
        order=110,
    ),
    Report(
        "products",
        gettext_lazy("Sales by product"),
        gettext_lazy(
            "Units and line totals of paid orders. A line whose variant was "
            "deleted since counts under (removed)."
        ),
        product_tables,
        icon="doc-full",
        order=120,
    ),
    Report(
        "promotions",
        gettext_lazy("Vouchers and sales"),
        gettext_lazy(
            "Voucher uses not given back, of orders placed in the range, with the "
            "rupiah they gave and what the paid ones paid (net). Sales: what paid "
            "orders bought at a sale price, and the difference to the list price."
        ),
        promotion_tables,
        icon="tag",
        default_days=90,
        order=130,
    ),
    Report(
        "customers",
        gettext_lazy("Customers"),
        gettext_lazy(
            "A customer is an email address, guests included. First-time buyers "
            "paid for their first order ever that month. Repeat rate: customers "
            "with two or more paid orders in the range, among all who paid in it."
        ),
        customer_tables,
        icon="group",
        default_days=365,
        order=140,
    ),
]


def display(value, kind):
    """A cell as the admin shows it."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return format_rupiah(value)
    if kind == "int":
        return formats.number_format(value, force_grouping=True)
    if kind == "decimal":
        return formats.number_format(value, 1)
    if kind == "date":
        return formats.date_format(value, "D j M Y")
    if kind == "month":
        return formats.date_format(value, "F Y")
    if kind == "datetime":
        return formats.date_format(value, "j M Y, H:i")
    return value


def export_kind(kind):
    return "date" if kind == "month" else kind


def for_export(table):
    """The same table with columns the export module knows."""
    return Table(
        table.title,
        [Column(c.key, str(c.label), export_kind(c.kind)) for c in table.columns],
        table.rows,
    )


class ReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A report's page, and its CSV and XLSX files."""

    model = Order
    permission_required = "view"
    template_name = "shop/admin/reports/report.html"
    report = None

    def get(self, request, *args, **kwargs):
        self.form = ReportRangeForm(self.get_form_data())
        self.date_range, self.period = self.read_form()
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def get_form_data(self):
        if "first" in self.request.GET or "last" in self.request.GET:
            return self.request.GET
        data = {"period": self.request.GET.get("period", "day")}
        if self.report.default_days:
            default = DateRange.last_days(self.report.default_days)
            data.update(first=default.first, last=default.last)
        return data

    def read_form(self):
        if not self.form.is_valid():
            return DateRange(), "day"
        data = self.form.cleaned_data
        return DateRange(data["first"], data["last"]), data["period"] or "day"

    def get_page_title(self):
        return self.report.title

    def get_header_icon(self):
        return self.report.icon

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": _("Reports")},
            {"url": "", "label": self.report.title},
        ]

    @cached_property
    def tables(self):
        return self.report.tables(self.date_range, self.period)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.report,
            form=self.form,
            tables=[self.render_table(n, t) for n, t in enumerate(self.tables)],
            xlsx_url=self.export_url("xlsx"),
        )
        return context

    def render_table(self, number, table):
        links = self.report.slug == "incoming"
        rows = [
            [
                {
                    "text": display(row.get(c.key), c.kind),
                    "number": c.kind in ("money", "int", "decimal"),
                    "nowrap": c.kind != "text" or c.key in NOWRAP_KEYS,
                    "url": self.order_url(row) if links and c.key == "number" else "",
                }
                for c in table.columns
            ]
            for row in table.rows
        ]
        return {
            "title": table.title,
            "columns": table.columns,
            "rows": rows,
            "csv_url": self.export_url("csv", number),
        }

    def order_url(self, row):
        return reverse("orders:inspect", args=[row["pk"]])

    def export_url(self, kind, table=None):
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        if self.date_range.first or self.date_range.last:
            query["first"] = self.date_range.first or ""
            query["last"] = self.date_range.last or ""
        query["export"] = kind
        if table is not None:
            query["table"] = table
        return "?" + query.urlencode()

    def filename(self, suffix):
        first = self.date_range.first or "awal"
        last = self.date_range.last or "kini"
        return f"{self.report.slug}-{first}-{last}.{suffix}"

    def export(self, kind):
        logger.info("Report %s exported as %s", self.report.slug, kind)
        if kind == "xlsx":
            data = write_xlsx([for_export(t) for t in self.tables])
            return self.download(data, XLSX_TYPE, self.filename("xlsx"))
        tables = self.tables
        try:
            index = int(self.request.GET.get("table", 0))
        except ValueError:
            index = 0
        table = tables[index] if 0 <= index < len(tables) else tables[0]
        return self.download(
            write_csv(for_export(table)), CSV_TYPE, self.filename("csv")
        )

    def download(self, data, content_type, filename):
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def get_menu_items(request):
    """The reports in Wagtail's Reports menu, for those who may see orders."""
    if not request.user.has_perm("shop.view_order"):
        return []
    return [
        MenuItem(
            report.title,
            reverse(f"{NAMESPACE}:{report.slug}"),
            name=f"shop-report-{report.slug}",
            icon_name=report.icon,
            order=report.order,
        )
        for report in REPORTS
    ]


def get_urlpatterns():
    return [
        path(f"{report.slug}/", ReportView.as_view(report=report), name=report.slug)
        for report in REPORTS
    ]
