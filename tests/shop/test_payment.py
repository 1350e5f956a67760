"""The customer confirms a transfer with a receipt photo; the shop is told
once, and only staff and the order's owner can see the photo."""

import io

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from shop.access import make_order_key
from shop.checkout import Customer, new_checkout_token, place_order
from shop.models import Order, OrderState, PaymentConfirmation
from shop.orders import submit_payment
from shop.receipts import clean_receipt
from tests.factories import UserFactory, variant
from tests.shop.test_checkout import add, checkout_data
from tests.shop.test_receipts import jpeg_with_exif, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def place_for(user, rate, *pages, quantity=1):
    """An order placed by ``user`` (or a guest) for one unit of each page."""
    return place_order(
        items={variant(page).pk: quantity for page in pages},
        customer=Customer(
            full_name="Siti Aminah",
            email=user.email if user else "tamu@example.test",
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city=rate.city,
        ),
        rate_id=rate.pk,
        token=new_checkout_token(),
        user=user,
    )


def dotted(amount):
    return f"{amount:,}".replace(",", ".")


def payment_data(order, **overrides):
    data = {
        "bank": "BCA",
        "account_holder": "Siti Aminah",
        "amount": dotted(order.total),
        "transfer_date": timezone.localdate().isoformat(),
        "receipt": upload(jpeg_with_exif()),
    }
    data.update(overrides)
    return data


def order_url(order):
    return reverse("shop:order", args=[order.number])


def receipt_url(confirmation):
    return reverse("shop:receipt", args=[confirmation.order.number, confirmation.pk])


@pytest.fixture
def order(customer, songket, batik, medan):
    """The worked example: two songket and one batik to Medan."""
    return place_order(
        items={variant(songket).pk: 2, variant(batik).pk: 1},
        customer=Customer(
            full_name="Siti Aminah",
            email=customer.email,
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city="Medan",
        ),
        rate_id=medan.pk,
        token=new_checkout_token(),
        user=customer,
    )


@pytest.fixture
def submitted(client, customer, order):
    """The order with a confirmed transfer; its owner is signed in."""
    client.force_login(customer)
    return submit_payment(
        order,
        bank="BCA",
        account_holder="Siti Aminah",
        amount=order.total,
        transfer_date=timezone.localdate(),
        receipt=clean_receipt(upload(jpeg_with_exif())),
    )


def test_submitted_payment_moves_order_to_payment_submitted(submitted):
    order = Order.objects.get(pk=submitted.order.pk)

    assert order.state == OrderState.PAYMENT_SUBMITTED
    assert submitted.amount == order.total
    assert order.events.last().to_state == OrderState.PAYMENT_SUBMITTED


def test_submitted_payment_mails_the_shop_once_with_the_amount(
    customer, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_payment(
            order,
            bank="BCA",
            account_holder="Siti Aminah",
            amount=order.total,
            transfer_date=timezone.localdate(),
            receipt=clean_receipt(upload(jpeg_with_exif())),
        )

    assert [message.to for message in mail.outbox] == [["toko@songket.test"]]
    subject = mail.outbox[0].subject
    assert order.number in subject
    assert f"Rp {dotted(order.total)}" in subject


def test_stored_receipt_is_a_jpeg_without_camera_or_location(submitted):
    with submitted.receipt.open("rb") as stored:
        raw = stored.read()

    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert b"Canon" not in raw


def test_stored_receipt_is_outside_the_public_media_folder(submitted):
    path = submitted.receipt.path

    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_order_page_after_confirming_says_payment_is_being_checked(client, submitted):
    response = client.get(order_url(submitted.order))

    page = response.content.decode()
    assert "We have your payment confirmation" in page
    assert 'name="receipt"' not in page


def test_second_confirmation_of_a_submitted_order_is_not_stored(client, submitted):
    order = submitted.order

    response = client.post(order_url(order), payment_data(order))

    assert response.status_code == 200
    assert order.confirmations.count() == 1


def test_owner_can_fetch_the_receipt_photo(client, submitted):
    response = client.get(receipt_url(submitted))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(body)).format == "JPEG"


def test_staff_can_fetch_the_receipt_photo(submitted, staff):
    manager = Client()
    manager.force_login(staff)

    response = manager.get(receipt_url(submitted))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_guest_with_the_order_link_can_fetch_the_receipt_photo(submitted):
    key = make_order_key(submitted.order)

    response = Client().get(receipt_url(submitted) + f"?key={key}")

    assert response.status_code == 200


