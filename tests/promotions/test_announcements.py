"""Product announcements: one message per subscribed mailbox, never twice,
through a stopped and resumed run; unsubscribe links and headers; drafts
for new products; audiences; the admin pages."""

import itertools
from collections import Counter
from unittest import mock

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from django.core import mail
from django.test import Client
from django.urls import include, path, reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from customers.models import OutboxMessage
from promotions import announcements, subscribers
from promotions.models import Announcement, AnnouncementProduct, Subscriber
from promotions.newsletter_admin import AnnouncementViewSet, SubscriberViewSet
from promotions.tasks import send_announcement
from shop import orders
from shop.models import ProductImage
from songket_site import urls as site_urls
from tests import factories


def admin_urls(*viewsets):
    """A viewset's admin pages, mounted under /admin/ as Wagtail mounts them."""
    return [
        path(
            f"admin/{viewset.url_prefix}/",
            include((viewset.get_urlpatterns(), viewset.name), viewset.url_namespace),
        )
        for viewset in viewsets
    ]


# The newsletter's URLs as songket_site/urls.py and the admin hook add them.
urlpatterns = [
    path("newsletter/", include("promotions.urls")),
    path("anymail/", include("anymail.urls")),
    *admin_urls(AnnouncementViewSet("announcements"), SubscriberViewSet("subscribers")),
    *site_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


ANYMAIL_TEST = "anymail.backends.test.EmailBackend"
Status = Subscriber.Status
numbers = itertools.count(1)


@pytest.fixture
def anymail_backend(settings):
    settings.EMAIL_BACKEND = ANYMAIL_TEST


def make_subscribers(count, *, status=Status.SUBSCRIBED, language="id", user=None):
    """``count`` mailboxes in one insert; returns their addresses."""
    batch = next(numbers)
    emails = [f"pembaca{batch}x{n}@example.test" for n in range(count)]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=email,
            email_key=email,
            status=status,
            language=language,
            source="form",
            user=user,
        )
        for email in emails
    )
    return emails


