"""Subscribing to announcements: double opt-in by a signed link, consent
recorded, customers opting in, and suppressed addresses kept suppressed."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from promotions import subscribers
from promotions.models import Subscriber
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.promotions.test_announcements"),
]

Status = Subscriber.Status


@pytest.fixture
def subscribe(client, home, django_capture_on_commit_callbacks):
    """Post the subscribe form from ``page``; returns the response."""

    def post(email, page="/songket/"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("newsletter:subscribe"), {"email": email, "page": page}
            )

    return post


def confirm_links():
    return [
        re.search(r"http://testserver(/newsletter/confirm/\S+)", m.body)[1]
        for m in mail.outbox
        if "/newsletter/confirm/" in m.body
    ]


def test_subscribing_mails_a_link_and_leaves_the_address_pending(subscribe):
    response = subscribe("Siti.Aminah@Example.test")

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.PENDING
    assert subscriber.consented_at is None
    assert [m.to for m in mail.outbox] == [["Siti.Aminah@Example.test"]]
    assert len(confirm_links()) == 1


def test_pending_address_gets_no_announcement_until_confirmed(subscribe, client):
    from promotions.announcements import filter_audience
    from promotions.models import Announcement

    subscribe("siti@example.test")
    announcement = Announcement(subject="Baru")
    assert not filter_audience(announcement).exists()

    client.get(confirm_links()[0])

    assert list(filter_audience(announcement).values_list("email", flat=True)) == [
        "siti@example.test"
    ]


def test_confirming_records_consent_with_time_source_and_page(subscribe, client):
    subscribe("siti@example.test", page="/cerita/motif-lepus/")

    response = client.get(confirm_links()[0])

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.SUBSCRIBED
    assert subscriber.consented_at is not None
    assert subscriber.source == Subscriber.Source.FORM
    assert subscriber.page == "/cerita/motif-lepus/"


def test_a_foreign_page_is_not_recorded_as_the_source_page(subscribe, client):
    subscribe("siti@example.test", page="https://evil.example/")
    client.get(confirm_links()[0])

    assert Subscriber.objects.get().page == ""


@pytest.mark.parametrize(
    "token",
    ["nonsense", "eyJlIjoic2l0aUBleGFtcGxlLnRlc3QifQ:1abc:forged", "a" * 300],
)
def test_a_bad_or_forged_confirmation_link_is_refused_without_error(
    subscribe, client, token
):
    subscribe("siti@example.test")

    response = client.get(reverse("newsletter:confirm", args=[token]))

    assert response.status_code == 400
    assert Subscriber.objects.get().status == Status.PENDING


def test_a_link_signed_for_unsubscribing_does_not_confirm(subscribe, client):
    subscribe("siti@example.test")
    token = subscribers.make_unsubscribe_token("siti@example.test")

    response = client.get(reverse("newsletter:confirm", args=[token]))

    assert response.status_code == 400
    assert Subscriber.objects.get().status == Status.PENDING


def test_asking_twice_at_once_sends_one_confirmation(subscribe):
    subscribe("siti@example.test")
    subscribe("SITI@example.test")

    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_an_invalid_address_shows_the_form_again(client, home):
    response = client.post(reverse("newsletter:subscribe"), {"email": "not-mail"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("status", [Status.BOUNCED, Status.COMPLAINED])
def test_bounced_or_complained_address_cannot_resubscribe_silently(
    subscribe, client, status
):
    subscribers.suppress("siti@example.test", status)

    response = subscribe("siti@example.test")

    assert response.status_code == 200
    assert mail.outbox == []
    assert Subscriber.objects.get().status == status


@pytest.mark.parametrize("status", [Status.BOUNCED, Status.COMPLAINED])
def test_an_old_confirmation_link_does_not_lift_a_suppression(
    subscribe, client, status
):
    subscribe("siti@example.test")
    link = confirm_links()[0]
    subscribers.suppress("siti@example.test", status)

    response = client.get(link)

    assert response.status_code == 400
    assert Subscriber.objects.get().status == status


def test_unsubscribed_address_may_subscribe_again_by_confirming(subscribe, client):
    subscribe("siti@example.test")
    client.get(confirm_links()[0])
    subscribers.unsubscribe("siti@example.test")
    mail.outbox = []
    Subscriber.objects.update(confirm_sent_at=None)

    subscribe("siti@example.test")
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED
    client.get(confirm_links()[0])

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.SUBSCRIBED
    assert subscriber.unsubscribed_at is None


def test_customer_opting_in_is_subscribed_with_consent(customer):
    factories.confirm_mailbox(customer)
    subscriber = subscribers.subscribe_customer(customer, "signup", "/account/signup/")

    assert subscriber.status == Status.SUBSCRIBED
    assert subscriber.user == customer
    assert subscriber.source == Subscriber.Source.SIGNUP
    assert subscriber.page == "/account/signup/"
    assert subscriber.consented_at is not None
    assert subscribers.is_subscribed(customer)


def test_customer_opting_in_does_not_lift_a_complaint(customer):
    subscribers.suppress(customer.email, Status.COMPLAINED)

    subscriber = subscribers.subscribe_customer(customer, "account")

    assert subscriber.status == Status.COMPLAINED
    assert not subscribers.is_subscribed(customer)


def test_customer_opting_out_is_unsubscribed_and_can_opt_in_again(customer):
    factories.confirm_mailbox(customer)
    subscribers.subscribe_customer(customer, "account")

    subscribers.unsubscribe(customer.email)
    assert not subscribers.is_subscribed(customer)

    subscribers.subscribe_customer(customer, "account")
    assert subscribers.is_subscribed(customer)


def test_unsubscribing_an_unknown_address_is_harmless(db):
    assert subscribers.unsubscribe("nobody@example.test") is None


def test_account_switch_subscribes_and_unsubscribes_the_customer(client, customer):
    factories.confirm_mailbox(customer)
    client.force_login(customer)
    url = reverse("customers:subscription")

    client.post(url, {"subscribed": "on"})
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.SUBSCRIBED
    assert (subscriber.source, subscriber.page) == ("account", "/account/")

    client.post(url, {})
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


def test_account_switch_needs_a_signed_in_customer(client, db):
    response = client.post(reverse("customers:subscription"), {"subscribed": "on"})

    assert response.status_code == 302
    assert not Subscriber.objects.exists()


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(subscribe, client):
    subscribe("siti@example.test")
    link = confirm_links()[0]
    client.get(link)
    subscribers.unsubscribe("siti@example.test")

    client.get(link)

    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


def test_an_unconfirmed_customer_opting_in_gets_a_link_not_mail(
    customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribers.subscribe_customer(customer, "account")

    assert subscriber.status == Status.PENDING
    assert [m.to for m in mail.outbox] == [[customer.email]]
    assert "/newsletter/confirm/" in mail.outbox[0].body


def test_signing_up_with_an_unsubscribed_address_does_not_subscribe_it(
    client, home, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email="korban@example.test",
        email_key="korban@example.test",
        status=Status.UNSUBSCRIBED,
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("customers:signup"),
            {
                "full_name": "Orang Lain",
                "email": "korban@example.test",
                "phone": "081234567890",
                "password1": "kain-songket-99",
                "password2": "kain-songket-99",
                "subscribe": "on",
            },
        )

    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


def test_the_sign_up_wish_is_granted_when_the_address_is_confirmed(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("customers:signup"),
            {
                "full_name": "Dewi",
                "email": "dewi@example.test",
                "phone": "081234567890",
                "password1": "kain-songket-99",
                "password2": "kain-songket-99",
                "subscribe": "on",
            },
        )
    assert Subscriber.objects.get().status == Status.PENDING
    link = next(
        re.search(r"http://testserver(/account/confirm/\S+)", m.body)[1]
        for m in mail.outbox
        if "/account/confirm/" in m.body
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.get(link)

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.SUBSCRIBED
    assert subscriber.source == Subscriber.Source.SIGNUP
