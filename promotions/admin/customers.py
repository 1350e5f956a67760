"""A chooser for customers: a modal that searches by name or email."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet


class CustomerFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name or email")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        text = (self.cleaned_data.get("q") or "").strip()
        if text:
            objects = objects.filter(
                Q(full_name__icontains=text) | Q(email__icontains=text)
            )
            self.is_searching = True
            self.search_query = text
        return objects


class CustomerChooseMixin:
    filter_form_class = CustomerFilterForm
    ordering = ["full_name", "email"]

    def get_object_list(self):
        return get_user_model().objects.filter(is_active=True)

    @property
    def columns(self):
        return super().columns + [Column("email", label=_("Email"))]


class CustomerChooseView(CustomerChooseMixin, ChooseView):
    pass


class CustomerChooseResultsView(CustomerChooseMixin, ChooseResultsView):
    pass


class CustomerChosenView(ChosenView):
    def get_display_title(self, instance):
        return f"{instance.full_name} <{instance.email}>"


class CustomerChooserViewSet(ChooserViewSet):
    """Pick one customer; the widget is used where a form asks for it."""

    model = get_user_model()
    icon = "user"
    choose_one_text = _("Choose a customer")
    choose_another_text = _("Choose another customer")
    edit_item_text = _("Edit customer")
    register_widget = False
    choose_view_class = CustomerChooseView
    choose_results_view_class = CustomerChooseResultsView
    chosen_view_class = CustomerChosenView


customer_chooser_viewset = CustomerChooserViewSet("customer_chooser")


def customer_chooser():
    """A fresh chooser widget for a customer field."""
    return customer_chooser_viewset.widget_class()
