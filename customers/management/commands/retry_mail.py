"""Send again the messages that failed or whose task was lost."""

from django.core.management.base import BaseCommand

from customers.outbox import retry_failed


class Command(BaseCommand):
    help = "Queue again failed messages and messages stuck in the queue."

    def handle(self, *args, **options):
        self.stdout.write(f"{retry_failed()} messages queued again.")
