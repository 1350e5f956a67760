"""Background tasks of the customers app."""

from django_tasks import task

from .outbox import deliver


@task()
def send_outbox_message(message_id):
    """Send one message from the outbox."""
    deliver(message_id)
