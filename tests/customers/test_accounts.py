"""Customer accounts: sign-up with an email (in any case), sign-in, password
reset by mail, and an account page with the customer's own orders."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client
from django.urls import reverse

from customers.models import User
from tests.factories import UserFactory
from tests.shop.test_payment import place_for

pytestmark = pytest.mark.django_db

PASSWORD = "Songket-Lepus-2024"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def sign_up(client, email, **overrides):
    data = {
        "full_name": "Siti Aminah",
        "email": email,
        "phone": "0812 3456 7890",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("customers:signup"), data)


def sign_in(client, email, password=PASSWORD):
    return client.post(
        reverse("customers:login"), {"username": email, "password": password}
    )


def signed_in_as(client):
    user = get_user(client)
    return user.email if user.is_authenticated else None


def test_sign_up_creates_a_signed_in_customer(client):
    response = sign_up(client, "Siti.Aminah@Example.TEST")

    assert response.status_code == 302
    assert response["Location"] == reverse("customers:account")
    user = User.objects.get()
    assert user.email == "siti.aminah@example.test"
    assert user.phone == "+6281234567890"
    assert signed_in_as(client) == "siti.aminah@example.test"


@pytest.mark.parametrize(
    "again", ["siti@example.test", "SITI@EXAMPLE.TEST", " Siti@Example.Test "]
)
def test_sign_up_again_with_the_same_email_in_any_case_is_refused(again):
    sign_up(Client(), "siti@example.test")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = sign_up(client, again)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with this email already exists. Sign in instead."
    ]
    assert User.objects.count() == 1
    assert signed_in_as(client) is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "Songket-Lain-2024"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password2"),
        ({"email": "siti"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"full_name": ""}, "full_name"),
    ],
    ids=["passwords-differ", "common-password", "email", "phone", "name"],
)
def test_sign_up_with_a_bad_field_is_refused_with_a_message_on_it(
    client, overrides, field
):
    response = sign_up(client, **{"email": "siti@example.test", **overrides})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    "typed", ["siti@example.test", "SITI@EXAMPLE.TEST", "Siti@Example.test"]
)
def test_sign_in_with_the_email_in_any_case_works(client, typed):
    UserFactory(email="siti@example.test", password=PASSWORD)

    response = sign_in(client, typed)

    assert response.status_code == 302
    assert signed_in_as(client) == "siti@example.test"


def test_sign_in_with_a_wrong_password_is_refused(client):
    UserFactory(email="siti@example.test", password=PASSWORD)

    response = sign_in(client, "siti@example.test", "salah-sandi")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert signed_in_as(client) is None


def reset_link(message):
    return re.search(r"http://testserver(/account/password-reset/\S+/)", message.body)[
        1
    ]


def test_password_reset_sends_one_mail_with_a_working_link(client):
    UserFactory(email="siti@example.test", password=PASSWORD)

    response = client.post(
        reverse("customers:password_reset"), {"email": "SITI@example.test"}
    )

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["siti@example.test"]]
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200
    new = "Kain-Tajung-Baru-99"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    assert sign_in(Client(), "siti@example.test", new).status_code == 302
    assert sign_in(Client(), "siti@example.test", PASSWORD).status_code == 200


def test_password_reset_link_works_only_once(client):
    UserFactory(email="siti@example.test", password=PASSWORD)
    client.post(reverse("customers:password_reset"), {"email": "siti@example.test"})
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    new = "Kain-Tajung-Baru-99"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )

    again = Client().get(link, follow=True)

    assert again.context["validlink"] is False


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(
        reverse("customers:password_reset"), {"email": "nobody@example.test"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("customers:password_reset_done")
    assert mail.outbox == []


def test_account_page_lists_the_customers_orders_and_not_others(
    client, songket, batik, medan
):
    siti = UserFactory(email="siti@example.test", password=PASSWORD)
    other = UserFactory(email="rina@example.test")
    mine = place_for(siti, medan, songket)
    theirs = place_for(other, medan, batik)
    guest = place_for(None, medan, batik)
    sign_in(client, "siti@example.test")

    response = client.get(reverse("customers:account"))

    page = response.content.decode()
    assert mine.number in page
    assert f"Rp {mine.total:,}".replace(",", ".") in page
    assert theirs.number not in page
    assert guest.number not in page


def test_account_page_asks_a_guest_to_sign_in(client):
    response = client.get(reverse("customers:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customers:login"))