@pytest.fixture
def announcement(songket):
    """A draft about the songket, for every subscriber."""
    announcement = Announcement.objects.create(
        subject="Songket baru dari Palembang",
        preheader="Tenunan tangan, benang emas",
        intro='<p>Lihat <a href="/songket/">koleksi</a> kami.</p>',
    )
    AnnouncementProduct.objects.create(announcement=announcement, product=songket)
    return announcement


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Press send: the task runs once the transaction commits."""

    def run(announcement):
        with django_capture_on_commit_callbacks(execute=True):
            started = announcements.start_sending(announcement)
        announcement.refresh_from_db()
        return started

    return run


def recipients():
    """How many messages each address got, across batch messages."""
    return Counter(address for message in mail.outbox for address in message.to)


def test_every_subscriber_gets_exactly_one_message_and_no_one_else(
    announcement, anymail_backend, send
):
    subscribed = make_subscribers(10_000)
    subscribed += make_subscribers(40, language="en")
    others = [
        *make_subscribers(30, status=Status.PENDING),
        *make_subscribers(30, status=Status.UNSUBSCRIBED),
        *make_subscribers(30, status=Status.BOUNCED),
        *make_subscribers(30, status=Status.COMPLAINED),
    ]

    send(announcement)

    got = recipients()
    assert set(got) == set(subscribed)
    assert set(got.values()) == {1}
    assert not set(others) & set(got)
    assert all(m.anymail_test_params["is_batch_send"] for m in mail.outbox)
    assert announcement.status == Announcement.Status.SENT
    assert announcement.queued_count == announcement.sent_count == 10_040
    assert announcement.failed_count == 0


def test_a_run_stopped_half_way_finishes_the_rest_when_run_again(
    announcement, anymail_backend, send
):
    subscribed = make_subscribers(2_000)
    real_send = AnymailTestBackend.send_messages
    calls = itertools.count(1)

    def fail_on_third_batch(backend, messages):
        if next(calls) == 3:
            raise ConnectionError("provider unreachable")
        return real_send(backend, messages)

    with mock.patch.object(AnymailTestBackend, "send_messages", fail_on_third_batch):
        send(announcement)
    assert announcement.status == Announcement.Status.SENDING
    assert sum(recipients().values()) == 1_000

    send_announcement.enqueue(announcement.pk)

    got = recipients()
    assert set(got) == set(subscribed)
    assert set(got.values()) == {1}
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.sent_count == 2_000


def test_a_provider_failing_mid_batch_never_mails_anyone_twice(announcement, send):
    """Without batch sending each mailbox is its own message: those the
    provider took before failing are recorded and not sent again."""
    from django.core.mail.backends.locmem import EmailBackend

    subscribed = make_subscribers(5)
    real_send = EmailBackend.send_messages
    calls = itertools.count(1)

    def fail_on_third(backend, messages):
        if next(calls) == 3:
            raise ConnectionError("provider unreachable")
        return real_send(backend, messages)

    with mock.patch.object(EmailBackend, "send_messages", fail_on_third):
        send(announcement)
    assert sum(recipients().values()) == 2

    send_announcement.enqueue(announcement.pk)

    got = recipients()
    assert set(got) == set(subscribed)
    assert set(got.values()) == {1}


def test_a_second_click_on_send_sends_nothing_more(announcement, anymail_backend, send):
    make_subscribers(30)
    assert send(announcement) is True
    mail.outbox = []

    assert send(announcement) is False
    send_announcement.enqueue(announcement.pk)

    assert mail.outbox == []
    assert OutboxMessage.objects.filter(kind="announcement").count() == 30


def test_each_message_carries_one_click_unsubscribe_headers_and_link(
    announcement, anymail_backend, send
):
    [email] = make_subscribers(1)

    send(announcement)

    [message] = mail.outbox
    url = message.merge_data[email]["unsubscribe_url"]
    assert url.startswith("http://testserver/newsletter/unsubscribe/")
    assert message.merge_headers[email]["List-Unsubscribe"].startswith(f"<{url}>, ")
    assert "<mailto:" in message.merge_headers[email]["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    html = message.alternatives[0][0]
    assert 'href="{{unsubscribe_url}}"' in html
    assert "{{unsubscribe_url}}" in message.body


def test_without_batch_sending_each_message_has_its_own_link(announcement, send):
    emails = make_subscribers(3)

    send(announcement)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)
    for message in mail.outbox:
        header = message.extra_headers["List-Unsubscribe"]
        url = header[1 : header.index(">")]
        assert url in message.body
        assert f'href="{url}"' in message.alternatives[0][0]
        assert message.extra_headers["List-Unsubscribe-Post"]


def test_the_unsubscribe_link_works_and_the_next_announcement_skips_them(
    announcement, anymail_backend, send, songket
):
    [leaver, stayer] = make_subscribers(2)
    send(announcement)
    url = mail.outbox[0].merge_data[leaver]["unsubscribe_url"]
    path = url.removeprefix("http://testserver")
    mail_client = Client(enforce_csrf_checks=True)

    assert mail_client.get(path).status_code == 200
    assert Subscriber.objects.get(email=leaver).status == Status.SUBSCRIBED
    assert mail_client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert mail_client.post(path).status_code == 200
    assert Subscriber.objects.get(email=leaver).status == Status.UNSUBSCRIBED

    mail.outbox = []
    second = Announcement.objects.create(subject="Lagi baru")
    send(second)
    assert recipients() == Counter({stayer: 1})


def test_a_forged_unsubscribe_link_is_refused(db, home, client):
    response = client.post(reverse("newsletter:unsubscribe", args=["abc:forged"]))

    assert response.status_code == 400


def test_an_address_unsubscribed_after_queueing_is_skipped(announcement, send):
    [leaver, stayer] = make_subscribers(2)
    Announcement.objects.filter(pk=announcement.pk).update(status="sending")
    announcement.refresh_from_db()
    announcements.record_recipients(announcement)

    subscribers.unsubscribe(leaver)
    announcements.run(announcement.pk)

    assert recipients() == Counter({stayer: 1})
    announcement.refresh_from_db()
    assert (announcement.sent_count, announcement.failed_count) == (1, 1)
    skipped = OutboxMessage.objects.get(recipient=leaver)
    assert (skipped.status, skipped.error) == ("failed", "unsubscribed")


def test_the_mail_shows_products_with_absolute_images_prices_and_links(
    announcement, songket, make_sale
):
    image = Image.objects.create(
        title="Songket merah",
        description="Songket merah bermotif lepus",
        file=get_test_image_file(),
    )
    ProductImage.objects.create(page=songket, image=image)
    make_sale(10, products=[songket])

    mail_text = announcements.render_mail(announcement, "id")

    html = mail_text.html
    assert 'src="http://testserver/media/' in html
    assert 'alt="Songket merah bermotif lepus"' in html
    assert "<s " in html and "Rp 1.750.000" in html and "Rp 1.575.000" in html
    assert 'href="http://testserver/songket/songket-lepus-bintang/"' in html
    assert 'href="http://testserver/songket/"' in html
    assert "Tenunan tangan, benang emas" in html
    assert "Songket Lepus Bintang" in mail_text.text
    assert "Rp 1.575.000" in mail_text.text


def test_publishing_a_new_product_offers_a_draft_once(category):
    product = factories.make_product(
        category, "Songket Bungo Cino", [("SGK-BC-1", 2_500_000, 900, 2)]
    )

    draft = Announcement.objects.get(products__product=product)
    assert draft.subject == "Baru: Songket Bungo Cino"
    assert draft.status == Announcement.Status.DRAFT

    product.title = "Songket Bungo Cino Merah"
    product.save_revision().publish()

    assert Announcement.objects.filter(products__product=product).count() == 1


@pytest.fixture
def buyers(category, other_category, product, order_for, staff):
    """Subscribed customers: one bought a songket, one a batik, one nothing."""
    songket = product(1_000_000)
    batik = product(300_000, parent=other_category)
    people = {}
    for name, page in (("songket", songket), ("batik", batik), ("none", None)):
        user = factories.UserFactory(language="en" if name == "batik" else "id")
        factories.confirm_mailbox(user)
        subscribers.subscribe_customer(user, "account")
        if page is not None:
            order = order_for(page, email=user.email, user=user)
            orders.verify_payment(order, actor=staff)
        people[name] = user.email
    guest = make_subscribers(1)[0]
    orders.verify_payment(order_for(songket, email=guest), actor=staff)
    people["guest"] = guest
    return people


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ("all", {"songket", "batik", "none", "guest"}),
        ("language_id", {"songket", "none", "guest"}),
        ("language_en", {"batik"}),
        ("category", {"songket", "guest"}),
        ("never_ordered", {"none"}),
    ],
)
def test_audiences_pick_the_right_people(buyers, category, audience, expected):
    announcement = Announcement(subject="Baru", audience=audience, category=category)

    chosen = set(
        announcements.filter_audience(announcement).values_list("email", flat=True)
    )

    assert chosen == {buyers[name] for name in expected}


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_admin_lists_previews_and_shows_an_announcement(staff_client, announcement):
    index = staff_client.get(reverse("announcements:index"))
    detail = staff_client.get(reverse("announcements:inspect", args=[announcement.pk]))
    preview = staff_client.get(reverse("announcements:preview", args=[announcement.pk]))

    assert index.status_code == detail.status_code == preview.status_code == 200
    assert "Songket baru dari Palembang" in index.content.decode()
    assert "Songket Lepus Bintang" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_admin_test_mail_goes_to_one_address_and_counts_nowhere(
    staff_client, announcement
):
    make_subscribers(5)
    url = reverse("announcements:send_test", args=[announcement.pk])

    staff_client.post(url, {"email": "marketing@example.test", "language": "en"})

    assert [m.to for m in mail.outbox] == [["marketing@example.test"]]
    assert mail.outbox[0].subject.startswith("[TEST]")
    assert not Subscriber.objects.filter(email="marketing@example.test").exists()
    announcement.refresh_from_db()
    assert announcement.is_draft and announcement.queued_count == 0


def test_admin_send_asks_with_the_count_then_sends_once(
    staff_client, announcement, anymail_backend, django_capture_on_commit_callbacks
):
    make_subscribers(7)
    url = reverse("announcements:send", args=[announcement.pk])

    confirm = staff_client.get(url)
    assert "7 recipients" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url)
        staff_client.post(url)

    assert sum(recipients().values()) == 7
    detail = staff_client.get(reverse("announcements:inspect", args=[announcement.pk]))
    assert detail.status_code == 200
    assert 'http-equiv="refresh"' not in detail.content.decode()


def test_admin_lists_and_searches_subscribers(staff_client):
    make_subscribers(3)

    response = staff_client.get(reverse("subscribers:index"), {"q": "pembaca"})

    assert response.status_code == 200
    assert "@example.test" in response.content.decode()


def test_admin_refuses_to_edit_a_sent_announcement(
    staff_client, announcement, anymail_backend, send
):
    send(announcement)

    response = staff_client.get(reverse("announcements:edit", args=[announcement.pk]))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("segment", "expected"),
    [("new", {"none"}), ("active", {"songket", "batik"})],
)
def test_a_customer_segment_can_be_the_audience(buyers, segment, expected):
    announcement = Announcement(subject="Baru", audience="segment", segment=segment)

    chosen = set(
        announcements.filter_audience(announcement).values_list("email", flat=True)
    )

    assert chosen == {buyers[name] for name in expected}


def test_a_stalled_announcement_is_finished_by_retry_mail(announcement, send):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    subscribed = make_subscribers(3)
    with mock.patch.object(announcements, "send_queued"):
        send(announcement)
    Announcement.objects.filter(pk=announcement.pk).update(
        progress_at=timezone.now() - timedelta(hours=1)
    )
    assert not mail.outbox

    call_command("retry_mail")

    assert set(recipients()) == set(subscribed)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
