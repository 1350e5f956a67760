"""Orders in the Wagtail admin: the list, the order page and its steps.

Orders are never added, edited or deleted through a generic form: every
change goes through a step of ``shop.orders``, which records who made it.
"""

import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import django_filters
from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from .. import orders
from ..admin_forms import CancelForm, NoInputForm, RejectPaymentForm, ShipForm
from ..models import Order, OrderEvent, OrderState
from ..models.orders import OPEN_STATES
from ..templatetags.money import format_rupiah

logger = logging.getLogger(__name__)

_AMOUNT_PREFIX = re.compile(r"^\s*(rp\.?|idr)\s*", re.IGNORECASE)
_CENTS = re.compile(r"[.,]\d{2}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def parse_amount(text):
    """Whole rupiah from a bank statement's ``Rp 3.979.437,00``, or None."""
    value = _AMOUNT_PREFIX.sub("", text or "").strip()
    value = _CENTS.sub("", value)
    value = re.sub(r"[.,\s]", "", value)
    if not re.fullmatch(r"\d{1,15}", value):
        return None
    return int(value)


def phone_fragment(text):
    """The stored ``+62`` form of a (part of a) phone number, or None."""
    digits = _PHONE_SEPARATORS.sub("", text or "")
    if not re.fullmatch(r"\+?\d{4,15}", digits):
        return None
    if digits.startswith("0"):
        return "+62" + digits[1:]
    if digits.startswith("62"):
        return "+" + digits
    return digits


def search_orders(queryset, text):
    """Orders matching ``text`` by number, name, email, phone or total."""
    text = text.strip()
    query = (
        Q(number__icontains=text)
        | Q(full_name__icontains=text)
        | Q(email__icontains=text)
    )
    phone = phone_fragment(text)
    if phone:
        query |= Q(phone__contains=phone)
    amount = parse_amount(text)
    if amount:
        query |= Q(total=amount)
    return queryset.filter(query)


def filter_open_by_amount(queryset, text):
    """Open orders whose total is the amount on a bank statement line."""
    amount = parse_amount(text)
    if amount is None:
        return queryset.none()
    return queryset.filter(total=amount, state__in=OPEN_STATES)


class OrderFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=OrderState.choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Placed"), widget=DateRangePickerWidget
    )
    amount = django_filters.CharFilter(
        label=gettext_lazy("Find by amount"),
        method="filter_amount",
        help_text=gettext_lazy("An open order by its exact total: Rp 3.979.437"),
    )

    class Meta:
        model = Order
        fields = ["state", "created_at"]

    def filter_amount(self, queryset, name, value):
        return filter_open_by_amount(queryset, value)


JAKARTA = ZoneInfo(settings.TIME_ZONE)


def in_jakarta(value):
    """A moment as the shop in Palembang reads it: ``4 Des 2026, 15:52 WIB``."""
    local = timezone.localtime(value, JAKARTA)
    return formats.date_format(local, "j M Y, H:i") + " WIB"


def placed_in_jakarta(order):
    return in_jakarta(order.created_at)


def state_label(value):
    return OrderState(value).label if value in OrderState.values else value


def total_in_rupiah(order):
    return format_rupiah(order.total)


class OrderIndexView(IndexView):
    """The order list, searched by number, name, email, phone or amount."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_orders(queryset, self.search_query)


@dataclass(frozen=True)
class Step:
    """A button on the order page and the ``shop.orders`` call behind it."""

    name: str
    label: str
    to_state: str
    form_class: type
    done: str

    def run(self, order, actor, data):
        if self.name == "verify":
            return orders.verify_payment(order, actor=actor)
        if self.name == "reject":
            return orders.reject_payment(order, actor=actor, reason=data["reason"])
        if self.name == "ship":
            return orders.ship(
                order,
                actor=actor,
                courier=data["courier"],
                tracking_number=data["tracking_number"],
            )
        if self.name == "complete":
            return orders.complete(order, actor=actor)
        return orders.cancel(order, actor=actor, reason=data["reason"])


STEPS = {
    step.name: step
    for step in [
        Step(
            "verify",
            gettext_lazy("Verify payment"),
            OrderState.PAID,
            NoInputForm,
            gettext_lazy("Payment of %(number)s verified; the customer is told."),
        ),
        Step(
            "reject",
            gettext_lazy("Reject payment"),
            OrderState.AWAITING_PAYMENT,
            RejectPaymentForm,
            gettext_lazy("Payment of %(number)s rejected; the customer is told."),
        ),
        Step(
            "ship",
            gettext_lazy("Mark shipped"),
            OrderState.SHIPPED,
            ShipForm,
            gettext_lazy("%(number)s marked shipped; the customer is told."),
        ),
        Step(
            "complete",
            gettext_lazy("Mark completed"),
            OrderState.COMPLETED,
            NoInputForm,
            gettext_lazy("%(number)s completed."),
        ),
        Step(
            "cancel",
            gettext_lazy("Cancel order"),
            OrderState.CANCELLED,
            CancelForm,
            gettext_lazy("%(number)s cancelled and its stock given back."),
        ),
    ]
}


def get_steps(order):
    """The steps that may be taken from the order's state now."""
    allowed = orders.allowed_next(order)
    return [step for step in STEPS.values() if step.to_state in allowed]


