"""Shop managers see the customer list and pages; Marketing already does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Shop managers": ["view_user"]}


def ensure_permissions(apps):
    """Permission rows are made after migrating; the groups need them now."""
    app_config = apps.get_app_config("customers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def get_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(
        content_type__app_label="customers", codename__in=codenames
    )
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise LookupError(f"Missing permissions: {sorted(missing)}")
    return list(found)


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*get_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*get_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0001_initial"),
        ("shop", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
