"""What the shop sold, to whom, and what promotions brought: the queries
behind the admin's reports and the dashboard.

Every date the shop reads is a day in Jakarta. A range of days runs from
00:00 WIB on its first day up to, not including, 00:00 WIB after its last,
and ``jakarta_bounds`` is the one place that turns days into moments.

Sales count only orders that were paid: paid, shipped or completed. An
order's money splits as goods − discounts + shipping = net, and net plus
its unique code is the total the customer transferred.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import (
    Coalesce,
    Length,
    Lower,
    Substr,
    TruncDay,
    TruncMonth,
    TruncWeek,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Order, OrderLine, OrderState, ProductIndexPage, ProductVariant

logger = logging.getLogger(__name__)

JAKARTA = ZoneInfo(settings.TIME_ZONE)
PAID_STATES = [OrderState.PAID, OrderState.SHIPPED, OrderState.COMPLETED]
INCOMING_STATES = [
    OrderState.AWAITING_PAYMENT,
    OrderState.PAYMENT_SUBMITTED,
    OrderState.PAID,
]
PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
PATH_STEP = 4  # Wagtail's page paths grow by four characters per level.


@dataclass(frozen=True)
class DateRange:
    """Days in Jakarta, both ends included; an end left out is open."""

    first: date | None = None
    last: date | None = None

    @classmethod
    def last_days(cls, days, today=None):
        """The ``days`` days up to and including today in Jakarta."""
        today = today or jakarta_today()
        return cls(today - timedelta(days=days - 1), today)

    @property
    def bounds(self):
        return jakarta_bounds(self.first, self.last)

    def days(self):
        """Every day of a closed range, in order."""
        count = (self.last - self.first).days + 1
        return [self.first + timedelta(days=n) for n in range(count)]


def jakarta_today():
    return timezone.localtime(timezone.now(), JAKARTA).date()


def jakarta_bounds(first, last):
    """The moments [first 00:00 WIB, last + 1 day 00:00 WIB); None stays open."""
    start = datetime.combine(first, time.min, tzinfo=JAKARTA) if first else None
    end = None
    if last:
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=JAKARTA)
    return start, end


def filter_range(queryset, date_range, field="created_at"):
    """Rows whose ``field`` falls inside the range."""
    start, end = date_range.bounds
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


def filter_paid_orders(date_range):
    return filter_range(Order.objects.filter(state__in=PAID_STATES), date_range)


def local_date(moment):
    return timezone.localtime(moment, JAKARTA).date()


# Incoming orders


def get_incoming_orders(date_range, now=None):
    """Orders still waiting for the shop or the customer, oldest first."""
    now = now or timezone.now()
    orders = filter_range(Order.objects.filter(state__in=INCOMING_STATES), date_range)
    rows = []
    for order in orders.order_by("created_at", "pk"):
        hours = int((now - order.created_at).total_seconds() // 3600)
        rows.append(
            {
                "pk": order.pk,
                "number": order.number,
                "state": order.get_state_display(),
                "placed": timezone.localtime(order.created_at, JAKARTA),
                "hours": hours,
                "waiting": format_age(hours),
                "customer": order.full_name,
                "city": order.city,
                "total": order.total,
            }
        )
    return rows


def format_age(hours):
    """``5 h`` below a day, ``3 d 4 h`` past it."""
    days, hours = divmod(hours, 24)
    if not days:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}


# Sales by period


def money_totals():
    """Aggregates of paid orders' money, as named in every sales report."""
    return {
        "orders": Count("pk"),
        "goods": Coalesce(Sum("subtotal"), 0),
        "discounts": Coalesce(
            Sum(F("discount") + F("shipping_discount") + F("points_discount")), 0
        ),
        "shipping": Coalesce(Sum("shipping_cost"), 0),
        "codes": Coalesce(Sum("unique_code"), 0),
        "received": Coalesce(Sum("total"), 0),
    }


def with_net(row):
    row["net"] = row["received"] - row["codes"]
    return row


def get_sales_by_period(date_range, period="day"):
    """Paid orders per Jakarta day, week (from Monday) or month."""
    trunc = PERIODS[period]
    rows = (
        filter_paid_orders(date_range)
        .annotate(period=trunc("created_at", tzinfo=JAKARTA))
        .values("period")
        .annotate(**money_totals())
        .order_by("period")
    )
    return [with_net({**row, "period": local_date(row["period"])}) for row in rows]


def get_sales_totals(date_range):
    """The same sums as ``get_sales_by_period`` over the whole range."""
    row = filter_paid_orders(date_range).aggregate(**money_totals())
    return with_net(row)


def get_daily_sales(date_range):
    """Net sales and orders for every day of a closed range, empty days too."""
    found = {row["period"]: row for row in get_sales_by_period(date_range, "day")}
    empty = {"orders": 0, "net": 0}
    return [(day, found.get(day, empty)) for day in date_range.days()]


# Sales by product and category


def paid_lines(date_range):
    lines = OrderLine.objects.filter(order__state__in=PAID_STATES)
    return filter_range(lines, date_range, "order__created_at")


def line_totals():
    return {
        "units": Coalesce(Sum("quantity"), 0),
        "revenue": Coalesce(Sum("line_total"), 0),
        "orders": Count("order", distinct=True),
    }


def with_category_path(lines):
    """Lines annotated with their category's page path, None when the
    variant was removed since."""
    path = "variant__page__path"
    return lines.annotate(category_path=Substr(path, 1, Length(path) - PATH_STEP))


def category_titles():
    titles = dict(ProductIndexPage.objects.values_list("path", "title"))
    return lambda path: titles.get(path) or _("(removed)")


