"""Sign-up, sign-in and address forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from shop.phone import normalise_phone

from .models import Address, User, normalise_email


class SignUpForm(BaseUserCreationForm):
    subscribe = forms.BooleanField(
        label=_("Mail me when new cloths arrive"), required=False
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]
        labels = {"full_name": _("Full name"), "phone": _("Phone (WhatsApp)")}

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Sign in instead."),
                code="email_taken",
            )
        return email

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalise_phone(phone) if phone else ""


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True})
    )


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["label", "recipient", "phone", "street", "postcode", "shipping_city"]
        widgets = {"street": forms.Textarea(attrs={"rows": 3})}

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language"]

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalise_phone(phone) if phone else ""
