"""Marketing runs vouchers, sales and points; Shop managers see vouchers."""

from django.db import migrations

from songket_site.grants import grant_operation

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


class Migration(migrations.Migration):
    dependencies = [
        ("promotions", "0001_initial"),
        ("shop", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [grant_operation("promotions", GRANTS)]
