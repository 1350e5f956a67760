"""Product announcements: who receives one, what it says, and its sending.

Sending happens in two steps. First every recipient is recorded once in
the outbox, keyed ``announcement:<id>:<email key>``, so a retry or a
second click finds the rows and adds no one twice. Then the queued rows
are worked through in batches, each batch in one transaction: claim the
rows, send them, mark them sent, commit.

What the database cannot know is whether the provider took a batch when
a worker dies between the send call returning and the commit. Then the
rows roll back to queued and the next run sends that one batch again:
at most one batch of people may get the mail twice, and only after a
crash in that instant; nobody is ever left out. Marking rows before the
send would turn this into the opposite (a batch silently never mailed),
which is worse for a shop that promised the mail.
"""

import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from html import unescape

from anymail.exceptions import AnymailRecipientsRefused
from anymail.message import AnymailMessage
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html
from wagtail.signals import page_published

from customers.models import OutboxMessage
from customers.outbox import MAX_ATTEMPTS
from shop.models import OrderLine, OrderState, ProductPage, ShopSettings
from shop.templatetags.money import format_rupiah

from .identity import email_key
from .models import Announcement, AnnouncementProduct, MailEvent, Subscriber
from .sales import best_price, get_active_sales
from .subscribers import unsubscribe_url_maker

logger = logging.getLogger(__name__)

KIND = "announcement"
RECORD_CHUNK = 2000
BATCH_SIZE = 500
STALLED_AFTER = timedelta(minutes=15)
PLACEHOLDER = "%%UNSUBSCRIBE_URL%%"
MERGE_KEY = "unsubscribe_url"
# How each provider writes a per-recipient field in a message it sends as a
# batch. A provider not named here gets one message per recipient.
MERGE_FIELDS = {
    "Brevo": "{{ params.unsubscribe_url }}",
    "Mailgun": "%recipient.unsubscribe_url%",
    "Mailjet": "[[var:unsubscribe_url]]",
    "Test": "{{unsubscribe_url}}",
}
BOUGHT_STATES = [OrderState.PAID, OrderState.SHIPPED, OrderState.COMPLETED]
Status = Announcement.Status
Audience = Announcement.Audience


# Audience


def filter_audience(announcement):
    """Subscribed mailboxes the announcement is meant for."""
    subscribers = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)
    audience = announcement.audience
    if audience == Audience.LANGUAGE_ID:
        return subscribers.filter(language="id")
    if audience == Audience.LANGUAGE_EN:
        return subscribers.filter(language="en")
    if audience == Audience.CATEGORY_BUYERS:
        return subscribers.filter(Exists(_bought_from(announcement.category)))
    if audience == Audience.NEVER_ORDERED:
        return subscribers.exclude(Exists(_orders_of_subscriber()))
    if audience == Audience.SEGMENT:
        from customers.segments import filter_segment

        users = filter_segment(announcement.segment)
        return subscribers.filter(
            Q(user__in=users) | Q(email_key__in=_mailbox_keys(users))
        )
    return subscribers


def _mailbox_keys(users):
    return [email_key(address) for address in users.values_list("email", flat=True)]


def _orders_of_subscriber():
    from shop.models import Order

    return Order.objects.filter(
        Q(user=OuterRef("user")) | Q(email_key=OuterRef("email_key"))
    )


def _bought_from(category):
    if category is None:
        return OrderLine.objects.none()
    return OrderLine.objects.filter(
        Q(order__user=OuterRef("user")) | Q(order__email_key=OuterRef("email_key")),
        order__state__in=BOUGHT_STATES,
        variant__page__path__startswith=category.path,
    )


def count_recipients(announcement):
    """How many mailboxes a send would reach now."""
    return filter_audience(announcement).count()


# Starting


def start_sending(announcement):
    """Move a draft to sending and queue the task; False if it was not a draft."""
    started = Announcement.objects.filter(
        pk=announcement.pk, status=Status.DRAFT
    ).update(status=Status.SENDING, progress_at=timezone.now())
    if not started:
        logger.info("Announcement %s is not a draft; not sent again", announcement.pk)
        return False
    from .tasks import send_announcement

    pk = announcement.pk
    transaction.on_commit(lambda: send_announcement.enqueue(pk))
    logger.info("Announcement %s queued for sending", pk)
    return True


class ProviderFailed(Exception):
    """The mail provider failed mid-send; the rest of the list waits."""


def resume_stalled(now=None):
    """Queue again announcements whose sending stopped a while ago."""
    from .tasks import send_announcement

    since = (now or timezone.now()) - STALLED_AFTER
    stalled = Announcement.objects.filter(
        status=Status.SENDING, progress_at__lt=since
    ).values_list("pk", flat=True)
    for pk in stalled:
        send_announcement.enqueue(pk)
        logger.info("Announcement %s queued again to finish sending", pk)
    return len(stalled)


