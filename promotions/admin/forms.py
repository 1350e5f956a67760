"""Forms Marketing fills in: voucher terms, personal vouchers, batches,
and corrections to a customer's points."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from customers.segments import get_segment_choices

from ..batches import Terms, get_customers
from ..models import Voucher

MAX_BATCH = 5000
PREFIX_PATTERN = re.compile(r"^[A-Z0-9]{2,12}$")


class TermsForm(forms.Form):
    """What each voucher gives: kind, value, cap, minimum, days valid."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Voucher.Kind.choices)
    value = forms.IntegerField(
        label=_("Value"),
        min_value=0,
        required=False,
        help_text=_("Percent, or rupiah for a fixed voucher; empty for shipping."),
    )
    max_discount = forms.IntegerField(
        label=_("Largest discount (Rp)"), min_value=1, required=False
    )
    min_subtotal = forms.IntegerField(
        label=_("Minimum order (Rp)"), min_value=0, initial=0, required=False
    )
    valid_days = forms.IntegerField(
        label=_("Valid for days"),
        min_value=1,
        max_value=366,
        initial=30,
        help_text=_("Until 23:59 Jakarta time on the last day."),
    )

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value") or 0
        if kind == Voucher.Kind.PERCENT and not 1 <= value <= 100:
            self.add_error(
                "value",
                ValidationError(
                    _("Enter a percentage from 1 to 100."), code="bad_percent"
                ),
            )
        if kind == Voucher.Kind.FIXED and value < 1:
            self.add_error(
                "value",
                ValidationError(_("Enter the rupiah off."), code="no_value"),
            )
        return data

    def get_terms(self):
        data = self.cleaned_data
        return Terms(
            kind=data["kind"],
            value=data.get("value") or 0,
            max_discount=data.get("max_discount"),
            min_subtotal=data.get("min_subtotal") or 0,
            valid_days=data["valid_days"],
        )


class PersonalVoucherForm(TermsForm):
    """A single-use voucher for one customer, mailed to them."""

    field_order = ["customer", "name"]

    def __init__(self, *args, customer_widget=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["customer"] = forms.ModelChoiceField(
            label=_("Customer"),
            queryset=get_user_model().objects.filter(is_active=True),
            widget=customer_widget,
        )
        self.fields["name"] = forms.CharField(
            label=_("Name"),
            max_length=100,
            required=False,
            help_text=_("For the staff list only, e.g. “Apology for late parcel”."),
        )
        self.order_fields(self.field_order)


class BatchForm(TermsForm):
    """Many single-use codes with shared terms, mailed or exported."""

    DELIVERY = [
        ("csv", _("Download the codes as a CSV file")),
        ("mail", _("Mail one code to each customer")),
    ]
    AUDIENCE = [
        ("emails", _("The addresses pasted below")),
        ("ordered", _("All customers who have ordered")),
        ("all", _("All customers")),
        *[(f"segment:{name}", label) for name, label in get_segment_choices()],
    ]

    batch = forms.CharField(
        label=_("Batch name"),
        max_length=60,
        help_text=_("Names the batch in the voucher list, e.g. “lebaran-2025”."),
    )
    prefix = forms.CharField(
        label=_("Code prefix"),
        max_length=12,
        initial="PROMO",
        help_text=_(
            "2 to 12 letters or digits; each code is the prefix, a dash and "
            "six more letters or digits."
        ),
    )
    delivery = forms.ChoiceField(
        label=_("Hand out by"), choices=DELIVERY, widget=forms.RadioSelect
    )
    count = forms.IntegerField(
        label=_("How many codes"),
        min_value=1,
        max_value=MAX_BATCH,
        required=False,
        help_text=_("For a CSV file."),
    )
    audience = forms.ChoiceField(
        label=_("Mail to"),
        choices=AUDIENCE,
        widget=forms.RadioSelect,
        required=False,
    )
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line, or separated by commas or spaces."),
    )

    field_order = ["batch", "prefix"]

    def clean_batch(self):
        batch = self.cleaned_data["batch"].strip()
        if batch.lower() == "welcome" or Voucher.objects.filter(batch=batch).exists():
            raise ValidationError(
                _("A batch named “%(batch)s” exists; choose another name."),
                code="batch_exists",
                params={"batch": batch},
            )
        return batch

    def clean_prefix(self):
        prefix = self.cleaned_data["prefix"].strip().upper()
        if not PREFIX_PATTERN.match(prefix):
            raise ValidationError(
                _("Use 2 to 12 letters or digits."), code="bad_prefix"
            )
        return prefix

    def clean(self):
        data = super().clean()
        self.customers = []
        if data.get("delivery") == "csv" and not data.get("count"):
            self.add_error(
                "count",
                ValidationError(_("How many codes?"), code="no_count"),
            )
        if data.get("delivery") == "mail":
            self.clean_recipients(data)
        return data

    def clean_recipients(self, data):
        audience = data.get("audience")
        if not audience:
            self.add_error(
                "audience", ValidationError(_("Choose who gets it."), code="required")
            )
            return
        emails = parse_emails(data.get("emails", ""))
        bad = [email for email in emails if not is_email(email)]
        if bad:
            self.add_error("emails", not_addresses(bad))
            return
        self.customers, missing = get_customers(audience, emails)
        if missing:
            self.add_error("emails", no_customers(missing))
        elif not self.customers:
            self.add_error(
                "emails" if audience == "emails" else "audience",
                ValidationError(_("Nobody to mail."), code="nobody"),
            )
        elif len(self.customers) > MAX_BATCH:
            self.add_error(
                "audience",
                ValidationError(
                    _("At most %(max)s customers at once."),
                    code="too_many",
                    params={"max": MAX_BATCH},
                ),
            )


def parse_emails(text):
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def is_email(text):
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def not_addresses(bad):
    return ValidationError(
        _("Not email addresses: %(emails)s"),
        code="bad_email",
        params={"emails": ", ".join(bad[:10])},
    )


def no_customers(missing):
    return ValidationError(
        _("No customer has these addresses: %(emails)s"),
        code="unknown_email",
        params={"emails": ", ".join(missing[:10])},
    )


class PointsAdjustForm(forms.Form):
    """A signed correction to a customer's points, with its reason."""

    points = forms.IntegerField(
        label=_("Points"),
        min_value=-1_000_000,
        max_value=1_000_000,
        help_text=_("Positive to add, negative to take away."),
    )
    note = forms.CharField(
        label=_("Reason"),
        max_length=250,
        help_text=_("Kept in the ledger, e.g. “Parcel arrived damaged”."),
    )

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise ValidationError(
                _("Enter a number other than zero."), code="zero_points"
            )
        return points
