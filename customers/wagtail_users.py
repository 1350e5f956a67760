"""Wagtail's users admin, with this project's user forms."""

from wagtail.users.views.users import UserViewSet as BaseUserViewSet

from .admin_forms import StaffUserCreationForm, StaffUserEditForm


class UserViewSet(BaseUserViewSet):
    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
