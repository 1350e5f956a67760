"""Import shipping rates from a CSV file: ``manage.py import_shipping_rates FILE``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.shipping_import import COLUMNS, ShippingImportError, import_rates


class Command(BaseCommand):
    help = f"Create or update shipping rates from a CSV file ({','.join(COLUMNS)})."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            data = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            result = import_rates(data)
        except ShippingImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} rates created, {result.updated} updated."
            )
        )
