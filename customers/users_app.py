"""Wagtail's users app, pointed at this project's user viewset."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "customers.wagtail_users.UserViewSet"
