"""The three staff groups: Editors, Shop managers and Marketing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "access_admin")

GROUPS = {
    "Editors": [
        ADMIN_ACCESS,
        *[
            ("shop", f"{action}_{model}")
            for model in ("motif", "technique", "material")
            for action in ("add", "change", "delete")
        ],
    ],
    "Shop managers": [
        ADMIN_ACCESS,
        ("shop", "view_order"),
        ("shop", "change_order"),
        ("shop", "view_shippingrate"),
        ("shop", "add_shippingrate"),
        ("shop", "change_shippingrate"),
        ("shop", "delete_shippingrate"),
        *[
            ("shop", f"{action}_{model}")
            for model in ("stocklevel", "stockmovement")
            for action in ("view", "add", "change")
        ],
        ("shop", "change_shopsettings"),
    ],
    "Marketing": [
        ADMIN_ACCESS,
        ("shop", "view_order"),
        ("customers", "view_user"),
    ],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", f"{action}_image") for action in ("add", "change", "choose")
] + [("wagtaildocs", f"{action}_document") for action in ("add", "change", "choose")]


def ensure_permissions(apps):
    """Permission rows are made after migrating; these groups need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def get_permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for name, permissions in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[get_permission(apps, app, codename) for app, codename in permissions]
        )
    editors = Group.objects.get(name="Editors")
    give_root_page_permissions(apps, editors)
    give_root_collection_permissions(apps, editors)


def give_root_page_permissions(apps, group):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=get_permission(apps, "wagtailcore", codename),
        )


def give_root_collection_permissions(apps, group):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=get_permission(apps, app_label, codename),
        )


def remove_groups(apps, schema_editor):
    """Remove the groups this migration made; Wagtail made Editors."""
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Shop managers", "Marketing"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
        ("customers", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
