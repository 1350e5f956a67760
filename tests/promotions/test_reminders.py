"""Reminder commands: an unused personal voucher about to lapse, and
points about to expire; each mailed once however often the command runs."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from promotions.models import PointsEntry, Voucher
from promotions.points import adjust, get_balance
from promotions.reminders import send_voucher_reminders, warn_expiring_points
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def welcome_voucher(owner, ends_in_days):
    now = timezone.now()
    return Voucher.objects.create(
        code=f"SELAMAT-{owner.pk:06d}",
        kind=Voucher.Kind.PERCENT,
        value=10,
        starts_at=now - timedelta(days=20),
        ends_at=now + timedelta(days=ends_in_days),
        max_uses=1,
        owner=owner,
        batch="welcome",
    )


def run(command, capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command(command, stdout=out)
    return out.getvalue()


def reminder_mails():
    return [m for m in mail.outbox if "SELAMAT" in m.body]


def test_welcome_voucher_ending_in_three_days_gets_one_reminder(
    home, customer, django_capture_on_commit_callbacks
):
    voucher = welcome_voucher(customer, ends_in_days=3)

    first = run("send_voucher_reminders", django_capture_on_commit_callbacks)
    second = run("send_voucher_reminders", django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[customer.email]]
    assert voucher.code in mail.outbox[0].body
    assert first.startswith("1 ")
    assert second.startswith("0 ")


def test_voucher_ending_after_the_reminder_window_gets_none(home, customer):
    welcome_voucher(customer, ends_in_days=20)

    assert send_voucher_reminders() == 0


def test_used_voucher_gets_no_reminder(
    home, customer, songket, medan, django_capture_on_commit_callbacks
):
    from shop.checkout import Customer, place_order
    from tests.factories import variant

    voucher = welcome_voucher(customer, ends_in_days=3)
    place_order(
        items={variant(songket).pk: 1},
        customer=Customer(
            full_name=customer.full_name,
            email=customer.email,
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city="Medan",
        ),
        rate_id=medan.pk,
        token="t1",
        user=customer,
        voucher_code=voucher.code,
    )
    mail.outbox = []

    assert send_voucher_reminders() == 0
    assert mail.outbox == []


def test_voucher_without_owner_gets_no_reminder(home):
    now = timezone.now()
    Voucher.objects.create(
        code="PAMERAN-1", kind=Voucher.Kind.FIXED, value=1, ends_at=now + timedelta(1)
    )

    assert send_voucher_reminders() == 0


def points_expiring_in(user, days, points=120):
    entry = adjust(user, points, actor=None, note="Hadiah pameran")
    PointsEntry.objects.filter(pk=entry.pk).update(
        expires_at=timezone.now() + timedelta(days=days)
    )
    return entry


def test_points_expiring_in_ten_days_get_one_warning(
    home, customer, django_capture_on_commit_callbacks
):
    points_expiring_in(customer, 10)

    first = run("expire_points", django_capture_on_commit_callbacks)
    second = run("expire_points", django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[customer.email]]
    assert "120" in mail.outbox[0].body
    assert "1 expiry warnings" in first
    assert "0 expiry warnings" in second


def test_points_warning_names_what_is_left_after_spending(home, customer):
    from promotions.reminders import get_expiring_batches

    points_expiring_in(customer, 10)
    adjust(customer, -50, actor=None, note="Koreksi")

    (batch,) = get_expiring_batches()

    assert batch.remaining == 70


def test_points_expiring_in_two_months_get_no_warning(home, customer):
    points_expiring_in(customer, 60)

    assert warn_expiring_points() == 0


def test_expire_points_command_expires_points_past_their_date(
    home, customer, django_capture_on_commit_callbacks
):
    points_expiring_in(customer, -1)

    out = run("expire_points", django_capture_on_commit_callbacks)

    assert out.startswith("120 points expired")
    assert get_balance(customer) == 0
    assert mail.outbox == []


def test_an_inactive_customer_gets_no_voucher_reminder(home):
    owner = UserFactory(is_active=False)
    welcome_voucher(owner, ends_in_days=3)

    assert send_voucher_reminders() == 0
