"""Remind customers whose payment deadline is near."""

from django.core.management.base import BaseCommand

from shop.orders import send_reminders


class Command(BaseCommand):
    help = "Mail a reminder to customers whose payment deadline is near."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reminders queued.")
