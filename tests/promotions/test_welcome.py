"""The welcome voucher: sign up, confirm the address by the mailed link, and
get one voucher per mailbox, whatever way the address is written again."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from customers.models import User
from promotions.models import Voucher
from shop.models import Order
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
PASSWORD = "Kain-Songket-2026"
WELCOME_SUBJECT = "Your welcome voucher"
CODE = re.compile(r"SELAMAT-[A-Z0-9]{6}")


@pytest.fixture
def sign_up(client, home, django_capture_on_commit_callbacks):
    """Sign up as a new visitor; returns the response."""

    def post(email, full_name="Siti Aminah"):
        client.logout()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("customers:signup"),
                {
                    "full_name": full_name,
                    "email": email,
                    "phone": "0812-3456-7890",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
                follow=True,
            )

    return post


@pytest.fixture
def open_links(client, django_capture_on_commit_callbacks):
    """Open every confirmation link mailed so far, ``times`` times each."""

    def run(times=1):
        links = [
            re.search(r"http://testserver(/\S+)", m.body)[1]
            for m in mail.outbox
            if m.subject == "Confirm your email address"
        ]
        responses = []
        for link in links * times:
            with django_capture_on_commit_callbacks(execute=True):
                responses.append(client.get(link, follow=True))
        return responses

    return run


def welcome_mails():
    return [m for m in mail.outbox if m.subject.startswith(WELCOME_SUBJECT)]


def test_confirmed_address_gets_a_personal_welcome_voucher_by_mail(
    client, sign_up, open_links, text
):
    moment = datetime(2026, 3, 10, 22, 30, tzinfo=JAKARTA)
    with time_machine.travel(moment, tick=False):
        sign_up("siti@example.test")
        assert welcome_mails() == []
        [confirmed] = open_links()

    assert "Your address is confirmed. Your welcome voucher is on its way." in text(
        confirmed
    )
    [message] = welcome_mails()
    assert message.to == ["siti@example.test"]
    code = CODE.search(message.body)[0]
    assert "10% off, up to Rp 100.000, on orders of at least Rp 500.000." in (
        message.body
    )
    voucher = Voucher.objects.get(code=code)
    assert voucher.owner == User.objects.get(email="siti@example.test")
    assert (voucher.max_uses, voucher.max_uses_per_customer) == (1, 1)
    assert (voucher.value, voucher.max_discount, voucher.min_subtotal) == (
        10,
        100_000,
        500_000,
    )
    assert voucher.ends_at == datetime(2026, 4, 9, 23, 59, 59, tzinfo=JAKARTA)


def test_signing_up_sends_only_the_confirmation_link(sign_up):
    sign_up("siti@example.test")

    assert [m.subject for m in mail.outbox] == ["Confirm your email address"]
    assert not Voucher.objects.exists()


def test_welcome_voucher_takes_10_percent_up_to_100_000_for_its_owner(
    client, songket, sign_up, open_links, checkout
):
    sign_up("siti@example.test")
    open_links()
    code = CODE.search(welcome_mails()[0].body)[0]
    add(client, songket, 1)

    checkout(voucher_code=code.lower())

    order = Order.objects.get()
    assert order.discount == 100_000
    assert order.user.email == "siti@example.test"


def _again(sign_up):
    response = sign_up("siti@example.test")
    assert "An account with this email already exists." in response.content.decode()


def _upper_case(sign_up):
    response = sign_up("SITI@Example.test")
    assert "An account with this email already exists." in response.content.decode()


def _dots(sign_up):
    sign_up("s.i.t.i@example.test")


def _plus_tag(sign_up):
    sign_up("Siti+kain@Example.test")


def _after_deleting_the_account(sign_up):
    User.objects.get(email="siti@example.test").delete()
    sign_up("siti@example.test")


def _after_deleting_in_upper_case(sign_up):
    User.objects.get(email="siti@example.test").delete()
    sign_up("SITI@Example.test")


@pytest.mark.parametrize(
    "second",
    [
        _again,
        _upper_case,
        _dots,
        _plus_tag,
        _after_deleting_the_account,
        _after_deleting_in_upper_case,
    ],
    ids=["again", "upper-case", "dots", "plus-tag", "deleted", "deleted-upper-case"],
)
def test_one_mailbox_gets_one_welcome_voucher_however_it_signs_up_again(
    sign_up, open_links, second
):
    sign_up("siti@example.test")
    open_links()

    second(sign_up)
    open_links(times=2)

    assert len(welcome_mails()) == 1


def test_two_spellings_of_one_mailbox_confirmed_together_get_one_voucher(
    sign_up, open_links
):
    sign_up("siti@example.test")
    sign_up("S.I.T.I@example.test")

    open_links()

    assert len(welcome_mails()) == 1
    assert Voucher.objects.filter(batch="welcome").count() == 1


def test_a_second_confirmation_says_confirmed_without_a_new_voucher(
    sign_up, open_links, text
):
    sign_up("siti@example.test")

    first, second = open_links(times=2)

    assert "Your welcome voucher is on its way." in text(first)
    assert "Your address is confirmed." in text(second)
    assert "Your welcome voucher is on its way." not in text(second)
    assert len(welcome_mails()) == 1


def test_tampered_confirmation_link_gives_no_voucher(client, sign_up, text):
    sign_up("siti@example.test")
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body)[1]
    tampered = link.rstrip("/")[:-3] + "abc/"

    response = client.get(tampered, follow=True)

    assert "This link has expired or is not valid." in text(response)
    assert welcome_mails() == []