def run(announcement_id, batch_size=BATCH_SIZE):
    """Record the recipients and send every queued message; safe to repeat."""
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None or announcement.status != Status.SENDING:
        return
    if not announcement.queued_count:
        record_recipients(announcement)
    send_queued(announcement, batch_size)
    finish(announcement)


# Recording


def record_recipients(announcement):
    """Put every eligible mailbox in the outbox once; returns how many rows."""
    if announcement.outbox_after is None:
        last = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True)
        announcement.outbox_after = last.first() or 0
        announcement.save(update_fields=["outbox_after"])
    fields = ("email", "email_key", "language", "user_id")
    rows = filter_audience(announcement).order_by().values_list(*fields)
    chunk = []
    for email, key, language, user_id in rows.iterator(chunk_size=RECORD_CHUNK):
        chunk.append(_outbox_row(announcement, email, key, language, user_id))
        if len(chunk) >= RECORD_CHUNK:
            OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    OutboxMessage.objects.bulk_create(chunk, ignore_conflicts=True)
    count = _outbox_rows(announcement).count()
    Announcement.objects.filter(pk=announcement.pk).update(queued_count=count)
    announcement.queued_count = count
    logger.info("Announcement %s queued for %s recipients", announcement.pk, count)
    return count


def _outbox_row(announcement, email, key, language, user_id):
    return OutboxMessage(
        key=f"{KIND}:{announcement.pk}:{key}"[:300],
        kind=KIND,
        recipient=email,
        user_id=user_id,
        language=language,
        object_type=KIND,
        object_id=str(announcement.pk),
    )


def _outbox_rows(announcement):
    rows = OutboxMessage.objects.filter(kind=KIND, object_id=str(announcement.pk))
    return rows.filter(pk__gt=announcement.outbox_after or 0)


# Sending


@dataclass
class Row:
    """A claimed outbox row, as much as sending needs."""

    pk: int
    recipient: str
    key: str
    language: str

    @property
    def email_key(self):
        return self.key.split(":", 2)[2]


def send_queued(announcement, batch_size=BATCH_SIZE):
    """Send batch after batch until no queued row is left to claim."""
    mails = {}
    after = announcement.outbox_after or 0
    while True:
        with transaction.atomic():
            rows = claim_batch(announcement, after, batch_size)
            if not rows:
                return
            complete = send_batch(announcement, rows, mails)
        if not complete:
            # What went out is recorded; the rest stays queued for a rerun.
            raise ProviderFailed(announcement.pk)
        after = rows[-1].pk


def claim_batch(announcement, after, size):
    """The next queued rows, locked where the database can skip locked ones."""
    rows = _outbox_rows(announcement).filter(
        status=OutboxMessage.Status.QUEUED, pk__gt=after
    )
    if db_connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    fields = ("pk", "recipient", "key", "language")
    return [Row(*values) for values in rows.order_by("pk").values_list(*fields)[:size]]


def send_batch(announcement, rows, mails):
    """Send one claimed batch and record the outcome in the same transaction;
    False when the provider failed part way and some rows wait."""
    allowed = get_subscribed_keys([row.email_key for row in rows])
    skipped = [row for row in rows if row.email_key not in allowed]
    to_send = [row for row in rows if row.email_key in allowed]
    outcome, waiting = {}, set()
    if to_send:
        outcome, waiting = deliver_rows(announcement, to_send, mails)
    sent = [row for row in to_send if row.pk not in waiting]
    mark_rows(announcement, sent, outcome, skipped)
    return not waiting


def get_subscribed_keys(keys):
    """Which of these mailboxes are subscribed right now."""
    # Filtering on status in SQL lets SQLite pick the status index and scan
    # every subscriber per batch; the unique key index keeps this cheap.
    found = Subscriber.objects.filter(email_key__in=keys)
    subscribed = Subscriber.Status.SUBSCRIBED
    return {
        key
        for key, status in found.values_list("email_key", "status")
        if status == subscribed
    }


def deliver_rows(announcement, rows, mails):
    """Send rows through one connection; returns ``{pk: (status, id)}``."""
    connection = get_connection()
    merge_field = get_merge_field(connection)
    links = Links.prepare()
    messages = []
    for language, group in _by_language(rows).items():
        if language not in mails:
            mails[language] = render_mail(announcement, language)
        mail = mails[language]
        if merge_field:
            message = batch_message(announcement, mail, group, merge_field, links)
            messages.append((group, message))
        else:
            messages += [
                ([row], single_message(announcement, mail, row, links)) for row in group
            ]
    outgoing = [message for _group, message in messages]
    done = send_over(connection, outgoing, announcement)
    waiting = {row.pk for group, _message in messages[done:] for row in group}
    return _outcome(messages[:done]), waiting


