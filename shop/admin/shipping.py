"""Shipping rates in the Wagtail admin, with an import from a CSV file."""

import django_filters
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..admin_forms import ShippingImportForm
from ..models import ShippingRate
from ..shipping_import import ShippingImportError, import_rates
from ..templatetags.money import format_rupiah


def distinct_choices(field):
    def choices():
        values = ShippingRate.objects.order_by(field).values_list(field, flat=True)
        return [(value, value) for value in values.distinct()]

    return choices


class ShippingRateFilterSet(WagtailFilterSet):
    courier = django_filters.ChoiceFilter(
        label=gettext_lazy("Courier"), choices=distinct_choices("courier")
    )
    province = django_filters.ChoiceFilter(
        label=gettext_lazy("Province"), choices=distinct_choices("province")
    )

    class Meta:
        model = ShippingRate
        fields = ["courier", "province", "active"]


class ShippingRateIndexView(IndexView):
    """The rate list, with a button to import a CSV file."""

    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(
                    _("Import CSV"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                )
            )
        return buttons


class ShippingImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a CSV file of rates; all of it is imported or none of it."""

    model = ShippingRate
    permission_required = "add"
    form_class = ShippingImportForm
    template_name = "shop/admin/shipping_import.html"
    page_title = gettext_lazy("Import shipping rates")
    header_icon = "upload"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(ShippingRate._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            result = import_rates(form.cleaned_data["file"].read())
        except ShippingImportError as error:
            form.add_error("file", str(error))
            messages.error(
                self.request,
                _("Nothing was imported. %(error)s") % {"error": error},
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(created)s rates created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect(self.index_url_name)


def price_per_kg(rate):
    return format_rupiah(rate.price_per_kg)


class ShippingRateViewSet(ModelViewSet):
    """The staff-kept rate table the checkout offers."""

    model = ShippingRate
    icon = "site"
    index_view_class = ShippingRateIndexView
    filterset_class = ShippingRateFilterSet
    search_fields = ["city"]
    search_backend_name = None
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["city", "courier", "service"]
    form_fields = [
        "city",
        "province",
        "courier",
        "service",
        "price_per_kg",
        "days_min",
        "days_max",
        "active",
    ]
    list_display = [
        "city",
        "province",
        "courier",
        "service",
        Column(
            "price_per_kg",
            label=gettext_lazy("Price per kg"),
            accessor=price_per_kg,
            sort_key="price_per_kg",
        ),
        "days",
        "active",
    ]
    list_export = form_fields

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"), **kwargs
        )

    @cached_property
    def import_view(self):
        return ShippingImportView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", self.import_view, name="import"),
        ]
