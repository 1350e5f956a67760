"""Indonesian by default, English on request, on every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def indonesian_default(settings):
    settings.LANGUAGE_CODE = "id"


def test_a_visitor_without_a_preference_reads_indonesian(
    client, indonesian_default, songket
):
    response = client.get(reverse("shop:cart"))

    assert response["Content-Language"] == "id"
    assert "Keranjang" in response.content.decode()


def test_the_language_switch_turns_the_shop_english(client, indonesian_default, home):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("shop:cart"))

    assert response["Content-Language"] == "en"
    assert "Your cart is empty." in response.content.decode()


def test_an_error_reaches_the_customer_in_indonesian(
    client, indonesian_default, songket
):
    from tests.factories import variant

    response = client.post(
        reverse("shop:cart_add"),
        {"variant": variant(songket).pk, "quantity": "abc"},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Masukkan jumlah berupa bilangan bulat."]


def test_every_page_has_the_language_switch(client, songket):
    for url in ("/", songket.url, reverse("shop:cart")):
        html = client.get(url).content.decode()
        assert 'name="language" value="id"' in html
        assert 'name="language" value="en"' in html
