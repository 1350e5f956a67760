"""The customer list and the customer page.

Every figure in the list (orders, rupiah spent, points, city, subscribed)
is a subquery of the one list query, so a page of fifty customers costs
the same number of queries as a page of five.
"""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from shop.admin.orders import phone_fragment
from shop.models import Order
from shop.templatetags.money import format_rupiah

from .. import segments
from ..models import Address, User
from ..timeline import get_timeline

NULLS_LAST = {"last_order_at", "first_order_at"}


def search_customers(queryset, text):
    """Users whose name, email or phone (typed as 08... too) matches."""
    text = text.strip()
    query = Q(full_name__icontains=text) | Q(email__icontains=text)
    phone = phone_fragment(text)
    if phone:
        addresses = Address.objects.filter(user=OuterRef("pk"), phone__contains=phone)
        orders = Order.objects.filter(user=OuterRef("pk"), phone__contains=phone)
        query |= Q(phone__contains=phone) | Exists(addresses) | Exists(orders)
    return queryset.filter(query)


def annotate_customers(queryset):
    """Add every figure the list and the customer page show."""
    queryset = segments.annotate_activity(queryset)
    queryset = segments.annotate_city(queryset)
    return segments.annotate_subscribed(queryset)


class CustomerFilterSet(WagtailFilterSet):
    """Filters of the customer list: segment, has ordered, subscribed."""

    segment = django_filters.ChoiceFilter(
        label=_("Segment"),
        choices=segments.get_segment_choices,
        method="filter_segment",
    )
    has_ordered = django_filters.BooleanFilter(
        label=_("Has ordered"), method="filter_has_ordered", widget=BooleanRadioSelect
    )
    subscribed = django_filters.BooleanFilter(
        label=_("Subscribed"), method="filter_subscribed", widget=BooleanRadioSelect
    )

    class Meta:
        model = User
        fields = ["is_staff", "is_active"]

    def filter_segment(self, queryset, name, value):
        return queryset.filter(pk__in=segments.filter_segment(value).values("pk"))

    def filter_has_ordered(self, queryset, name, value):
        ordered = segments.filter_ordered().filter(user=OuterRef("pk"))
        return queryset.filter(Exists(ordered) if value else ~Exists(ordered))

    def filter_subscribed(self, queryset, name, value):
        condition = segments.subscribed_filter()
        return queryset.filter(condition if value else ~condition)


def spent_in_rupiah(user):
    """The rupiah a listed customer spent, as the shop writes money."""
    return format_rupiah(user.spent)


class CustomerIndexView(IndexView):
    """The customer list; no add, edit or delete here."""

    def get_base_queryset(self):
        return annotate_customers(User.objects.all())

    def order_queryset(self, queryset):
        field = (self.ordering or "").lstrip("-")
        if field in NULLS_LAST:
            column = F(field)
            if self.ordering.startswith("-"):
                return queryset.order_by(column.desc(nulls_last=True), "-pk")
            return queryset.order_by(column.asc(nulls_last=True), "-pk")
        ordered = super().order_queryset(queryset)
        return ordered.order_by(*ordered.query.order_by, "-pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_customers(queryset, self.search_query)

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class CustomerDetailView(InspectView):
    """One customer: details, figures, segments, addresses and timeline."""

    template_name = "customers/admin/customer_detail.html"
    fields = ["email"]

    def get_object(self, queryset=None):
        customers = annotate_customers(User.objects.all())
        return get_object_or_404(customers, pk=self.pk)

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return self.object.email

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        customer = self.object
        names = segments.get_segments_of(customer)
        context.update(
            customer=customer,
            segments=[segments.SEGMENTS[name].label for name in names],
            addresses=customer.addresses.all(),
            timeline=get_timeline(customer),
        )
        return context


class CustomerViewSet(ModelViewSet):
    """Customers, for Shop managers and Marketing who look someone up."""

    model = User
    icon = "group"
    menu_label = _("Customers")
    menu_order = 155
    add_to_admin_menu = True
    index_view_class = CustomerIndexView
    inspect_view_class = CustomerDetailView
    inspect_view_enabled = True
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = CustomerFilterSet
    search_fields = ["full_name", "email", "phone"]
    search_backend_name = None
    ordering = "-date_joined"
    list_per_page = 50

    @property
    def list_display(self):
        inspect = self.get_url_name("inspect")
        return [
            TitleColumn(
                "full_name", label=_("Name"), url_name=inspect, sort_key="full_name"
            ),
            Column("email", label=_("Email"), sort_key="email"),
            Column("phone", label=_("Phone")),
            Column("city", label=_("City")),
            DateColumn("first_order_at", label=_("First order")),
            DateColumn(
                "last_order_at", label=_("Last order"), sort_key="last_order_at"
            ),
            Column("order_count", label=_("Orders"), sort_key="order_count"),
            Column(
                "spent", label=_("Spent"), accessor=spent_in_rupiah, sort_key="spent"
            ),
            Column("points_balance", label=_("Points")),
            BooleanColumn("subscribed", label=_("Subscribed")),
            DateColumn("date_joined", label=_("Joined"), sort_key="date_joined"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name"):
            kwargs[name] = None
        kwargs.pop("copy_url_name", None)
        return kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def register_admin_url_finder(self):
        """Wagtail's Users admin stays the place that edits a user."""

    def register_permissions(self):
        """Wagtail's Users admin already offers the user permissions."""
