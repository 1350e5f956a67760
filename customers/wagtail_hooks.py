"""Customers in the Wagtail admin: a read-only list staff search by name,
email or phone. Wagtail's own Users admin searches by email only, because
this user model keeps one ``full_name`` instead of first and last names."""

from django.db.models import Count, Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from shop.admin.orders import phone_fragment

from .models import User


def search_customers(queryset, text):
    """Users whose name, email or phone (typed as 08... too) matches."""
    text = text.strip()
    query = Q(full_name__icontains=text) | Q(email__icontains=text)
    phone = phone_fragment(text)
    if phone:
        query |= Q(phone__contains=phone) | Q(addresses__phone__contains=phone)
    return queryset.filter(query).distinct()


class CustomerIndexView(IndexView):
    """The customer list; no add, edit or delete here."""

    def get_base_queryset(self):
        return User.objects.annotate(order_count=Count("orders"))

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


class CustomerViewSet(ModelViewSet):
    """Customers, for staff who look someone up."""

    model = User
    icon = "group"
    menu_label = _("Customers")
    menu_order = 155
    add_to_admin_menu = True
    index_view_class = CustomerIndexView
    add_to_reference_index = False
    copy_view_enabled = False
    search_fields = ["full_name", "email", "phone"]
    search_backend_name = None
    list_filter = ["is_staff", "is_active"]
    ordering = "-date_joined"
    list_per_page = 50
    list_display = [
        Column("full_name", label=_("Name"), sort_key="full_name"),
        Column("email", label=_("Email"), sort_key="email"),
        Column("phone", label=_("Phone")),
        Column("order_count", label=_("Orders"), sort_key="order_count"),
        DateColumn("date_joined", label=_("Joined"), sort_key="date_joined"),
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self):
        """Wagtail's Users admin stays the place that edits a user."""

    def register_permissions(self):
        """Wagtail's Users admin already offers the user permissions."""


@hooks.register("register_admin_viewset")
def register_customer_viewset():
    return CustomerViewSet("customer_list", url_prefix="customers")
