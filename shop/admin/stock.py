"""Stock in the Wagtail admin: levels per variant, adjustments, the ledger.

Stock rows belong to variants, which live inside product pages; the views
are gated by the stock models' permissions, not the pages'.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry

from ..admin_forms import StockAdjustForm
from ..models import ProductVariant, StockLevel, StockMovement
from ..stock import OutOfStock, adjust_stock
from .menus import PermissionMenuViewSet

STOCK_PERMISSIONS = ["view", "add", "change"]


class StockPermissionMixin(PermissionCheckedMixin):
    """Views on variants' stock, allowed by the StockLevel permissions."""

    any_permission_required = STOCK_PERMISSIONS

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(StockLevel)


class StockIndexView(StockPermissionMixin, IndexView):
    """Every variant with its stock, searched by SKU or product title."""

    model = ProductVariant
    page_title = gettext_lazy("Stock")
    search_fields = ["sku", "page__title"]
    search_backend_name = None
    default_ordering = "sku"
    paginate_by = 50
    adjust_url_name = None
    movements_url_name = None

    def get_base_queryset(self):
        return ProductVariant.objects.select_related("page", "stock")

    def get_add_url(self):
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "sku",
                label=_("SKU"),
                sort_key="sku",
                get_url=lambda v: reverse(self.adjust_url_name, args=[v.pk]),
            ),
            Column("product", label=_("Product"), accessor="page.title"),
            Column("label", label=_("Variant")),
            Column(
                "stock",
                label=_("In stock"),
                accessor="stock_quantity",
                sort_key="stock__quantity",
            ),
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Stock movements"),
                url=reverse(self.movements_url_name),
                icon_name="history",
            )
        ]


class StockMovementIndexView(IndexView):
    """The ledger: every change to stock, newest first."""

    model = StockMovement
    any_permission_required = STOCK_PERMISSIONS
    page_title = gettext_lazy("Stock movements")
    search_fields = ["sku", "note"]
    search_backend_name = None
    list_filter = ["reason"]
    paginate_by = 50

    def get_base_queryset(self):
        return StockMovement.objects.select_related("actor", "order")

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def columns(self):
        return [
            Column("sku", label=_("SKU"), sort_key="sku"),
            Column("change", label=_("Change"), accessor=signed_change),
            Column("quantity_after", label=_("Stock after")),
            Column("reason", label=_("Reason"), accessor="get_reason_display"),
            Column("note", label=_("Note"), accessor=note_or_order),
            UserColumn("actor", label=_("Who")),
            DateColumn("created_at", label=_("When"), sort_key="created_at"),
        ]


def signed_change(movement):
    return f"{movement.change:+d}"


def note_or_order(movement):
    if movement.order_id and not movement.note:
        return movement.order.number
    return movement.note


class StockAdjustView(StockPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Add or take away units of one variant, with a reason."""

    any_permission_required = None
    permission_required = "change"
    form_class = StockAdjustForm
    template_name = "shop/admin/stock_adjust.html"
    header_icon = "resubmit"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.variant = get_object_or_404(
            ProductVariant.objects.select_related("page", "stock"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return _("Adjust stock")

    def get_page_subtitle(self):
        return self.variant.sku

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Stock")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.variant.sku},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["variant"] = self.variant
        context["movements"] = self.variant.stock_movements.select_related(
            "actor", "order"
        )[:20]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            movement = adjust_stock(
                self.variant,
                data["change"],
                data["reason"],
                actor=self.request.user,
                note=data["note"],
            )
        except OutOfStock as error:
            form.add_error("change", error.message)
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Stock of %(sku)s is now %(quantity)s.")
            % {"sku": self.variant.sku, "quantity": movement.quantity_after},
        )
        return redirect(self.request.path)


class StockViewSet(PermissionMenuViewSet):
    """The Stock menu item and its views, for Shop managers."""

    icon = "resubmit"
    menu_label = gettext_lazy("Stock")
    menu_name = "stock"

    permission_model = StockLevel
    menu_permissions = STOCK_PERMISSIONS

    def index_view_kwargs(self, **kwargs):
        return {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("index_results"),
            "adjust_url_name": self.get_url_name("adjust"),
            "movements_url_name": self.get_url_name("movements"),
            "header_icon": self.icon,
            **kwargs,
        }

    def movement_view_kwargs(self, **kwargs):
        return {
            "index_url_name": self.get_url_name("movements"),
            "index_results_url_name": self.get_url_name("movements_results"),
            "header_icon": "history",
            **kwargs,
        }

    def get_urlpatterns(self):
        adjust = StockAdjustView.as_view(index_url_name=self.get_url_name("index"))
        return [
            path("", StockIndexView.as_view(**self.index_view_kwargs()), name="index"),
            path(
                "results/",
                StockIndexView.as_view(**self.index_view_kwargs(results_only=True)),
                name="index_results",
            ),
            path("<int:pk>/adjust/", adjust, name="adjust"),
            path(
                "movements/",
                StockMovementIndexView.as_view(**self.movement_view_kwargs()),
                name="movements",
            ),
            path(
                "movements/results/",
                StockMovementIndexView.as_view(
                    **self.movement_view_kwargs(results_only=True)
                ),
                name="movements_results",
            ),
        ]
