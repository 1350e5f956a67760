"""Forms staff fill in the Wagtail admin: order steps, stock, rate import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import StockMovement

MANUAL_REASONS = [
    (value, label)
    for value, label in StockMovement.Reason.choices
    if value not in (StockMovement.Reason.ORDER, StockMovement.Reason.RETURNED)
]


class NoInputForm(forms.Form):
    """A step that needs nothing but the button (verify, complete)."""


class RejectPaymentForm(forms.Form):
    """Why the transfer was not found; the customer reads it."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ShipForm(forms.Form):
    """The courier that took the parcel and its tracking number."""

    courier = forms.CharField(label=_("Courier"), max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=60)


class CancelForm(forms.Form):
    """Why the order is cancelled; the customer reads it."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class StockAdjustForm(forms.Form):
    """A signed change to one variant's stock, with its reason."""

    change = forms.IntegerField(
        label=_("Change"),
        help_text=_("Positive to add units, negative to take them away."),
        min_value=-100_000,
        max_value=100_000,
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=MANUAL_REASONS)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def clean_change(self):
        change = self.cleaned_data["change"]
        if change == 0:
            raise forms.ValidationError(
                _("Enter a number other than zero."), code="zero_change"
            )
        return change


class ShippingImportForm(forms.Form):
    """A CSV file of shipping rates."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 text with the header "
            "city,province,courier,service,price_per_kg,days_min,days_max"
        ),
    )