def send_over(connection, messages, announcement):
    """Send messages over one open connection, each refusal on its own;
    returns how many went out before the provider failed (all, if it did
    not), so those already accepted are never sent again."""
    connection.open()
    try:
        for index, message in enumerate(messages):
            try:
                connection.send_messages([message])
            except AnymailRecipientsRefused:
                logger.warning("Announcement %s: recipients refused", announcement.pk)
            except Exception:  # noqa: BLE001 - any provider failure stops the batch
                logger.exception("Announcement %s: provider failed", announcement.pk)
                return index
    finally:
        connection.close()
    return len(messages)


def get_merge_field(connection):
    """The provider's per-recipient field text, if it sends batches."""
    return MERGE_FIELDS.get(getattr(connection, "esp_name", None))


def _by_language(rows):
    groups = {}
    for row in rows:
        groups.setdefault(row.language, []).append(row)
    return groups


def _outcome(messages):
    outcome = {}
    for group, message in messages:
        status = getattr(message, "anymail_status", None)
        recipients = getattr(status, "recipients", None) or {}
        for row in group:
            found = recipients.get(row.recipient)
            if found is None:
                outcome[row.pk] = ("sent", "")
            else:
                provider_id = "" if found.message_id is None else str(found.message_id)
                outcome[row.pk] = (found.status or "sent", provider_id)
    return outcome


FAILED_STATUSES = {"rejected", "invalid", "failed"}


def mark_rows(announcement, sent_rows, outcome, skipped):
    """Record sent, refused and skipped rows, and add them to the counts."""
    now = timezone.now()
    groups = defaultdict(list)
    for row in sent_rows:
        status, provider_id = outcome.get(row.pk, ("sent", ""))
        groups[status, provider_id[:200]].append(row.pk)
    sent = failed = 0
    for (status, provider_id), pks in groups.items():
        values = {"status": OutboxMessage.Status.SENT}
        if status in FAILED_STATUSES:
            values = {"status": "failed", "error": status, "attempts": MAX_ATTEMPTS}
            failed += len(pks)
        else:
            sent += len(pks)
        rows = OutboxMessage.objects.filter(pk__in=pks)
        rows.update(provider_id=provider_id, sent_at=now, **values)
    _skip(skipped)
    Announcement.objects.filter(pk=announcement.pk).update(
        sent_count=F("sent_count") + sent,
        failed_count=F("failed_count") + failed + len(skipped),
        progress_at=now,
    )


def _skip(rows):
    """Rows whose mailbox unsubscribed, bounced or complained since queueing.

    They are marked failed with attempts used up, so the outbox's retry
    leaves them alone.
    """
    if rows:
        OutboxMessage.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=OutboxMessage.Status.FAILED,
            error="unsubscribed",
            attempts=MAX_ATTEMPTS,
        )


def finish(announcement):
    """Mark the announcement sent once no row of it is queued."""
    rows = _outbox_rows(announcement)
    if rows.filter(status=OutboxMessage.Status.QUEUED).exists():
        return False
    done = Announcement.objects.filter(
        pk=announcement.pk, status=Status.SENDING
    ).update(status=Status.SENT, sent_at=timezone.now())
    if done:
        announcement.refresh_from_db()
        logger.info(
            "Announcement %s sent to %s (%s not sent)",
            announcement.pk,
            announcement.sent_count,
            announcement.failed_count,
        )
    return bool(done)


# Messages


@dataclass
class Links:
    """Unsubscribe links and their header, prepared once per batch."""

    url: Callable[[str], str]
    mailbox: str

    @classmethod
    def prepare(cls):
        return cls(unsubscribe_url_maker(), ShopSettings.current().contact_email)

    def header(self, url):
        """The RFC 2369 value: the one-click link, then a mailbox."""
        return f"<{url}>, <mailto:{self.mailbox}?subject=unsubscribe>"


