"""A viewset whose menu item shows only to staff with a model's permissions."""

from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry


class PermissionMenuViewSet(ViewSet):
    """Set ``permission_model`` and ``menu_permissions`` (actions)."""

    permission_model = None
    menu_permissions = ()

    @cached_property
    def menu_item_class(self):
        model, actions = self.permission_model, set(self.menu_permissions)

        def is_shown(item, request):
            policy = policy_registry.get_by_type(model)
            return policy.user_has_any_permission(request.user, actions)

        name = f"{model.__name__}MenuItem"
        return type(name, (MenuItem,), {"is_shown": is_shown})
