"""Wagtail's user forms for a model with one full name and a phone."""

from wagtail.users.forms import UserCreationForm, UserEditForm

from shop.phone import normalise_phone

OWN_FIELDS = {"full_name", "phone"}
WAGTAIL_NAMES = {"first_name", "last_name"}


class PhoneMixin:
    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalise_phone(phone) if phone else ""


class StaffUserCreationForm(PhoneMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields - WAGTAIL_NAMES) | OWN_FIELDS


class StaffUserEditForm(PhoneMixin, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields - WAGTAIL_NAMES) | OWN_FIELDS