ONE_CLICK = {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def batch_message(announcement, mail, rows, merge_field, links):
    """One message to many, the provider filling in each unsubscribe link."""
    urls = {row.recipient: links.url(row.email_key) for row in rows}
    message = AnymailMessage(
        mail.subject,
        mail.text.replace(PLACEHOLDER, merge_field),
        to=list(urls),
        headers=dict(ONE_CLICK),
        merge_data={email: {MERGE_KEY: url} for email, url in urls.items()},
        merge_headers={
            email: {"List-Unsubscribe": links.header(url)}
            for email, url in urls.items()
        },
        metadata={"announcement": str(announcement.pk)},
        tags=[KIND],
    )
    message.attach_alternative(mail.html.replace(PLACEHOLDER, merge_field), "text/html")
    return message


def single_message(announcement, mail, row, links):
    """One message to one recipient, its unsubscribe link written in."""
    url = links.url(row.email_key)
    message = AnymailMessage(
        mail.subject,
        mail.text.replace(PLACEHOLDER, url),
        to=[row.recipient],
        headers={"List-Unsubscribe": links.header(url), **ONE_CLICK},
        metadata={"announcement": str(announcement.pk)},
        tags=[KIND],
    )
    message.attach_alternative(mail.html.replace(PLACEHOLDER, url), "text/html")
    return message


def send_test(announcement, email, language="id"):
    """Mail the announcement to one address; it counts nowhere."""

    mail, links = render_mail(announcement, language), Links.prepare()
    url = links.url(email_key(email))
    message = AnymailMessage(
        f"[TEST] {mail.subject}",
        mail.text.replace(PLACEHOLDER, url),
        to=[email],
        headers={"List-Unsubscribe": links.header(url), **ONE_CLICK},
    )
    message.attach_alternative(mail.html.replace(PLACEHOLDER, url), "text/html")
    message.send()
    logger.info("Announcement %s: test mail sent", announcement.pk)


@dataclass
class Mail:
    subject: str
    text: str
    html: str


def render_mail(announcement, language):
    """Subject, text and HTML in one language, with the link placeholder."""
    with translation.override(language):
        context = mail_context(announcement)
        text = render_to_string("email/announcement.txt", context)
        html = render_to_string("email/announcement.html", context)
    return Mail(" ".join(announcement.subject.split()), text, html)


def render_preview(announcement, language="id"):
    """The HTML a recipient would see, for the admin's preview."""
    return render_mail(announcement, language).html.replace(PLACEHOLDER, "#")


def mail_context(announcement):
    shop = ShopSettings.current()
    intro = absolute_links(expand_db_html(announcement.intro or ""))
    return {
        "announcement": announcement,
        "subject": announcement.subject,
        "preheader": announcement.preheader,
        "intro_html": intro,
        "intro_text": unescape(strip_tags(intro)).strip(),
        "products": product_cards(announcement),
        "shop_name": shop.shop_name,
        "shop_address": shop.address,
        "shop_email": shop.contact_email,
        "site_url": base_url(),
        "unsubscribe_url": PLACEHOLDER,
    }


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_links(html):
    """Links and images with a site-relative address, made absolute."""
    return re.sub(r'(href|src)="/(?!/)', rf'\1="{base_url()}/', html)


def absolute_url(url):
    return url if url.startswith(("http://", "https://")) else base_url() + url


def product_cards(announcement):
    """What the mail shows of each product: image, name, price, link."""
    sales = get_active_sales()
    products = ProductPage.objects.filter(
        pk__in=announcement.products.values("product_id")
    ).in_bulk()
    cards = []
    for item in announcement.products.all():
        product = products.get(item.product_id)
        if product is not None and product.live:
            cards.append(product_card(product, sales))
    return cards


def product_card(product, sales):
    price = min((v.price for v in product.variants.all()), default=None)
    sale_price = best_price(product, price, sales)[0] if price is not None else None
    image = product.main_image
    rendition = image.get_rendition("fill-560x560") if image else None
    return {
        "title": product.title,
        "summary": product.summary,
        "url": product.get_full_url() or absolute_url(product.url or "/"),
        "price": format_rupiah(price) if price is not None else "",
        "sale_price": format_rupiah(sale_price)
        if sale_price is not None and sale_price < price
        else "",
        "image_url": absolute_url(rendition.url) if rendition else "",
        "image_alt": image.default_alt_text if image else product.title,
    }


# Progress


def get_progress(announcement):
    """Queued, sent, failed, delivered and clicked counts for the admin."""
    events = MailEvent.objects.filter(announcement=announcement)

    def mailboxes(event):
        return events.filter(event=event).values("email_key").distinct().count()

    return {
        "queued": announcement.queued_count,
        "sent": announcement.sent_count,
        "failed": announcement.failed_count,
        "delivered": mailboxes("delivered"),
        "opened": mailboxes("opened"),
        "clicked": mailboxes("clicked"),
    }


# A ready draft for a new product


def offer_draft(product):
    """A draft announcement for a product published for the first time."""
    if product.first_published_at != product.last_published_at:
        return None
    if AnnouncementProduct.objects.filter(product=product).exists():
        return None
    announcement = Announcement.objects.create(
        subject=f"Baru: {product.title}"[:150],
        preheader=(product.summary or "")[:150],
    )
    AnnouncementProduct.objects.create(announcement=announcement, product=product)
    logger.info(
        "Draft announcement %s made for new product %s", announcement.pk, product.pk
    )
    return announcement


@receiver(page_published, dispatch_uid="promotions.announcements.offer_draft")
def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, ProductPage):
        offer_draft(instance)
