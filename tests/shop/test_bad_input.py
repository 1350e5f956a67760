"""Whatever a customer (or someone else) posts, bad input changes nothing:
no order, the same stock, the same cart, and a message saying what to fix."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from shop.access import make_order_key
from shop.checkout import new_checkout_token
from shop.models import Order, PaymentConfirmation, StockLevel
from tests.factories import ShippingRateFactory, UserFactory, make_product, variant
from tests.shop.test_cart import cart_of, messages_of
from tests.shop.test_checkout import add, checkout_data
from tests.shop.test_payment import order_url, place_for

pytestmark = pytest.mark.django_db

WHOLE_NUMBER = "Enter the quantity as a whole number."
AT_LEAST_ONE = "The quantity must be at least 1."
AT_MOST_99 = "At most 99 per item."
ONLY_FIVE = "Only 5 left of Songket Lepus Bintang – Ukuran SGK-LEP-1."
UNAVAILABLE = "That product is no longer available."
BAD_PHONE = "Enter an Indonesian phone number, such as 0812 3456 7890."
CHOOSE_RATE = "Choose a destination and a shipping service."

BAD_QUANTITIES = [
    ("0", AT_LEAST_ONE),
    ("-1", AT_LEAST_ONE),
    ("6", ONLY_FIVE),
    ("abc", WHOLE_NUMBER),
    ("1e3", WHOLE_NUMBER),
    ("1.5", WHOLE_NUMBER),
    ("", WHOLE_NUMBER),
    (" ", WHOLE_NUMBER),
    ("9" * 30, AT_MOST_99),
    ("9" * 5000, WHOLE_NUMBER),
    ("²", WHOLE_NUMBER),
]


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def snapshot(client):
    """What bad input must not change: orders, stock, confirmations, cart."""
    return {
        "orders": Order.objects.count(),
        "confirmations": PaymentConfirmation.objects.count(),
        "stock": dict(StockLevel.objects.values_list("variant__sku", "quantity")),
        "cart": cart_of(client),
    }


def post(client, name, data):
    return client.post(
        reverse(name), {key: value for key, value in data.items() if value is not None}
    )


@pytest.mark.parametrize(("quantity", "message"), BAD_QUANTITIES)
def test_bad_quantity_is_not_added_to_the_cart(client, songket, quantity, message):
    before = snapshot(client)

    response = post(
        client, "shop:cart_add", {"variant": variant(songket).pk, "quantity": quantity}
    )

    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert snapshot(client) == before


@pytest.mark.parametrize(
    ("quantity", "message"), [*BAD_QUANTITIES, (None, WHOLE_NUMBER)]
)
def test_bad_quantity_does_not_change_a_cart_line(client, songket, quantity, message):
    add(client, songket, 1)
    before = snapshot(client)

    response = post(
        client,
        "shop:cart_update",
        {"variant": variant(songket).pk, "quantity": quantity},
    )

    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert snapshot(client) == before


def unpublished_variant(category):
    page = make_product(category, "Songket Lama", [("SGK-LAMA", 900_000, 800, 3)])
    page.unpublish()
    return variant(page).pk


def deleted_variant(category):
    page = make_product(category, "Songket Hapus", [("SGK-HAPUS", 900_000, 800, 3)])
    pk = variant(page).pk
    page.delete()
    return pk


BAD_VARIANTS = {
    "unknown": lambda category: 999_999,
    "unpublished": unpublished_variant,
    "deleted": deleted_variant,
    "text": lambda category: "abc",
    "empty": lambda category: "",
    "missing": lambda category: None,
    "negative": lambda category: "-1",
    "decimal": lambda category: "1.0",
    "huge": lambda category: "9" * 30,
    "sql": lambda category: "1 OR 1=1",
}


@pytest.mark.parametrize("kind", BAD_VARIANTS)
def test_bad_variant_is_not_added_to_the_cart(client, category, songket, kind):
    variant_id = BAD_VARIANTS[kind](category)
    before = snapshot(client)

    response = post(client, "shop:cart_add", {"variant": variant_id, "quantity": 1})

    assert response.status_code == 302
    assert messages_of(response) == [UNAVAILABLE]
    assert snapshot(client) == before


@pytest.mark.parametrize("kind", BAD_VARIANTS)
def test_bad_variant_does_not_change_the_cart(client, category, songket, kind):
    add(client, songket, 2)
    variant_id = BAD_VARIANTS[kind](category)
    before = snapshot(client)

    update = post(client, "shop:cart_update", {"variant": variant_id, "quantity": 1})
    remove = post(client, "shop:cart_remove", {"variant": variant_id})

    assert (update.status_code, remove.status_code) == (302, 302)
    assert snapshot(client) == before


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "/\\/evil.example/",
    ],
    ids=["protocol-relative", "absolute", "backslash", "tab", "backslash-slash"],
)
def test_add_to_cart_never_sends_the_customer_to_another_site(client, songket, target):
    response = client.post(
        reverse("shop:cart_add"),
        {"variant": variant(songket).pk, "quantity": 1, "next": target},
    )

    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
    assert "evil.example" not in urlsplit(location.replace("\\", "/")).netloc


def test_prices_posted_by_the_client_are_ignored(client, songket, medan):
    add(client, songket, 1)
    data = checkout_data(
        client,
        medan,
        price=1,
        unit_price=1,
        list_price=1,
        subtotal=1,
        shipping_cost=0,
        discount=1_750_000,
        unique_code=0,
        total=1,
    )

    client.post(reverse("shop:checkout"), data)

    order = Order.objects.get()
    line = order.lines.get()
    assert (line.unit_price, line.line_total) == (1_750_000, 1_750_000)
    assert order.subtotal == 1_750_000
    assert order.discount == 0
    assert order.shipping_cost == 18_000
    assert order.total == 1_768_000 + order.unique_code


@pytest.mark.parametrize("method", ["get", "post"])
def test_checkout_of_an_empty_cart_goes_back_to_the_cart(client, medan, method):
    data = {
        "full_name": "Siti Aminah",
        "email": "siti@example.test",
        "phone": "081234567890",
        "street": "Jl. Sudirman No. 12",
        "shipping_rate": medan.pk,
        "token": new_checkout_token(),
    }

    response = getattr(client, method)(reverse("shop:checkout"), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("shop:cart")
    assert messages_of(response) == ["Your cart is empty."]
    assert Order.objects.count() == 0


def checkout_refused(client, data):
    """Post the checkout; return its form errors after checking nothing changed."""
    before = snapshot(client)
    response = client.post(reverse("shop:checkout"), data)
    assert response.status_code == 200
    assert snapshot(client) == before
    return response.context["form"].errors


@pytest.mark.parametrize(
    "phone", ["12345", "abc", "+1 202 555 0100", "0812", "0812-3456-7890-1234"]
)
def test_checkout_with_no_phone_number_is_refused(client, songket, medan, phone):
    add(client, songket, 1)

    errors = checkout_refused(client, checkout_data(client, medan, phone=phone))

    assert errors["phone"] == [BAD_PHONE]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", ""),
        ("email", "siti"),
        ("email", ""),
        ("street", ""),
        ("postcode", "2011"),
        ("postcode", "abcde"),
        ("phone", ""),
        ("full_name", "x" * 151),
    ],
)
def test_checkout_with_a_bad_field_is_refused_with_a_message_on_it(
    client, songket, medan, field, value
):
    add(client, songket, 1)

    errors = checkout_refused(client, checkout_data(client, medan, **{field: value}))

    assert list(errors) == [field]


@pytest.mark.parametrize("rate", ["999999", "abc", "", "inactive", "-1"])
def test_checkout_with_a_shipping_rate_that_cannot_be_chosen_is_refused(
    client, songket, medan, rate
):
    add(client, songket, 1)
    data = checkout_data(client, medan)
    if rate == "inactive":
        closed = ShippingRateFactory(city="Medan", service="YES", active=False)
        rate = closed.pk
    data["shipping_rate"] = rate

    errors = checkout_refused(client, data)

    assert errors["shipping_rate"] == [CHOOSE_RATE]


def test_checkout_after_the_chosen_rate_was_switched_off_is_refused(
    client, songket, medan
):
    add(client, songket, 1)
    data = checkout_data(client, medan)
    medan.active = False
    medan.save()

    errors = checkout_refused(client, data)

    assert errors["shipping_rate"] == [CHOOSE_RATE]


@pytest.mark.parametrize("token", [None, "", "x" * 65])
def test_checkout_without_a_sound_token_is_refused(client, songket, medan, token):
    add(client, songket, 1)
    data = checkout_data(client, medan, token=token)
    data = {key: value for key, value in data.items() if value is not None}

    errors = checkout_refused(client, data)

    assert list(errors) == ["token"]


def test_checkout_with_more_than_in_stock_is_refused_with_a_message(
    client, songket, medan
):
    add(client, songket, 5)
    data = checkout_data(client, medan)
    place_for(None, medan, songket)

    errors = checkout_refused(client, data)

    assert errors["__all__"] == [
        "Only 4 left of Songket Lepus Bintang – Ukuran SGK-LEP-1."
    ]


@pytest.fixture
def order(customer, songket, medan):
    return place_for(customer, medan, songket)


def payment_data(order, **overrides):
    from tests.shop.test_receipts import photo, upload

    data = {
        "bank": "BCA",
        "account_holder": "Siti Aminah",
        "amount": str(order.total),
        "transfer_date": timezone.localdate().isoformat(),
        "receipt": upload(photo()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def payment_refused(client, order, data):
    before = snapshot(client)
    response = client.post(order_url(order), data)
    assert response.status_code == 200
    assert snapshot(client) == before
    order.refresh_from_db()
    assert order.state == "awaiting_payment"
    return response.context["form"].errors


@pytest.mark.parametrize(
    "amount", ["abc", "-5", "0", "0.000", "", "3,979,437.50", "1" * 13, "Rp"]
)
def test_payment_with_an_amount_that_is_no_rupiah_is_refused(
    client, customer, order, amount
):
    client.force_login(customer)

    errors = payment_refused(client, order, payment_data(order, amount=amount))

    assert list(errors) == ["amount"]


@pytest.mark.parametrize("when", ["2099-01-01", "31-12-2024", "kemarin"])
def test_payment_with_a_bad_transfer_date_is_refused(client, customer, order, when):
    client.force_login(customer)

    errors = payment_refused(client, order, payment_data(order, transfer_date=when))

    assert list(errors) == ["transfer_date"]


def test_payment_without_a_receipt_is_refused(client, customer, order):
    client.force_login(customer)

    errors = payment_refused(client, order, payment_data(order, receipt=None))

    assert list(errors) == ["receipt"]


def test_order_page_of_another_customer_is_not_found(order):
    other = Client()
    other.force_login(UserFactory())

    response = other.get(order_url(order))

    assert response.status_code == 404
    assert order.street not in response.content.decode()


@pytest.mark.parametrize("key", [None, "", "wrong", "SK-0000-0001:abc"])
def test_order_page_for_a_guest_without_the_right_key_is_not_found(order, key):
    query = "" if key is None else f"?key={key}"

    response = Client().get(order_url(order) + query)

    assert response.status_code == 404


def test_key_of_one_order_does_not_open_another(customer, songket, batik, medan):
    first = place_for(customer, medan, songket)
    second = place_for(customer, medan, batik)

    response = Client().get(order_url(second) + f"?key={make_order_key(first)}")

    assert response.status_code == 404


def test_unknown_order_number_is_not_found(client):
    assert client.get(order_url(Order(number="SK-9999-9999"))).status_code == 404


def test_payment_posted_to_another_customers_order_is_not_stored(order):
    other = Client()
    other.force_login(UserFactory())

    response = other.post(order_url(order), payment_data(order))

    assert response.status_code == 404
    assert PaymentConfirmation.objects.count() == 0
    order.refresh_from_db()
    assert order.state == "awaiting_payment"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Transfer BCA Rp 1.768.000", "bukti.jpg", "The file is not a photo"),
        (b"", "bukti.jpg", "empty"),
        ("padded", "bukti.jpg", "larger than 10 MB"),
        ((7_000, 7_000), "bukti.png", "too many pixels"),
        ((20_000, 20_000), "bukti.png", "too many pixels"),
    ],
    ids=["text-named-jpg", "empty", "over-10-mb", "49-megapixels", "bomb"],
)
def test_payment_with_a_receipt_that_is_no_sane_photo_is_refused(
    client, customer, order, content, name, message
):
    from tests.shop.test_receipts import TEN_MB, photo, png_declaring, upload

    if content == "padded":
        content = photo() + bytes(TEN_MB)
    elif isinstance(content, tuple):
        content = png_declaring(*content)
    client.force_login(customer)

    errors = payment_refused(
        client, order, payment_data(order, receipt=upload(content, name=name))
    )

    assert list(errors) == ["receipt"]
    assert message in errors["receipt"][0]


def test_checkout_token_of_another_customers_order_does_not_open_it(
    client, customer, songket, batik, medan
):
    add(client, songket, 1)
    client.post(reverse("shop:checkout"), checkout_data(client, medan))
    victim = Order.objects.get()
    stranger = Client()
    stranger.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    add(stranger, batik, 1)
    data = checkout_data(stranger, medan, token=victim.checkout_token)

    response = stranger.post(reverse("shop:checkout"), data)

    assert make_order_key(victim) not in response.get("Location", "")
    assert stranger.get(order_url(victim)).status_code == 404
