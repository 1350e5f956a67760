"""The mail outbox: every message is a row first, then a task sends it.

A message has a key naming what it is about (``order_placed:SK-2412-0001:
customer``); a second request for the same key finds the row and sends
nothing, so a retried task or a repeated click never mails anyone twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STUCK_AFTER = timedelta(minutes=15)


def queue_message(*, key, kind, recipient, context, language="id", user=None, obj=None):
    """Record a message once and send it by a task after the commit."""
    if recipient.endswith("@invalid"):
        logger.info("Message of kind %s not queued: the account is closed", kind)
        return None
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key[:300],
                kind=kind,
                recipient=recipient,
                user=user,
                language=language or settings.LANGUAGE_CODE,
                object_type=obj._meta.model_name if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                context=context,
            )
    except IntegrityError:
        logger.info("Message of kind %s already queued; not queued again", kind)
        return None

    from .tasks import send_outbox_message

    transaction.on_commit(lambda: send_outbox_message.enqueue(message.pk))
    return message


def render_message(message):
    """Render the subject, plain text and HTML of a message in its language."""
    context = {**message.context, "site_url": settings.WAGTAILADMIN_BASE_URL}
    base = f"email/{message.kind}"
    with translation.override(message.language):
        subject = render_to_string(f"{base}_subject.txt", context).strip()
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    return " ".join(subject.split()), text, html


def deliver(message_id):
    """Send one queued message, holding its row so no second worker does."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        )
        if message is None or message.status == OutboxMessage.Status.SENT:
            return
        message.attempts += 1
        try:
            subject, text, html = render_message(message)
            mail = EmailMultiAlternatives(subject, text, to=[message.recipient])
            mail.attach_alternative(html, "text/html")
            mail.send()
        except Exception as error:  # noqa: BLE001 - a template or provider failure
            message.status = OutboxMessage.Status.FAILED
            message.error = str(error)[:2000]
            message.save(update_fields=["status", "error", "attempts"])
            logger.exception("Message %s (%s) failed", message.pk, message.kind)
            return
        status = getattr(mail, "anymail_status", None)
        message.provider_id = (getattr(status, "message_id", None) or "")[:200]
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save()
    logger.info("Message %s (%s) sent", message.pk, message.kind)


def retry_failed(now=None):
    """Queue again failed messages with attempts left, and messages whose
    task was lost (still queued after a quarter of an hour)."""
    now = now or timezone.now()
    stuck = Q(status=OutboxMessage.Status.QUEUED, created_at__lt=now - STUCK_AFTER)
    failed = Q(status=OutboxMessage.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
    # Announcements have their own sending task, which resumes by itself.
    ours = ~Q(kind="announcement")
    from .tasks import send_outbox_message

    count = 0
    for pk in OutboxMessage.objects.filter(ours, stuck | failed).values_list(
        "pk", flat=True
    ):
        send_outbox_message.enqueue(pk)
        count += 1
    if count:
        logger.info("%s messages queued again", count)
    return count
