"""The mail provider's tracking webhook, in Brevo's own format: bounces and
complaints suppress the address, deliveries and clicks are counted, and a
request without the webhook secret is refused."""

import base64
import json

import pytest
from django.core import mail
from django.urls import reverse

# Importing tracking connects its receiver, as PromotionsConfig.ready() does.
from promotions import announcements, tracking  # noqa: F401
from promotions.models import Announcement, AnnouncementProduct, MailEvent, Subscriber

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.promotions.test_announcements"),
]

SECRET = "brevo:rahasia-webhook"
Status = Subscriber.Status


@pytest.fixture(autouse=True)
def anymail_settings(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


@pytest.fixture
def sent(songket, django_capture_on_commit_callbacks):
    """An announcement sent to three subscribers."""
    for name in ("ani", "budi", "citra"):
        Subscriber.objects.create(
            email=f"{name}@example.test",
            email_key=f"{name}@example.test",
            status=Status.SUBSCRIBED,
            source="form",
        )
    announcement = Announcement.objects.create(subject="Baru: Songket")
    AnnouncementProduct.objects.create(announcement=announcement, product=songket)
    with django_capture_on_commit_callbacks(execute=True):
        announcements.start_sending(announcement)
    announcement.refresh_from_db()
    return announcement


def brevo_event(announcement, email, event, **extra):
    """A tracking event as Brevo posts it."""
    return {
        "event": event,
        "email": email,
        "id": 1234,
        "date": "2026-12-04 10:00:00",
        "ts": 1796378400,
        "ts_epoch": 1796378400000,
        "message-id": "<202612041000.12345@smtp-relay.mailin.fr>",
        "subject": "Baru: Songket",
        "X-Mailin-custom": json.dumps({"announcement": str(announcement.pk)}),
        "tag": "announcement",
        **extra,
    }


def post(client, payload, auth=SECRET):
    headers = {}
    if auth:
        token = base64.b64encode(auth.encode()).decode()
        headers["HTTP_AUTHORIZATION"] = f"Basic {token}"
    return client.post(
        reverse("anymail:brevo_tracking_webhook"),
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def status_of(email):
    return Subscriber.objects.get(email=email).status


def test_hard_bounce_and_complaint_suppress_the_addresses(client, sent):
    bounce = brevo_event(sent, "ani@example.test", "hard_bounce", reason="550 5.1.1")
    complaint = brevo_event(sent, "budi@example.test", "spam")

    assert post(client, bounce).status_code == 200
    assert post(client, complaint).status_code == 200

    assert status_of("ani@example.test") == Status.BOUNCED
    assert status_of("budi@example.test") == Status.COMPLAINED
    assert status_of("citra@example.test") == Status.SUBSCRIBED


def test_a_soft_bounce_is_recorded_but_does_not_suppress(client, sent):
    post(client, brevo_event(sent, "ani@example.test", "soft_bounce"))

    assert status_of("ani@example.test") == Status.SUBSCRIBED
    assert MailEvent.objects.get().event == "bounced"


def test_suppressed_addresses_get_no_further_announcement(
    client, sent, django_capture_on_commit_callbacks
):
    post(client, brevo_event(sent, "ani@example.test", "hard_bounce"))
    post(client, brevo_event(sent, "budi@example.test", "complaint"))
    mail.outbox = []

    second = Announcement.objects.create(subject="Lagi baru")
    with django_capture_on_commit_callbacks(execute=True):
        announcements.start_sending(second)

    assert [address for m in mail.outbox for address in m.to] == ["citra@example.test"]


@pytest.mark.parametrize("auth", [None, "brevo:wrong"])
def test_a_request_without_the_secret_is_refused_and_changes_nothing(
    client, sent, auth
):
    response = post(
        client, brevo_event(sent, "ani@example.test", "hard_bounce"), auth=auth
    )

    assert response.status_code in (400, 401, 403)
    assert status_of("ani@example.test") == Status.SUBSCRIBED
    assert not MailEvent.objects.exists()


def test_deliveries_and_clicks_are_counted_once_per_mailbox(client, sent):
    for email in ("ani@example.test", "budi@example.test"):
        post(client, brevo_event(sent, email, "delivered"))
    post(client, brevo_event(sent, "ani@example.test", "click", link="https://x"))
    post(client, brevo_event(sent, "ani@example.test", "click", link="https://y"))

    progress = announcements.get_progress(sent)

    assert (progress["sent"], progress["delivered"], progress["clicked"]) == (3, 2, 1)
    event = MailEvent.objects.filter(event="delivered").first()
    assert event.outbox.recipient in ("ani@example.test", "budi@example.test")


def test_events_are_matched_by_provider_message_id_without_metadata(client, sent):
    from customers.models import OutboxMessage

    row = OutboxMessage.objects.get(recipient="citra@example.test")
    payload = brevo_event(sent, "citra@example.test", "delivered")
    del payload["X-Mailin-custom"]
    payload["message-id"] = row.provider_id

    post(client, payload)

    event = MailEvent.objects.get()
    assert (event.outbox, event.announcement) == (row, sent)


def test_a_provider_unsubscribe_unsubscribes(client, sent):
    post(client, brevo_event(sent, "citra@example.test", "unsubscribe"))

    assert status_of("citra@example.test") == Status.UNSUBSCRIBED
