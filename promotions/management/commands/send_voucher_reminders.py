"""Remind customers of a personal voucher that is about to lapse unused."""

from django.core.management.base import BaseCommand

from promotions.reminders import send_voucher_reminders


class Command(BaseCommand):
    help = "Mail one reminder per unused personal voucher ending soon."

    def handle(self, *args, **options):
        count = send_voucher_reminders()
        self.stdout.write(f"{count} voucher reminders queued.")
