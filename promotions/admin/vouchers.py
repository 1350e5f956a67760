"""Vouchers in the Wagtail admin: the list with what each gave, a page per
voucher with its uses, and forms to issue personal vouchers and batches."""

import django_filters
from django import forms
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView

from shop.templatetags.money import format_rupiah

from ..batches import (
    CodeSpaceExhausted,
    batch_csv,
    issue_batch,
    issue_personal_voucher,
    mail_batch,
)
from ..models import Voucher, VoucherUse
from .base import FormPageView, PromotionModelViewSet, header_button, in_jakarta
from .customers import customer_chooser
from .forms import BatchForm, PersonalVoucherForm

ACTIVE_USE = Q(uses__returned_at=None)
JAKARTA_HELP = gettext_lazy("Jakarta time (WIB).")


def with_usage(queryset):
    """Annotate active uses and the rupiah they gave, in the same query."""
    return queryset.annotate(
        use_count=Count("uses", filter=ACTIVE_USE),
        given=Coalesce(Sum("uses__discount", filter=ACTIVE_USE), 0)
        + Coalesce(Sum("uses__shipping_discount", filter=ACTIVE_USE), 0),
    )


def batch_choices():
    batches = Voucher.objects.exclude(batch="").order_by("batch")
    return [(b, b) for b in batches.values_list("batch", flat=True).distinct()]


class VoucherFilterSet(WagtailFilterSet):
    batch = django_filters.ChoiceFilter(
        label=gettext_lazy("Batch"), choices=batch_choices
    )

    class Meta:
        model = Voucher
        fields = ["kind", "active", "batch"]


def voucher_value(voucher):
    if voucher.kind == Voucher.Kind.PERCENT:
        return f"{voucher.value}%"
    if voucher.kind == Voucher.Kind.FIXED:
        return format_rupiah(voucher.value)
    return "–"


def uses_of_max(voucher):
    limit = voucher.max_uses if voucher.max_uses is not None else "∞"
    return f"{voucher.use_count} / {limit}"


def rupiah_given(voucher):
    return format_rupiah(voucher.given)


class VoucherIndexView(IndexView):
    """The voucher list, with uses and rupiah given, and the issue buttons."""

    issue_url_name = None
    batch_url_name = None

    def get_base_queryset(self):
        return with_usage(Voucher.objects.select_related("owner"))

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons += [
                header_button(_("Issue to a customer"), self.issue_url_name, "user"),
                header_button(_("Generate a batch"), self.batch_url_name, "list-ul"),
            ]
        return buttons


