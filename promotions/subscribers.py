"""Who may receive the shop's announcements, and how they say so.

Visitors subscribe with an address alone and confirm it by a signed link
(double opt-in); nothing is mailed to a pending address but that link.
Signed-in customers opt in from the sign-up form or their account page,
where the address is their login, and are subscribed at once.

An address that unsubscribed may subscribe again, through the same
confirmation link. An address that hard-bounced or whose owner marked our
mail as spam stays suppressed: the form answers as it always does, and
nothing is mailed or changed, so that a typo or a stranger cannot turn it
back on. Only staff may lift that.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from customers.outbox import queue_message

from .identity import email_key
from .models import Subscriber, WelcomeClaim

logger = logging.getLogger(__name__)

CONFIRM_SALT = "promotions.newsletter-confirm"
UNSUBSCRIBE_SALT = "promotions.newsletter-unsubscribe"
CONFIRM_DAYS = 7
# A second request for the same address within this time sends no new mail,
# so that the form cannot be used to flood someone's inbox.
RESEND_AFTER = timedelta(minutes=10)

SUPPRESSED = (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)
Status = Subscriber.Status


def absolute(path):
    """The full address of a path on this site, for links in mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def make_confirm_token(email, *, language, source, page):
    """A signed token naming the address and where consent was asked."""
    data = {
        "e": email,
        "l": language,
        "s": source,
        "p": page[:200],
        "t": timezone.now().timestamp(),
    }
    return signing.dumps(data, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """The data a confirmation token was made with, or None if it is bad."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and data.get("e") else None


def make_unsubscribe_token(key):
    """A signed token for one mailbox's unsubscribe link; it never expires."""
    return signing.dumps(key, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The mailbox key an unsubscribe token names, or None if it is bad."""
    try:
        key = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return key if isinstance(key, str) else None


def unsubscribe_url(key):
    """The one-click unsubscribe link for one mailbox."""
    return unsubscribe_url_maker()(key)


def unsubscribe_url_maker():
    """A function making unsubscribe links without a URL lookup each time."""
    head, tail = absolute(reverse("newsletter:unsubscribe", args=["~"])).split("~")
    signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)
    return lambda key: f"{head}{signer.sign_object(key)}{tail}"


def subscribe(email, *, language="id", source="form", page=""):
    """Ask a visitor to confirm their address; True if a mail was queued."""
    key = email_key(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email_key=key)
        subscriber = subscriber.first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email, email_key=key, language=language, source=source, page=page
            )
        if not _should_confirm(subscriber):
            return False
        subscriber.confirm_sent_at = timezone.now()
        subscriber.save(update_fields=["confirm_sent_at"])
    token = make_confirm_token(email, language=language, source=source, page=page)
    send_confirmation(subscriber, email, language, token)
    logger.info("Subscriber %s asked to confirm", subscriber.pk)
    return True


def _should_confirm(subscriber):
    if subscriber.status in SUPPRESSED:
        logger.warning("Subscriber %s is suppressed; not mailed", subscriber.pk)
        return False
    if subscriber.status == Status.SUBSCRIBED:
        return False
    sent = subscriber.confirm_sent_at
    return sent is None or timezone.now() - sent > RESEND_AFTER


def send_confirmation(subscriber, email, language, token):
    """Queue the mail with the confirmation link."""
    from shop.emails import shop_context

    link = absolute(reverse("newsletter:confirm", args=[token]))
    stamp = subscriber.confirm_sent_at.timestamp()
    queue_message(
        key=f"confirm_subscription:{subscriber.pk}:{stamp}",
        kind="confirm_subscription",
        recipient=email,
        language=language,
        context={**shop_context(), "link": link},
        obj=subscriber,
    )


@transaction.atomic
def confirm(token):
    """Subscribe the address a confirmation link names; None if refused."""
    data = read_confirm_token(token)
    if data is None:
        return None
    key = email_key(data["e"])
    subscriber = Subscriber.objects.select_for_update().filter(email_key=key).first()
    if subscriber is None or subscriber.status in SUPPRESSED:
        return None
    if _asked_before_unsubscribing(data, subscriber):
        return None
    if subscriber.status != Status.SUBSCRIBED:
        subscriber.email = data["e"]
        subscriber.language = data.get("l") or subscriber.language
        _record_consent(subscriber, data.get("s") or "form", data.get("p") or "")
        logger.info("Subscriber %s confirmed", subscriber.pk)
    return subscriber


def _asked_before_unsubscribing(data, subscriber):
    """An old link, opened again after its owner unsubscribed, is refused."""
    left = subscriber.unsubscribed_at
    return left is not None and data.get("t", 0) < left.timestamp()


def mailbox_confirmed(user):
    """Whether the customer proved the address is theirs by its link."""
    return WelcomeClaim.objects.filter(
        email_key=email_key(user.email), confirmed_at__isnull=False
    ).exists()


def note_signup_wish(user, page=""):
    """Remember a new customer's wish for announcements; it is granted by
    ``grant_signup_wish`` once they confirm their address."""
    key = email_key(user.email)
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email_key=key,
            defaults={
                "email": user.email,
                "language": user.language,
                "source": Subscriber.Source.SIGNUP,
                "page": page[:200],
                "user": user,
            },
        )
        if not created and subscriber.status == Status.UNSUBSCRIBED:
            subscriber.source = Subscriber.Source.SIGNUP
            subscriber.page = page[:200]
            subscriber.user = user
            subscriber.save(update_fields=["source", "page", "user"])
    return subscriber


def grant_signup_wish(user):
    """Subscribe a customer who asked at sign-up and has now confirmed."""
    subscriber = Subscriber.objects.filter(
        email_key=email_key(user.email),
        source=Subscriber.Source.SIGNUP,
        status__in=[Status.PENDING, Status.UNSUBSCRIBED],
        user=user,
    ).first()
    if subscriber is None:
        return None
    return subscribe_customer(user, Subscriber.Source.SIGNUP, subscriber.page)


def _record_consent(subscriber, source, page):
    subscriber.status = Status.SUBSCRIBED
    subscriber.consented_at = timezone.now()
    subscriber.source = source
    subscriber.page = page[:200]
    subscriber.unsubscribed_at = None
    subscriber.save()


def subscribe_customer(user, source, page=""):
    """Subscribe a signed-in customer: at once when they have confirmed
    their address, else through the confirmation link, like a visitor."""
    if not mailbox_confirmed(user):
        subscribe(user.email, language=user.language, source=source, page=page)
        return Subscriber.objects.get(email_key=email_key(user.email))
    return _subscribe_confirmed(user, source, page)


@transaction.atomic
def _subscribe_confirmed(user, source, page):
    key = email_key(user.email)
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email_key=key,
        defaults={"email": user.email, "language": user.language, "source": source},
    )
    if subscriber.status in SUPPRESSED:
        logger.warning("Subscriber %s is suppressed; not subscribed", subscriber.pk)
        return subscriber
    subscriber.user = user
    if subscriber.status != Status.SUBSCRIBED:
        subscriber.email = user.email
        subscriber.language = user.language
        _record_consent(subscriber, source, page)
        logger.info("Customer %s subscribed (%s)", user.pk, source)
    else:
        subscriber.save(update_fields=["user"])
    return subscriber


def unsubscribe(email=None, *, key=None):
    """Stop all announcements to a mailbox; returns its subscriber or None.

    Unsubscribing twice is harmless. A bounced or complained address keeps
    that status, which says more.
    """
    key = key or email_key(email)
    subscriber = Subscriber.objects.filter(email_key=key).first()
    if subscriber is None:
        return None
    changed = Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[Status.PENDING, Status.SUBSCRIBED]
    ).update(status=Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    if changed:
        logger.info("Subscriber %s unsubscribed", subscriber.pk)
        subscriber.refresh_from_db()
    return subscriber


def suppress(email, status):
    """Never mail this address again: it bounced or its owner complained."""
    key = email_key(email)
    subscriber, created = Subscriber.objects.get_or_create(
        email_key=key, defaults={"email": email, "status": status}
    )
    if not created and subscriber.status != status:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=status, unsubscribed_at=timezone.now()
        )
    logger.info("Subscriber %s suppressed (%s)", subscriber.pk, status)
    return subscriber


def is_subscribed(user):
    """Whether a customer's address receives announcements now."""
    return Subscriber.objects.filter(
        email_key=email_key(user.email), status=Status.SUBSCRIBED
    ).exists()
