"""A customer's timeline: sign-up, welcome voucher, an order from placing to
completion, the mail it sent and the points it earned, and an
announcement, each once and in the order they happened."""

import pytest
from django.conf import settings
from django.urls import include, path, reverse
from django.utils import timezone

from customers.models import OutboxMessage, User
from customers.timeline import get_timeline
from promotions import announcements, subscribers, welcome
from promotions.models import Announcement, MailEvent, PointsEntry
from shop import orders
from shop.checkout import Customer, new_checkout_token, place_order
from songket_site import urls as site_urls
from tests import factories
from tests.factories import variant

# Announcements link to the newsletter's unsubscribe page.
urlpatterns = [
    path("newsletter/", include("promotions.urls")),
    *site_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

PASSWORD = "Kain-Songket-2026"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run each step's after-commit work (the mail) as the step ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_up(client, home):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        reverse("customers:signup"),
        {
            "full_name": "Siti Aminah",
            "email": "siti@example.test",
            "phone": "0812-3456-7890",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return User.objects.get(email="siti@example.test")


def place(user, songket, medan):
    return place_order(
        items={variant(songket).pk: 1},
        customer=Customer(
            full_name=user.full_name,
            email=user.email,
            phone=user.phone,
            street="Jl. Sudirman No. 12",
            city=medan.city,
        ),
        rate_id=medan.pk,
        token=new_checkout_token(),
        user=user,
        language="en",
    )


def announce(user, songket):
    factories.confirm_mailbox(user)
    subscribers.subscribe_customer(user, "account")
    announcement = Announcement.objects.create(
        subject="Songket baru", status=Announcement.Status.SENDING
    )
    announcements.run(announcement.pk)
    message = OutboxMessage.objects.get(kind="announcement")
    MailEvent.objects.create(
        outbox=message, event="delivered", email_key=user.email, at=timezone.now()
    )


@pytest.fixture
def journey(client, home, songket, medan, staff, run_on_commit):
    """Siti signs up, is welcomed, orders, pays, receives and is mailed."""
    with run_on_commit():
        user = sign_up(client, home)
    with run_on_commit():
        welcome.confirm(user)
    with run_on_commit():
        order = place(user, songket, medan)
    with run_on_commit():
        orders.verify_payment(order, actor=staff)
    with run_on_commit():
        orders.ship(order, actor=staff, courier="JNE REG", tracking_number="JNE123")
    with run_on_commit():
        orders.complete(order, actor=staff)
    announce(user, songket)
    return user, order


def test_the_timeline_shows_every_event_in_the_order_it_happened(journey):
    user, order = journey

    events = get_timeline(user)

    assert [event.kind for event in events] == [
        "signup",
        "message",
        "email_confirmed",
        "welcome",
        "message",
        "order_placed",
        "message",
        "order_paid",
        "message",
        "order_shipped",
        "message",
        "order_completed",
        "points_earn",
        "message",
        "message",
    ]
    assert [event.when for event in events] == sorted(event.when for event in events)


def test_the_timeline_says_what_each_event_was(journey, staff):
    user, order = journey

    texts = [event.text for event in get_timeline(user)]

    assert texts[0] == "Signed up"
    assert texts[1] == "Message “confirm_email”: sent"
    assert texts[3].startswith("Welcome voucher claimed SELAMAT-")
    assert texts[4] == "Message “welcome_voucher”: sent"
    assert texts[5].startswith(f"Order {order.number} placed, Rp ")
    assert texts[7] == f"Order {order.number}: awaiting payment → paid · by {staff}"
    assert texts[9].endswith("(JNE REG JNE123)")
    points = PointsEntry.objects.get(user=user).points
    assert texts[12] == f"Points earned: +{points} ({order.number})"
    assert texts[13] == "Message “points_earned”: sent"
    assert texts[14] == "Message “announcement”: sent · delivered"


def test_order_events_link_to_the_order_in_the_admin(journey):
    user, order = journey

    links = {event.link for event in get_timeline(user) if event.kind == "order_paid"}

    assert links == {reverse("orders:inspect", args=[order.pk])}


def test_a_voucher_issued_and_used_shows_twice(journey, songket, medan):
    user, _order = journey
    voucher = user.vouchers.get()
    voucher.min_subtotal = 0
    voucher.save()

    second = place_order(
        items={variant(songket).pk: 1},
        customer=Customer(
            full_name=user.full_name,
            email=user.email,
            phone=user.phone,
            street="Jl. Sudirman No. 12",
            city=medan.city,
        ),
        rate_id=medan.pk,
        token=new_checkout_token(),
        user=user,
        voucher_code=voucher.code,
    )

    used = [e.text for e in get_timeline(user) if e.kind == "voucher_used"]
    assert used == [f"Voucher {voucher.code} used on {second.number}"]


def test_the_timeline_costs_a_handful_of_queries(
    journey, django_assert_max_num_queries
):
    user, _order = journey

    with django_assert_max_num_queries(8):
        get_timeline(user)
