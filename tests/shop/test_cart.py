"""The cart through its views: adding, changing, removing, and keeping it
across signing in and across devices."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from shop.cart import SessionCart
from shop.models import Cart, CartItem, Order
from shop.stock import set_initial_stock
from tests.factories import variant
from tests.shop.test_checkout import add, checkout_data

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-123"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english(client):
    english(client)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def cart_of(client):
    """Variant id → quantity, as the cart page shows it."""
    response = client.get(reverse("shop:cart"))
    return {line.variant.pk: line.quantity for line in response.context["quote"].lines}


def sign_in(client, user):
    return client.post(
        reverse("customers:login"),
        {"username": user.email, "password": PASSWORD},
    )


def store_cart(user, items):
    cart = Cart.objects.create(user=user)
    for variant_obj, quantity in items:
        CartItem.objects.create(cart=cart, variant=variant_obj, quantity=quantity)


def test_adding_a_variant_puts_it_in_the_cart_with_a_message(client, songket):
    response = add(client, songket, 2)

    assert response.status_code == 302
    assert cart_of(client) == {variant(songket).pk: 2}
    assert messages_of(response) == [
        "Songket Lepus Bintang – Ukuran SGK-LEP-1 is in your cart."
    ]


def test_cart_page_shows_line_total_and_subtotal_in_rupiah(client, songket, batik):
    add(client, songket, 2)
    add(client, batik, 1)

    page = client.get(reverse("shop:cart")).content.decode()

    assert "Rp 3.500.000" in page
    assert "Rp 425.000" in page
    assert "Rp 3.925.000" in page


def test_adding_the_same_variant_again_adds_the_quantities(client, songket):
    add(client, songket, 2)
    add(client, songket, 1)

    assert cart_of(client) == {variant(songket).pk: 3}


def test_adding_more_than_in_stock_in_two_steps_is_refused(client, songket):
    add(client, songket, 4)

    response = add(client, songket, 2)

    assert messages_of(response)[-1] == (
        "Only 5 left of Songket Lepus Bintang – Ukuran SGK-LEP-1."
    )
    assert cart_of(client) == {variant(songket).pk: 4}


def test_changing_the_quantity_sets_it(client, songket, batik):
    add(client, songket, 1)
    add(client, batik, 1)

    response = client.post(
        reverse("shop:cart_update"), {"variant": variant(songket).pk, "quantity": 4}
    )

    assert response.status_code == 302
    assert cart_of(client) == {variant(songket).pk: 4, variant(batik).pk: 1}


def test_removing_a_line_leaves_the_others(client, songket, batik):
    add(client, songket, 1)
    add(client, batik, 2)

    client.post(reverse("shop:cart_remove"), {"variant": variant(songket).pk})

    assert cart_of(client) == {variant(batik).pk: 2}


def test_removing_the_last_line_shows_an_empty_cart(client, songket):
    add(client, songket, 1)

    client.post(reverse("shop:cart_remove"), {"variant": variant(songket).pk})

    response = client.get(reverse("shop:cart"))
    assert response.context["quote"].lines == []
    assert "Your cart is empty." in response.content.decode()


def test_sold_out_variant_cannot_be_added(client, songket):
    set_initial_stock(variant(songket), 0)

    response = add(client, songket, 1)

    assert cart_of(client) == {}
    assert messages_of(response) == [
        "Songket Lepus Bintang – Ukuran SGK-LEP-1 is out of stock."
    ]


def test_guest_cart_is_merged_into_the_stored_cart_on_sign_in(
    client, customer, songket, batik
):
    store_cart(customer, [(variant(songket), 1), (variant(batik), 1)])
    add(client, songket, 2)

    response = sign_in(client, customer)

    assert response.status_code == 302
    assert cart_of(client) == {variant(songket).pk: 3, variant(batik).pk: 1}


def test_guest_cart_is_kept_when_the_customer_had_no_stored_cart(
    client, customer, batik
):
    add(client, batik, 2)

    sign_in(client, customer)

    assert cart_of(client) == {variant(batik).pk: 2}
    assert dict(
        CartItem.objects.filter(cart__user=customer).values_list(
            "variant_id", "quantity"
        )
    ) == {variant(batik).pk: 2}


def test_signed_in_cart_is_seen_from_a_second_device(client, customer, songket):
    sign_in(client, customer)
    add(client, songket, 2)
    phone = english(Client())

    sign_in(phone, customer)

    assert cart_of(phone) == {variant(songket).pk: 2}


def test_change_on_one_device_shows_on_the_other(client, customer, songket, batik):
    phone = english(Client())
    sign_in(client, customer)
    sign_in(phone, customer)
    add(client, songket, 1)
    add(client, batik, 1)

    phone.post(reverse("shop:cart_remove"), {"variant": variant(songket).pk})

    assert cart_of(client) == {variant(batik).pk: 1}


def test_signing_out_leaves_an_empty_guest_cart_and_keeps_the_stored_one(
    client, customer, songket
):
    sign_in(client, customer)
    add(client, songket, 1)

    client.post(reverse("customers:logout"))

    assert cart_of(client) == {}
    assert CartItem.objects.get(cart__user=customer).quantity == 1


def test_session_cart_len_counts_units(rf, songket, batik):
    request = rf.get("/")
    request.session = {}
    request.user = AnonymousUser()
    cart = SessionCart(request)
    cart.add(variant(songket).pk, 2)
    cart.add(variant(batik).pk, "3")

    assert len(cart) == 5


def test_signing_in_again_while_signed_in_does_not_double_the_cart(
    client, customer, songket
):
    sign_in(client, customer)
    add(client, songket, 2)

    sign_in(client, customer)

    assert cart_of(client) == {variant(songket).pk: 2}


def test_unpublished_product_in_the_cart_does_not_block_checkout_of_the_rest(
    client, songket, batik, medan
):
    add(client, songket, 1)
    add(client, batik, 1)
    batik.unpublish()
    client.get(reverse("shop:cart"))

    client.post(reverse("shop:checkout"), checkout_data(client, medan))

    order = Order.objects.get()
    assert [line.sku for line in order.lines.all()] == ["SGK-LEP-1"]
