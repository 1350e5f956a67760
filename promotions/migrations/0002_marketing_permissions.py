"""Marketing runs vouchers, sales and points; Shop managers see vouchers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Marketing": [
        *[
            f"{action}_{model}"
            for model in ("voucher", "sale")
            for action in ("add", "change", "delete", "view")
        ],
        "view_pointsentry",
        "add_pointsentry",
        "view_voucheruse",
        "change_promotionsettings",
    ],
    "Shop managers": ["view_voucher"],
}


def ensure_permissions(apps):
    """Permission rows are made after migrating; the groups need them now."""
    app_config = apps.get_app_config("promotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def get_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(
        content_type__app_label="promotions", codename__in=codenames
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
        ("promotions", "0001_initial"),
        ("shop", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
