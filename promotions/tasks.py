"""Background tasks of the promotions app."""

from django_tasks import task

from . import announcements


@task()
def send_announcement(announcement_id):
    """Send an announcement to everyone recorded for it; safe to run again."""
    announcements.run(announcement_id)
