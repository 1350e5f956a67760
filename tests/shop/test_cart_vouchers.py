"""Voucher codes in the cart: a wrong one never costs a good one."""

import pytest
from django.urls import reverse

from promotions.models import Voucher
from tests.shop.test_checkout import add

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(db):
    return Voucher.objects.create(
        code="KAINBARU", kind=Voucher.Kind.PERCENT, value=5, max_uses_per_customer=None
    ).code


def apply(client, text):
    return client.post(reverse("shop:cart_voucher"), {"code": text}, follow=True)


def test_a_mistyped_code_keeps_the_good_one(client, songket, code):
    add(client, songket, 1)
    apply(client, code)

    response = apply(client, "SALAH123")

    assert client.session["voucher"] == "KAINBARU"
    assert response.context["quote"].discount == 87_500
    assert "SALAH123" in str(list(response.context["messages"])[0])


def test_a_code_that_stopped_applying_is_taken_off_at_checkout(
    client, songket, batik, code
):
    add(client, songket, 1)
    apply(client, code)
    Voucher.objects.filter(code=code).update(min_subtotal=5_000_000)

    response = client.get(reverse("shop:checkout"))

    assert response.context["form"]["voucher_code"].value() == ""
    assert "voucher" not in client.session
    assert any("KAINBARU" in str(m) for m in response.context["messages"])
