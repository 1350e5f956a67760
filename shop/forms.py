"""Forms customers fill in: checkout and payment confirmation."""

import re
from itertools import groupby

from django import forms
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shop.templatetags.money import format_rupiah

from .models import ShippingRate
from .phone import normalise_phone
from .receipts import clean_receipt


class GroupedRates(BaseChoiceIterator):
    """The rates of a field as choices grouped by city, read when iterated."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        yield ("", _("Choose a city and courier"))
        rates = self.field.queryset
        for city, group in groupby(rates, key=lambda r: f"{r.city}, {r.province}"):
            yield (city, [(r.pk, self.field.label_from_instance(r)) for r in group])


class ShippingRateField(forms.ModelChoiceField):
    """A choice of courier service, grouped by destination city."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=ShippingRate.objects.filter(active=True).order_by(
                "city", "courier", "price_per_kg"
            ),
            **kwargs,
        )

    def label_from_instance(self, rate):
        # The city is in the label too: a chosen option shows without its group.
        return ngettext(
            "%(city)s: %(courier)s %(service)s, %(price)s/kg, %(days)s day",
            "%(city)s: %(courier)s %(service)s, %(price)s/kg, %(days)s days",
            rate.days_max,
        ) % {
            "city": rate.city,
            "courier": rate.courier,
            "service": rate.service,
            "price": format_rupiah(rate.price_per_kg),
            "days": rate.days,
        }

    def _get_choices(self):
        return GroupedRates(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class RupiahField(forms.Field):
    """Whole rupiah as people write them: 3.979.123, Rp 3979123..."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "30"})

    def to_python(self, value):
        text = str(value or "").strip()[:30]
        if not text:
            return None
        digits = text.upper().removeprefix("RP").replace(".", "").replace(" ", "")
        if not re.fullmatch(r"[0-9]{1,12}", digits) or int(digits) == 0:
            raise forms.ValidationError(
                _("Enter the amount in whole rupiah, for example 3.979.123."),
                code="invalid_amount",
            )
        return int(digits)


class CheckoutForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(
        label=_("Phone (WhatsApp)"),
        max_length=30,
        help_text=_("For example 0812 3456 7890"),
    )
    street = forms.CharField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Street, house number, district"),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("A postcode has five digits.")},
    )
    shipping_rate = ShippingRateField(
        label=_("Destination and courier"),
        error_messages={
            "required": _("Choose a destination and a shipping service."),
            "invalid_choice": _("Choose a destination and a shipping service."),
        },
    )
    note = forms.CharField(
        label=_("Note to the shop"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    voucher_code = forms.CharField(
        label=_("Voucher code"), required=False, max_length=40
    )
    points = forms.IntegerField(
        label=_("Points to spend"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages={"invalid": _("Enter the points as a whole number.")},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None:
            del self.fields["points"]

    def clean_voucher_code(self):
        return "".join(self.cleaned_data["voucher_code"].split()).upper()

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())


class PaymentConfirmationForm(forms.Form):
    bank = forms.CharField(
        label=_("Your bank"), max_length=60, help_text=_("For example BCA, BRI")
    )
    account_holder = forms.CharField(label=_("Account holder"), max_length=100)
    amount = RupiahField(label=_("Amount transferred (Rp)"))
    transfer_date = forms.DateField(
        label=_("Transfer date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    receipt = forms.FileField(
        label=_("Photo of the receipt"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_transfer_date(self):
        value = self.cleaned_data["transfer_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("The transfer date cannot be in the future."), code="future"
            )
        return value

    def clean_receipt(self):
        return clean_receipt(self.cleaned_data["receipt"])
