"""Shop managers see the customer list and pages; Marketing already does."""

from django.db import migrations

from songket_site.grants import grant_operation

GRANTS = {"Shop managers": ["view_user"]}


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0001_initial"),
        ("shop", "0002_staff_groups"),
    ]

    operations = [grant_operation("customers", GRANTS)]
