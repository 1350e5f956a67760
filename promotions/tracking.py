"""What the mail provider tells us about sent mail, through anymail's
tracking webhook: deliveries, opens and clicks are counted; hard bounces
and spam complaints stop all further announcements to that address."""

import logging

from anymail.signals import EventType, RejectReason, tracking
from django.dispatch import receiver
from django.utils import timezone

from customers.models import OutboxMessage

from . import subscribers
from .identity import email_key
from .models import Announcement, MailEvent, Subscriber

logger = logging.getLogger(__name__)

RECORDED = {
    EventType.DELIVERED,
    EventType.BOUNCED,
    EventType.COMPLAINED,
    EventType.OPENED,
    EventType.CLICKED,
    EventType.REJECTED,
    EventType.UNSUBSCRIBED,
}
# Raw event names that anymail reports as a bounce but that say the mailbox
# may work tomorrow (Brevo, Postmark, SendGrid).
SOFT_BOUNCES = {"soft_bounce", "SoftBounce", "blocked"}


@receiver(tracking, dispatch_uid="promotions.tracking.record_event")
def on_tracking(sender, event, esp_name, **kwargs):
    record_event(event)


def record_event(event):
    """Store one event against its message and act on what it says."""
    if event.event_type not in RECORDED or not event.recipient:
        return None
    key = email_key(event.recipient)
    outbox, announcement_id = find_message(event, key)
    mail_event = MailEvent.objects.create(
        outbox=outbox,
        announcement_id=announcement_id,
        message_id=(event.message_id or "")[:200],
        event=event.event_type,
        email_key=key,
        at=event.timestamp or timezone.now(),
    )
    apply_suppression(event)
    return mail_event


def find_message(event, key):
    """The outbox row an event is about, and its announcement's id."""
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    announcement_id = _int(metadata.get("announcement"))
    if announcement_id is not None:
        if not Announcement.objects.filter(pk=announcement_id).exists():
            return None, None
        outbox_key = f"announcement:{announcement_id}:{key}"
        return OutboxMessage.objects.filter(key=outbox_key).first(), announcement_id
    if not event.message_id:
        return None, None
    outbox = OutboxMessage.objects.filter(
        provider_id=str(event.message_id)[:200], recipient__iexact=event.recipient
    ).first()
    if outbox is not None and outbox.kind == "announcement":
        return outbox, _int(outbox.object_id)
    return outbox, None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def apply_suppression(event):
    """Bounced and complained mailboxes are never mailed again."""
    status = suppression_for(event)
    if status == Subscriber.Status.UNSUBSCRIBED:
        subscribers.unsubscribe(event.recipient)
    elif status is not None:
        subscribers.suppress(event.recipient, status)


def suppression_for(event):
    """The subscriber status an event calls for, or None."""
    kind, reason = event.event_type, event.reject_reason
    if kind == EventType.COMPLAINED:
        return Subscriber.Status.COMPLAINED
    if kind == EventType.BOUNCED and is_hard_bounce(event):
        return Subscriber.Status.BOUNCED
    if kind == EventType.REJECTED and reason == RejectReason.BOUNCED:
        return Subscriber.Status.BOUNCED
    if kind == EventType.REJECTED and reason == RejectReason.SPAM:
        return Subscriber.Status.COMPLAINED
    if kind == EventType.UNSUBSCRIBED:
        return Subscriber.Status.UNSUBSCRIBED
    return None


def is_hard_bounce(event):
    """Whether a bounce means the mailbox does not exist or refuses us."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    marks = {raw.get("event"), raw.get("Type"), raw.get("type")}
    return not (marks & SOFT_BOUNCES)
