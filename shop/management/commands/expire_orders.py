"""Expire orders unpaid past their deadline and give their stock back."""

from django.core.management.base import BaseCommand

from shop.orders import expire_orders


class Command(BaseCommand):
    help = "Expire orders still unpaid past their payment deadline."

    def handle(self, *args, **options):
        count = expire_orders()
        self.stdout.write(f"{count} orders expired.")
