"""Giving staff groups their model permissions, for data migrations.

Django makes permission rows after all migrations have run; a migration
that grants them to a group must make them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def ensure_permissions(apps, app_label):
    """Create the permission rows of one app's models as they are now."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def get_permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise LookupError(f"Missing permissions: {sorted(missing)}")
    return list(found)


def grant_operation(app_label, grants):
    """A reversible operation giving each group (by name) its codenames."""

    def grant(apps, schema_editor):
        ensure_permissions(apps, app_label)
        Group = apps.get_model("auth", "Group")
        for name, codenames in grants.items():
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(*get_permissions(apps, app_label, codenames))

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for name, codenames in grants.items():
            group = Group.objects.filter(name=name).first()
            if group is not None:
                group.permissions.remove(*get_permissions(apps, app_label, codenames))

    return migrations.RunPython(grant, revoke)
