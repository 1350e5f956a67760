"""Send again the messages that failed or whose task was lost."""

from django.core.management.base import BaseCommand

from customers.outbox import retry_failed


class Command(BaseCommand):
    help = (
        "Queue again failed messages, messages stuck in the queue, and "
        "announcements whose sending stopped."
    )

    def handle(self, *args, **options):
        from promotions.announcements import resume_stalled

        self.stdout.write(f"{retry_failed()} messages queued again.")
        self.stdout.write(f"{resume_stalled()} announcements resumed.")