@pytest.mark.parametrize("key", [None, "", "wrong", "SK-0000-0001"])
def test_guest_without_the_right_key_cannot_fetch_the_receipt(submitted, key):
    query = "" if key is None else f"?key={key}"

    response = Client().get(receipt_url(submitted) + query)

    assert response.status_code in (403, 404)
    assert not hasattr(response, "streaming_content")


def test_another_customer_cannot_fetch_the_receipt(submitted):
    other = Client()
    other.force_login(UserFactory())

    response = other.get(receipt_url(submitted))

    assert response.status_code in (403, 404)


def test_receipt_of_one_order_cannot_be_fetched_through_another_order(
    client, customer, submitted, songket, medan
):
    mine = place_for(customer, medan, songket)
    url = reverse("shop:receipt", args=[mine.number, submitted.pk])

    response = client.get(url)

    assert response.status_code == 404


def test_confirming_payment_moves_order_to_payment_submitted(
    client, customer, order, django_capture_on_commit_callbacks
):
    client.force_login(customer)
    typed = dotted(order.total)
    assert typed.startswith("3.979.")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(order_url(order), payment_data(order, amount=typed))

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == OrderState.PAYMENT_SUBMITTED
    confirmation = order.confirmations.get()
    assert confirmation.amount == order.total
    assert (confirmation.bank, confirmation.account_holder) == ("BCA", "Siti Aminah")
    assert confirmation.transfer_date == timezone.localdate()
    assert order.events.last().to_state == OrderState.PAYMENT_SUBMITTED


def test_confirming_payment_mails_the_shop_once_with_the_amount(
    client, customer, order, django_capture_on_commit_callbacks
):
    client.force_login(customer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(order_url(order), payment_data(order))
        client.post(order_url(order), payment_data(order))

    assert [message.to for message in mail.outbox] == [["toko@songket.test"]]
    subject = mail.outbox[0].subject
    assert order.number in subject
    assert f"Rp {dotted(order.total)}" in subject


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("3.979.437", 3_979_437),
        ("3979437", 3_979_437),
        ("Rp 3.979.437", 3_979_437),
        ("rp3.979.437", 3_979_437),
        (" 3 979 437 ", 3_979_437),
    ],
)
def test_amount_is_read_as_whole_rupiah_however_it_is_written(
    client, customer, order, typed, amount
):
    client.force_login(customer)

    client.post(order_url(order), payment_data(order, amount=typed))

    assert order.confirmations.get().amount == amount


def test_guest_places_an_order_and_confirms_payment_in_the_same_browser(
    client, songket, medan, django_capture_on_commit_callbacks
):
    add(client, songket, 1)
    client.post(reverse("shop:checkout"), checkout_data(client, medan))
    order = Order.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(order_url(order), payment_data(order))

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == OrderState.PAYMENT_SUBMITTED
    confirmation = PaymentConfirmation.objects.get(order=order)
    assert client.get(receipt_url(confirmation)).status_code == 200
    assert Client().get(receipt_url(confirmation)).status_code in (403, 404)
    assert [message.to for message in mail.outbox] == [["toko@songket.test"]]


def test_a_second_confirmation_after_a_rejection_reaches_the_shop_again(
    songket, medan, staff, django_capture_on_commit_callbacks
):
    from shop import orders as order_steps
    from shop.checkout import Customer, place_order
    from shop.receipts import clean_receipt
    from tests.factories import variant as first_variant

    order = place_order(
        items={first_variant(songket).pk: 1},
        customer=Customer("Siti", "siti@example.test", "+6281234567890", "Jl", "Medan"),
        rate_id=medan.pk,
        token="t-twice",
    )

    def confirm():
        upload = io.BytesIO()
        Image.new("RGB", (60, 40), "white").save(upload, "JPEG")
        upload.seek(0)
        upload.name, upload.size = "bukti.jpg", len(upload.getvalue())
        order_steps.submit_payment(
            order,
            bank="BCA",
            account_holder="Siti",
            amount=order.total,
            transfer_date=order.created_at.date(),
            receipt=clean_receipt(upload),
        )

    with django_capture_on_commit_callbacks(execute=True):
        confirm()
        order_steps.reject_payment(order, actor=staff, reason="Belum masuk")
        confirm()

    shop_mail = [m for m in mail.outbox if m.to == ["toko@songket.test"]]
    assert len([m for m in shop_mail if "Konfirmasi" in m.subject]) == 2