def get_sales_by_product(date_range):
    """Quantity and revenue per product title, best sellers first."""
    title_of = category_titles()
    rows = (
        with_category_path(paid_lines(date_range))
        .values("product_title", "category_path")
        .annotate(**line_totals())
        .order_by("-revenue", "product_title")
    )
    return [
        {
            "product": row["product_title"],
            "category": title_of(row["category_path"]),
            "quantity": row["units"],
            "orders": row["orders"],
            "revenue": row["revenue"],
        }
        for row in rows
    ]


def get_sales_by_category(date_range):
    """Quantity and revenue per category; removed variants in one row."""
    title_of = category_titles()
    rows = (
        with_category_path(paid_lines(date_range))
        .values("category_path")
        .annotate(**line_totals())
        .order_by("-revenue")
    )
    return [
        {
            "category": title_of(row["category_path"]),
            "quantity": row["units"],
            "orders": row["orders"],
            "revenue": row["revenue"],
        }
        for row in rows
    ]


# Vouchers and sales


def get_voucher_report(date_range):
    """Per voucher: uses not given back, rupiah given, and the paid orders
    among them with what they paid (net)."""
    from promotions.models import VoucherUse

    paid = Q(order__state__in=PAID_STATES)
    uses = filter_range(
        VoucherUse.objects.filter(returned_at=None), date_range, "order__created_at"
    )
    rows = (
        uses.values("voucher__code", "voucher__name")
        .annotate(
            uses=Count("pk"),
            given=Coalesce(Sum(F("discount") + F("shipping_discount")), 0),
            paid_orders=Count("pk", filter=paid),
            revenue=Coalesce(
                Sum(F("order__total") - F("order__unique_code"), filter=paid), 0
            ),
        )
        .order_by("-given", "voucher__code")
    )
    return [
        {
            "code": row["voucher__code"],
            "name": row["voucher__name"],
            "uses": row["uses"],
            "given": row["given"],
            "paid_orders": row["paid_orders"],
            "revenue": row["revenue"],
        }
        for row in rows
    ]


def get_sale_report(date_range):
    """Per timed sale: what paid orders bought at its price and what it gave."""
    rows = (
        paid_lines(date_range)
        .exclude(sale_name="")
        .values("sale_name")
        .annotate(
            **line_totals(),
            given=Coalesce(Sum((F("list_price") - F("unit_price")) * F("quantity")), 0),
        )
        .order_by("-revenue", "sale_name")
    )
    return [
        {
            "sale": row["sale_name"],
            "quantity": row["units"],
            "orders": row["orders"],
            "given": row["given"],
            "revenue": row["revenue"],
        }
        for row in rows
    ]


# Customers


def customer_key():
    """A customer is an email address, in any case; guests count too."""
    return Lower("email")


def get_customer_months(date_range):
    """Per Jakarta month: sign-ups, buyers, first-time buyers, paid orders."""
    months = {}

    def month_row(month):
        return months.setdefault(
            local_date(month),
            {"signups": 0, "buyers": 0, "first_time": 0, "orders": 0},
        )

    for row in count_signups(date_range):
        month_row(row["month"])["signups"] = row["n"]
    for row in count_buyers(date_range):
        month_row(row["month"]).update(buyers=row["buyers"], orders=row["orders"])
    for row in count_first_time(date_range):
        month_row(row["month"])["first_time"] = row["n"]
    return [
        {"month": month, **row, "returning": row["buyers"] - row["first_time"]}
        for month, row in sorted(months.items())
    ]


def count_signups(date_range):
    users = get_user_model().objects.filter(is_staff=False)
    return (
        filter_range(users, date_range, "date_joined")
        .annotate(month=TruncMonth("date_joined", tzinfo=JAKARTA))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )


def count_buyers(date_range):
    return (
        filter_paid_orders(date_range)
        .annotate(month=TruncMonth("created_at", tzinfo=JAKARTA))
        .values("month")
        .annotate(buyers=Count(customer_key(), distinct=True), orders=Count("pk"))
        .order_by("month")
    )


def count_first_time(date_range):
    """Customers whose first paid order ever falls in each month of the range."""
    firsts = (
        Order.objects.filter(state__in=PAID_STATES)
        .values(key=customer_key())
        .annotate(first=Min("created_at"))
    )
    firsts = filter_range(firsts, date_range, "first")
    found = {}
    for row in firsts:
        month = local_date(row["first"]).replace(day=1)
        found[month] = found.get(month, 0) + 1
    return [
        {"month": datetime.combine(month, time.min, tzinfo=JAKARTA), "n": n}
        for month, n in found.items()
    ]


def get_repeat_rate(date_range):
    """Customers with a paid order in the range, those with two or more,
    and their share in percent (one decimal)."""
    per_customer = (
        filter_paid_orders(date_range)
        .values(key=customer_key())
        .annotate(n=Count("pk"))
    )
    result = per_customer.aggregate(
        customers=Count("key"), repeat=Count("key", filter=Q(n__gte=2))
    )
    customers, repeat = result["customers"], result["repeat"]
    rate = round(100 * repeat / customers, 1) if customers else 0.0
    return {"customers": customers, "repeat": repeat, "rate": rate}


# Stock


def get_low_stock(threshold, limit=None):
    """Variants of live products with ``threshold`` or fewer in stock,
    sold-out ones first."""
    variants = (
        ProductVariant.objects.filter(page__live=True)
        .annotate(quantity=Coalesce("stock__quantity", 0))
        .filter(quantity__lte=threshold)
        .select_related("page")
        .order_by("quantity", "sku")
    )
    return variants[:limit] if limit else variants
