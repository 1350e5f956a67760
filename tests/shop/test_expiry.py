"""Unpaid orders expire after their deadline and give their stock back;
a reminder goes once a few hours before the deadline."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from shop.models import OrderState, StockLevel, StockMovement
from shop.orders import expire_orders, send_reminders, submit_payment
from shop.receipts import clean_receipt
from tests.factories import variant
from tests.shop.test_payment import order_url, payment_data, place_for
from tests.shop.test_receipts import jpeg_with_exif, upload

pytestmark = pytest.mark.django_db


def stock(page):
    return StockLevel.objects.get(variant=variant(page)).quantity


@pytest.fixture
def order(customer, songket, medan):
    """Two songket, unpaid, due 24 hours after placing."""
    return place_for(customer, medan, songket, quantity=2)


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def run_expiry(capture, now):
    with time_machine.travel(now, tick=False), capture(execute=True):
        call_command("expire_orders", stdout=io.StringIO())


@pytest.fixture
def expire(django_capture_on_commit_callbacks):
    return lambda now: run_expiry(django_capture_on_commit_callbacks, now)


def test_order_unpaid_past_its_deadline_expires(order, expire):
    expire(order.payment_deadline + timedelta(minutes=1))

    order.refresh_from_db()
    assert order.state == OrderState.EXPIRED
    assert order.events.last().to_state == OrderState.EXPIRED


def test_expired_order_gives_its_stock_back(order, songket, expire):
    assert stock(songket) == 3

    expire(order.payment_deadline + timedelta(hours=1))

    assert stock(songket) == 5
    returned = StockMovement.objects.get(order=order, reason="returned")
    assert (returned.change, returned.quantity_after) == (2, 5)


def test_expired_order_mails_the_customer_once(order, customer, expire):
    expire(order.payment_deadline + timedelta(hours=1))
    expire(order.payment_deadline + timedelta(hours=2))

    assert len(mails_to(customer.email)) == 1
    assert order.number in mails_to(customer.email)[0].subject


def test_running_expiry_twice_gives_stock_back_once(order, songket, expire):
    expire(order.payment_deadline + timedelta(hours=1))
    expire(order.payment_deadline + timedelta(hours=2))

    assert stock(songket) == 5
    assert StockMovement.objects.filter(order=order, reason="returned").count() == 1


def test_order_not_yet_due_is_left_alone(order, songket, expire):
    expire(order.payment_deadline - timedelta(minutes=1))

    order.refresh_from_db()
    assert order.state == OrderState.AWAITING_PAYMENT
    assert stock(songket) == 3
    assert mail.outbox == []


def test_order_with_a_submitted_payment_is_left_alone(order, songket, expire):
    submit_payment(
        order,
        bank="BRI",
        account_holder="Siti Aminah",
        amount=order.total,
        transfer_date=timezone.localdate(),
        receipt=clean_receipt(upload(jpeg_with_exif())),
    )

    expire(order.payment_deadline + timedelta(days=3))

    order.refresh_from_db()
    assert order.state == OrderState.PAYMENT_SUBMITTED
    assert stock(songket) == 3


def test_expiry_returns_how_many_orders_it_expired(customer, songket, batik, medan):
    first = place_for(customer, medan, songket)
    place_for(customer, medan, batik)

    with time_machine.travel(first.payment_deadline + timedelta(hours=1)):
        assert expire_orders() == 2
        assert expire_orders() == 0


def test_expired_order_no_longer_takes_a_payment(client, customer, order, expire):
    expire(order.payment_deadline + timedelta(hours=1))
    client.force_login(customer)

    response = client.post(order_url(order), payment_data(order))

    assert response.status_code == 200
    assert order.confirmations.count() == 0
    assert 'name="receipt"' not in response.content.decode()


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    def run(now):
        with time_machine.travel(now, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                count = send_reminders()
        return count

    return run


def test_reminder_goes_once_a_few_hours_before_the_deadline(order, customer, remind):
    first = remind(order.payment_deadline - timedelta(hours=5))
    second = remind(order.payment_deadline - timedelta(hours=4))

    assert (first, second) == (1, 0)
    reminders = mails_to(customer.email)
    assert len(reminders) == 1
    assert f"{order.total:,}".replace(",", ".") in reminders[0].body


def test_no_reminder_long_before_the_deadline(order, remind):
    assert remind(order.payment_deadline - timedelta(hours=7)) == 0
    assert mail.outbox == []


def test_no_reminder_after_the_deadline_or_once_paid(order, remind):
    submit_payment(
        order,
        bank="BRI",
        account_holder="Siti Aminah",
        amount=order.total,
        transfer_date=timezone.localdate(),
        receipt=clean_receipt(upload(jpeg_with_exif())),
    )

    assert remind(order.payment_deadline - timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_reminder_command_mails_the_customer(
    order, customer, django_capture_on_commit_callbacks
):
    with time_machine.travel(order.payment_deadline - timedelta(hours=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_payment_reminders", stdout=io.StringIO())

    assert len(mails_to(customer.email)) == 1
