"""Loyalty points in the Wagtail admin: customers with their balance, each
customer's ledger, and Marketing's corrections with a reason.

The views are gated by the PointsEntry permissions: view to look, add to
adjust.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from shop.admin.menus import PermissionMenuViewSet

from ..models import PointsEntry
from ..points import NotEnoughPoints, adjust, get_balance
from .base import FormPageView
from .forms import PointsAdjustForm

POINTS_PERMISSIONS = ["view", "add"]


def with_balance(queryset):
    """Annotate each customer's balance: the sum of their ledger."""
    return queryset.annotate(balance=Coalesce(Sum("points__points"), 0))


class PointsPermissionMixin(PermissionCheckedMixin):
    """Views on customers' points, allowed by the PointsEntry permissions."""

    any_permission_required = POINTS_PERMISSIONS

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(PointsEntry)


class PointsIndexView(PointsPermissionMixin, IndexView):
    """Customers with their balance, searched by email or name."""

    model = get_user_model()
    page_title = gettext_lazy("Points")
    search_fields = ["email", "full_name"]
    search_backend_name = None
    default_ordering = "-balance"
    paginate_by = 50
    ledger_url_name = None

    def get_base_queryset(self):
        return with_balance(get_user_model().objects.filter(is_staff=False))

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "full_name",
                label=_("Name"),
                sort_key="full_name",
                get_url=lambda user: reverse(self.ledger_url_name, args=[user.pk]),
            ),
            Column("email", label=_("Email"), sort_key="email"),
            Column("balance", label=_("Points"), sort_key="balance"),
        ]


class LedgerView(PointsPermissionMixin, FormPageView):
    """One customer's ledger, and a form to correct the balance."""

    permission_required = None
    form_class = PointsAdjustForm
    template_name = "promotions/admin/points_ledger.html"
    header_icon = "history"
    index_label = gettext_lazy("Points")
    submit_label = gettext_lazy("Adjust points")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.customer = get_object_or_404(get_user_model(), pk=kwargs["pk"])

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("add"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_page_title(self):
        return _("Points of %(name)s") % {"name": self.customer}

    def get_page_subtitle(self):
        return self.customer.email

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = PointsEntry.objects.filter(user=self.customer)
        context.update(
            customer=self.customer,
            balance=get_balance(self.customer),
            entries=entries.select_related("order", "actor")[:200],
            can_adjust=self.user_has_permission("add"),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            adjust(
                self.customer,
                data["points"],
                actor=self.request.user,
                note=data["note"],
            )
        except NotEnoughPoints as error:
            message = _(
                "Refused: %(name)s has %(balance)s points and cannot go below zero."
            ) % {"name": self.customer, "balance": error.balance}
            form.add_error("points", message)
            messages.error(self.request, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Points of %(name)s adjusted by %(points)+d.")
            % {"name": self.customer, "points": data["points"]},
        )
        return redirect(self.request.path)


class PointsViewSet(PermissionMenuViewSet):
    """The Points menu item and its views, for Marketing."""

    icon = "pick"
    menu_label = gettext_lazy("Points")
    menu_name = "points"

    permission_model = PointsEntry
    menu_permissions = POINTS_PERMISSIONS

    def index_view_kwargs(self, **kwargs):
        return {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
            "ledger_url_name": self.get_url_name("ledger"),
            "header_icon": self.icon,
            **kwargs,
        }

    def get_urlpatterns(self):
        ledger = LedgerView.as_view(index_url_name=self.get_url_name("index"))
        index = PointsIndexView.as_view(**self.index_view_kwargs())
        results = PointsIndexView.as_view(**self.index_view_kwargs(results_only=True))
        return [
            path("", index, name="index"),
            path("results/", results, name="index_results"),
            path("<int:pk>/", ledger, name="ledger"),
        ]
