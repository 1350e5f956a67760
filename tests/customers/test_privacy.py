"""A customer's own data: downloading a copy, and closing the account so
that no trace of who they were remains but the shop's books."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.urls import reverse

from customers.models import Address, OutboxMessage, User
from promotions import subscribers, welcome
from promotions.models import Subscriber, Voucher, WelcomeClaim
from shop import orders
from shop.checkout import Customer, new_checkout_token, place_order
from shop.models import Cart, Order, OrderLine
from tests.factories import UserFactory, variant

pytestmark = pytest.mark.django_db

PASSWORD = "Kain-Songket-2026"
NAME = "Siti Aminah Kartika"
EMAIL = "siti.kartika@example.test"
PHONE = "+6281377778888"
STREET = "Jl. Kebun Bunga No. 3"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sign_up(client, email=EMAIL):
    return client.post(
        reverse("customers:signup"),
        {
            "full_name": NAME,
            "email": email,
            "phone": "0813-7777-8888",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def place(user, page, rate, **details):
    details = {
        "full_name": NAME,
        "phone": PHONE,
        "street": STREET,
        "postcode": "30126",
        "note": "Tolong dibungkus rapi",
        **details,
    }
    return place_order(
        items={variant(page).pk: 1},
        customer=Customer(email=user.email, city=rate.city, **details),
        rate_id=rate.pk,
        token=new_checkout_token(),
        user=user,
    )


@pytest.fixture
def siti(client, home, songket, medan, staff, django_capture_on_commit_callbacks):
    """Siti, signed in, welcomed, subscribed, with a paid order and an address."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
        user = User.objects.get(email=EMAIL)
        welcome.confirm(user)
        order = place(user, songket, medan)
        orders.verify_payment(order, actor=staff)
    subscribers.subscribe_customer(user, "account")
    user.addresses.create(
        recipient=NAME, phone=PHONE, street=STREET, shipping_city=medan.city
    )
    Cart.objects.get_or_create(user=user)
    return user


@pytest.fixture
def budi(batik, medan):
    budi = UserFactory(email="budi@example.test", full_name="Budi Santoso")
    place(
        budi,
        batik,
        medan,
        full_name="Budi Santoso",
        phone="+6285711112222",
        street="Jl. Lain 9",
        postcode="",
        note="",
    )
    return budi


def download(client):
    response = client.get(reverse("customers:data_download"))
    return response, json.loads(response.content)


def test_the_download_is_a_json_file_of_the_customers_own_data(client, siti, budi):
    response, data = download(client)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert data["profile"]["email"] == EMAIL
    assert data["profile"]["phone"] == PHONE
    assert [a["street"] for a in data["addresses"]] == [STREET]
    order = Order.objects.get(user=siti)
    assert [o["number"] for o in data["orders"]] == [order.number]
    assert data["orders"][0]["total"] == order.total
    assert data["orders"][0]["lines"][0]["sku"] == "SGK-LEP-1"
    assert [v["code"] for v in data["vouchers"]] == [siti.vouchers.get().code]
    assert data["newsletter"] == "subscribed"


def test_the_download_names_messages_without_their_content(client, siti, budi):
    _response, data = download(client)

    kinds = {message["kind"] for message in data["messages"]}
    assert {"confirm_email", "welcome_voucher", "order_placed"} <= kinds
    assert set(data["messages"][0]) == {"kind", "date", "status"}


def test_the_download_has_nothing_of_another_customer(client, siti, budi):
    response, _data = download(client)

    body = response.content.decode()
    assert "Budi" not in body
    assert Order.objects.get(user=budi).number not in body


def test_the_download_needs_a_signed_in_customer(client):
    response = client.get(reverse("customers:data_download"))

    assert response.status_code == 302
    assert reverse("customers:login") in response["Location"]


def close(client, password=PASSWORD):
    return client.post(reverse("customers:close_account"), {"password": password})


def test_the_close_page_asks_for_the_password(client, siti):
    response = client.get(reverse("customers:close_account"))

    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()


def test_a_wrong_password_closes_nothing(client, siti):
    response = close(client, "not-my-password")

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["This is not your password."]
    siti.refresh_from_db()
    assert siti.is_active
    assert siti.email == EMAIL
    assert get_user(client).is_authenticated


def test_closing_signs_out_and_says_so(client, siti):
    response = close(client)

    assert response.status_code == 302
    assert not get_user(client).is_authenticated
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Your account is closed." in page


def everything_kept():
    """Every stored value of the tables that could hold personal data."""
    models = [User, Address, Order, OutboxMessage, WelcomeClaim, Subscriber]
    return json.dumps(
        [list(model.objects.values()) for model in models], default=str
    ).lower()


def test_closing_keeps_the_orders_but_no_personal_data(client, siti, budi):
    order = Order.objects.get(user=siti)
    lines = list(OrderLine.objects.filter(order=order).values())

    close(client)

    kept = Order.objects.get(pk=order.pk)
    assert (kept.total, kept.subtotal, kept.city) == (
        order.total,
        order.subtotal,
        order.city,
    )
    assert list(OrderLine.objects.filter(order=order).values()) == lines
    stored = everything_kept()
    for value in (NAME, EMAIL, PHONE, "081377778888", STREET, "dibungkus"):
        assert value.lower() not in stored
    assert (kept.postcode, kept.note) == ("", "")
    assert "budi santoso" in stored


def test_a_closed_account_has_a_placeholder_and_no_password(client, siti):
    close(client)

    siti.refresh_from_db()
    assert siti.email == f"deleted-{siti.pk}@invalid"
    assert (siti.full_name, siti.phone, siti.is_active) == ("", "", False)
    assert not siti.has_usable_password()
    assert not Address.objects.filter(user=siti).exists()
    assert not Cart.objects.filter(user=siti).exists()
    assert not Subscriber.objects.filter(user=siti).exists()


def test_a_closed_account_cannot_sign_in(client, siti):
    close(client)

    client.post(reverse("customers:login"), {"username": EMAIL, "password": PASSWORD})

    assert not get_user(client).is_authenticated


def test_signing_up_again_later_brings_no_second_welcome_voucher(client, siti):
    close(client)

    sign_up(client)
    again = User.objects.get(email=EMAIL)

    assert again.pk != siti.pk
    assert welcome.confirm(again) is None
    assert not Voucher.objects.filter(owner=again).exists()
    assert WelcomeClaim.objects.count() == 1


def test_the_account_page_links_to_the_data_and_to_closing(client, siti):
    page = client.get(reverse("customers:account")).content.decode()

    assert reverse("customers:data_download") in page
    assert reverse("customers:close_account") in page


def test_the_account_page_opts_out_of_the_newsletter_and_back_in(client, siti):
    assert subscribers.is_subscribed(siti)

    client.post(reverse("customers:subscription"), {})
    out = subscribers.is_subscribed(siti)
    client.post(reverse("customers:subscription"), {"subscribed": "on"})

    assert out is False
    assert subscribers.is_subscribed(siti)


def test_an_unpaid_order_links_to_its_payment_form(client, siti, songket, medan):
    order = place(siti, songket, medan)

    page = client.get(reverse("customers:account")).content.decode()

    assert f'<a href="{order.get_absolute_url()}">Confirm your payment</a>' in page