class VoucherInspectView(InspectView):
    """A voucher's terms and every order that used it."""

    template_name = "promotions/admin/voucher_detail.html"
    fields = ["code"]

    def get_object(self, queryset=None):
        return get_object_or_404(with_usage(Voucher.objects.all()), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voucher = self.object
        context.update(
            voucher=voucher,
            value=voucher_value(voucher),
            uses=VoucherUse.objects.filter(voucher=voucher).select_related(
                "order", "user"
            ),
            order_url_name="orders:inspect",
        )
        return context


class VoucherDeleteView(DeleteView):
    """Deleting a voucher that orders used would lose their history."""

    def form_valid(self, form):
        if VoucherUse.objects.filter(voucher=self.object).exists():
            messages.error(
                self.request,
                _("%(code)s has been used by orders; switch it off instead.")
                % {"code": self.object.code},
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class IssueVoucherView(FormPageView):
    """Issue one single-use voucher to one customer and mail it."""

    form_class = PersonalVoucherForm
    page_title = gettext_lazy("Issue a voucher to a customer")
    submit_label = gettext_lazy("Issue and mail")
    header_icon = "user"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "customer_widget": customer_chooser()}

    def form_valid(self, form):
        customer = form.cleaned_data["customer"]
        try:
            voucher = issue_personal_voucher(
                customer, form.get_terms(), name=form.cleaned_data["name"]
            )
        except CodeSpaceExhausted:
            return self.refuse(form, _("No free code was found; please try again."))
        messages.success(
            self.request,
            _("Voucher %(code)s issued and mailed to %(email)s.")
            % {"code": voucher.code, "email": customer.email},
        )
        return redirect(self.inspect_url_name, voucher.pk)


class BatchView(FormPageView):
    """Generate a batch of single-use codes, mailed or as a CSV file."""

    form_class = BatchForm
    page_title = gettext_lazy("Generate a batch of vouchers")
    submit_label = gettext_lazy("Generate")
    header_icon = "list-ul"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["delivery"] == "csv":
                return self.download(form)
            vouchers = mail_batch(
                data["batch"],
                form.get_terms(),
                form.customers,
                prefix=data["prefix"],
            )
        except CodeSpaceExhausted:
            return self.refuse(form, _("Too few free codes; try another prefix."))
        messages.success(
            self.request,
            _("Batch %(batch)s: %(count)s vouchers issued and mailed.")
            % {"batch": data["batch"], "count": len(vouchers)},
        )
        return redirect(reverse(self.index_url_name) + f"?batch={data['batch']}")

    def download(self, form):
        data = form.cleaned_data
        vouchers = issue_batch(
            data["batch"], form.get_terms(), data["count"], prefix=data["prefix"]
        )
        response = HttpResponse(batch_csv(vouchers), content_type="text/csv")
        stamp = timezone.localtime().strftime("%Y%m%d")
        filename = f"vouchers-{slug_for_file(data['batch'])}-{stamp}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def slug_for_file(text):
    return slugify(text) or "batch"


def coverage_panels():
    return MultiFieldPanel(
        [
            FieldPanel("products", widget=forms.CheckboxSelectMultiple),
            FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        ],
        heading=gettext_lazy("What it covers"),
        help_text=gettext_lazy("Choose nothing for the whole shop."),
    )


class VoucherViewSet(PromotionModelViewSet):
    """Vouchers: terms, who may use them, and what they gave."""

    model = Voucher
    icon = "tag"
    menu_label = gettext_lazy("Vouchers")
    index_view_class = VoucherIndexView
    inspect_view_class = VoucherInspectView
    delete_view_class = VoucherDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = VoucherFilterSet
    search_fields = ["code", "name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "code",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("value", label=gettext_lazy("Value"), accessor=voucher_value),
        Column(
            "starts_at",
            label=gettext_lazy("Starts"),
            accessor=in_jakarta("starts_at"),
            sort_key="starts_at",
        ),
        Column(
            "ends_at",
            label=gettext_lazy("Ends"),
            accessor=in_jakarta("ends_at"),
            sort_key="ends_at",
        ),
        Column(
            "use_count",
            label=gettext_lazy("Uses / max"),
            accessor=uses_of_max,
            sort_key="use_count",
        ),
        Column(
            "given",
            label=gettext_lazy("Discount given"),
            accessor=rupiah_given,
            sort_key="given",
        ),
        Column("batch", label=gettext_lazy("Batch")),
        BooleanColumn("active", label=gettext_lazy("Active")),
    ]
    list_export = ["code", "kind", "value", "starts_at", "ends_at", "batch"]

    @property
    def panels(self):
        return [
            MultiFieldPanel(
                [
                    FieldPanel("code"),
                    FieldPanel("name"),
                    FieldPanel("kind"),
                    FieldPanel("value"),
                    FieldPanel("max_discount"),
                    FieldPanel("min_subtotal"),
                    FieldPanel("budget"),
                    FieldPanel("applies_to_sale_items"),
                ],
                heading=gettext_lazy("Terms"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("starts_at", help_text=JAKARTA_HELP),
                    FieldPanel("ends_at", help_text=JAKARTA_HELP),
                    FieldPanel("active"),
                ],
                heading=gettext_lazy("When"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("max_uses"),
                    FieldPanel("max_uses_per_customer"),
                    FieldPanel("owner", widget=customer_chooser()),
                    FieldPanel("first_order_only"),
                    FieldPanel("batch"),
                ],
                heading=gettext_lazy("Who, and how often"),
            ),
            coverage_panels(),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            issue_url_name=self.get_url_name("issue"),
            batch_url_name=self.get_url_name("batch"),
            **kwargs,
        )

    def get_extra_views(self):
        return [
            ("issue/", IssueVoucherView, "issue"),
            ("batch/", BatchView, "batch"),
        ]