class OrderDetailView(InspectView):
    """Everything about one order, and buttons for its next steps."""

    template_name = "shop/admin/order_detail.html"
    step_url_name = None
    fields = ["number"]

    def get_page_title(self):
        # Wagtail's own catalogue reads "Order" as a sort order; the model's
        # name is the shop's word.
        return capfirst(Order._meta.verbose_name)

    def get_object(self, queryset=None):
        events = OrderEvent.objects.select_related("actor")
        queryset = Order.objects.prefetch_related(
            "lines", "confirmations", Prefetch("events", queryset=events)
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context.update(
            order=order,
            placed=in_jakarta(order.created_at),
            deadline=in_jakarta(order.payment_deadline),
            confirmations=[
                (c, reverse("shop:receipt", args=[order.number, c.pk]))
                for c in order.confirmations.all()
            ],
            history=[
                (event, state_label(event.from_state), state_label(event.to_state))
                for event in order.events.all()
            ],
            steps=self.get_step_forms(order),
        )
        return context

    def get_step_forms(self, order):
        if not self.user_has_permission("change"):
            return []
        return [
            (
                step,
                step.form_class(
                    prefix=step.name, initial=self.get_initial(step, order)
                ),
                reverse(self.step_url_name, args=[order.pk, step.name]),
            )
            for step in get_steps(order)
        ]

    def get_initial(self, step, order):
        if step.name == "ship":
            return {"courier": f"{order.courier} {order.service}"}
        return {}


class OrderStepView(PermissionCheckedMixin, View):
    """Take one step with an order (POST only) and go back to its page."""

    model = Order
    permission_required = "change"
    http_method_names = ["post"]
    detail_url_name = None

    def post(self, request, pk, step):
        order = get_object_or_404(Order, pk=pk)
        back = redirect(self.detail_url_name, order.pk)
        step = STEPS.get(step)
        if step is None or step not in get_steps(order):
            messages.error(request, self.refusal(order))
            return back
        form = step.form_class(request.POST, prefix=step.name)
        if not form.is_valid():
            messages.error(request, self.form_errors(form))
            return back
        try:
            step.run(order, request.user, form.cleaned_data)
        except orders.TransitionNotAllowed as error:
            logger.warning("Order %s: step %s refused", order.number, step.name)
            messages.error(request, str(error))
            return back
        messages.success(request, step.done % {"number": order.number})
        return back

    def refusal(self, order):
        return _("This step cannot be taken with an order that is %(state)s.") % {
            "state": order.get_state_display()
        }

    def form_errors(self, form):
        return " ".join(
            f"{form.fields[name].label}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )


class OrderViewSet(ModelViewSet):
    """Orders: a list and a page per order, never a generic edit form."""

    model = Order
    icon = "list-ul"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = OrderIndexView
    inspect_view_class = OrderDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = OrderFilterSet
    search_fields = ["number", "full_name", "email", "phone"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "number",
        Column(
            "created_at",
            label=gettext_lazy("Placed"),
            accessor=placed_in_jakarta,
            sort_key="created_at",
        ),
        "full_name",
        "city",
        Column(
            "total",
            label=gettext_lazy("Total"),
            accessor=total_in_rupiah,
            sort_key="total",
        ),
        "state",
    ]
    list_export = ["number", "created_at", "full_name", "city", "total", "state"]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name"):
            kwargs[name] = None
        kwargs.pop("copy_url_name", None)
        return kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            step_url_name=self.get_url_name("step"), **kwargs
        )

    @cached_property
    def step_view(self):
        return OrderStepView.as_view(detail_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/step/<slug:step>/", self.step_view, name="step"),
        ]
