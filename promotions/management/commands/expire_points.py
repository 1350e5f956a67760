"""Expire loyalty points past their date and warn of those expiring soon."""

from django.core.management.base import BaseCommand

from promotions.points import expire_points
from promotions.reminders import warn_expiring_points


class Command(BaseCommand):
    help = "Expire points past their date; mail once per batch expiring soon."

    def handle(self, *args, **options):
        expired = expire_points()
        warned = warn_expiring_points()
        self.stdout.write(f"{expired} points expired, {warned} expiry warnings queued.")
