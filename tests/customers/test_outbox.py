"""The mail outbox: one message per key, failures recorded and retried,
and never a second copy of a message that was sent."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from customers.models import OutboxMessage
from customers.outbox import MAX_ATTEMPTS, deliver, queue_message, retry_failed
from shop import emails
from tests.shop.test_payment import place_for

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class ProviderDown(BaseEmailBackend):
    """A mail provider that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionError("provider unreachable")


@pytest.fixture
def order(customer, songket, medan):
    return place_for(customer, medan, songket)


@pytest.fixture
def provider_down(settings):
    settings.EMAIL_BACKEND = "tests.customers.test_outbox.ProviderDown"
    return settings


def remind(order, capture):
    with capture(execute=True):
        emails.send_payment_reminder(order)


def test_same_message_queued_twice_is_mailed_once(
    order, customer, django_capture_on_commit_callbacks
):
    remind(order, django_capture_on_commit_callbacks)
    remind(order, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [[customer.email]]
    message = OutboxMessage.objects.get(kind="payment_reminder")
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None


def test_queueing_a_known_key_again_returns_nothing():
    first = queue_message(
        key="hello:1", kind="payment_reminder", recipient="a@example.test", context={}
    )
    second = queue_message(
        key="hello:1", kind="payment_reminder", recipient="b@example.test", context={}
    )

    assert first is not None
    assert second is None
    assert OutboxMessage.objects.get(key="hello:1").recipient == "a@example.test"


def test_messages_with_different_keys_are_each_mailed(
    order, customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emails.send_payment_reminder(order)
        emails.send_order_expired(order)

    assert len(mail.outbox) == 2


def test_provider_failure_marks_the_message_failed_and_sends_nothing(
    order, provider_down, django_capture_on_commit_callbacks
):
    remind(order, django_capture_on_commit_callbacks)

    message = OutboxMessage.objects.get(kind="payment_reminder")
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 1
    assert "provider unreachable" in message.error
    assert mail.outbox == []


def test_retry_after_a_failure_sends_the_message_once(
    order, customer, provider_down, django_capture_on_commit_callbacks
):
    remind(order, django_capture_on_commit_callbacks)
    provider_down.EMAIL_BACKEND = LOCMEM

    first = retry_failed()
    second = retry_failed()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[customer.email]]
    message = OutboxMessage.objects.get(kind="payment_reminder")
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2


def test_retries_stop_after_the_last_attempt(
    order, provider_down, django_capture_on_commit_callbacks
):
    remind(order, django_capture_on_commit_callbacks)

    retried = [retry_failed() for _ in range(MAX_ATTEMPTS + 2)]

    assert sum(retried) == MAX_ATTEMPTS - 1
    message = OutboxMessage.objects.get(kind="payment_reminder")
    assert message.attempts == MAX_ATTEMPTS
    assert message.status == OutboxMessage.Status.FAILED


def test_delivering_a_sent_message_again_sends_nothing(
    order, django_capture_on_commit_callbacks
):
    remind(order, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(kind="payment_reminder")

    deliver(message.pk)

    assert len(mail.outbox) == 1
