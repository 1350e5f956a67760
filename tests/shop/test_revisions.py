"""Editors publish old revisions and remove variants; stock and orders do
not move with the page content."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from shop.checkout import Customer, new_checkout_token, place_order
from shop.models import OrderLine, ProductPage, ProductVariant, StockLevel
from tests.factories import make_product

pytestmark = pytest.mark.django_db

INPUT = re.compile(r"<input\b[^>]*>")
SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
TEXTAREA = re.compile(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)


def attribute(tag, name):
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(found[1]) if found else None


def form_data(page_html):
    """The fields of the page editor's form as the browser would post them."""
    data = {}
    for tag in INPUT.findall(page_html):
        name = attribute(tag, "name")
        kind = attribute(tag, "type") or "text"
        if not name or "__prefix__" in name or kind in ("file", "submit"):
            continue
        if kind in ("checkbox", "radio") and " checked" not in tag:
            continue
        data[name] = attribute(tag, "value") or ""
    for name, options in SELECT.findall(page_html):
        if "__prefix__" in name:
            continue
        chosen = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', options)
        data[name] = html.unescape(chosen[1]) if chosen else ""
    for name, text in TEXTAREA.findall(page_html):
        if "__prefix__" not in name:
            data[name] = html.unescape(text).lstrip("\n")
    data.pop("preview-size", None)
    return data


@pytest.fixture
def editor(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def product(category):
    """A songket in two sizes, 10 of each."""
    return make_product(
        category,
        "Songket Tretes Mender",
        [("TRT-S", 2_500_000, 900, 10), ("TRT-L", 3_100_000, 1200, 10)],
    )


def variant_of(sku):
    return ProductVariant.objects.get(sku=sku)


def stock(sku):
    return StockLevel.objects.get(variant__sku=sku).quantity


def sell(sku, quantity, rate):
    return place_order(
        items={variant_of(sku).pk: quantity},
        customer=Customer(
            full_name="Siti Aminah",
            email="siti@example.test",
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city=rate.city,
        ),
        rate_id=rate.pk,
        token=new_checkout_token(),
    )


def reprice(page, sku, price):
    """An editor changes one variant's price and publishes."""
    page = ProductPage.objects.get(pk=page.pk)
    variants = list(page.variants.all())
    for item in variants:
        if item.sku == sku:
            item.price = price
    page.variants = variants
    page.save_revision().publish()


def publish_first_revision_directly(editor, page):
    page.revisions.order_by("created_at").first().publish()


def publish_first_revision_as_new(editor, page):
    first = page.revisions.order_by("created_at").first()
    first.as_object().save_revision().publish()


def publish_first_revision_in_the_admin(editor, page):
    first = page.revisions.order_by("created_at").first()
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    data = form_data(editor.get(revert).content.decode())
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "publish_old",
    [
        publish_first_revision_directly,
        publish_first_revision_as_new,
        publish_first_revision_in_the_admin,
    ],
    ids=["revision-publish", "save-as-new-revision", "admin-revert"],
)
def test_publishing_an_old_revision_keeps_the_stock_that_was_sold(
    editor, product, medan, publish_old
):
    reprice(product, "TRT-S", 2_750_000)
    sell("TRT-S", 3, medan)

    publish_old(editor, product)

    assert variant_of("TRT-S").price == 2_500_000
    assert stock("TRT-S") == 7
    assert stock("TRT-L") == 10


def test_publishing_an_old_revision_keeps_the_order_price(editor, product, medan):
    reprice(product, "TRT-S", 2_750_000)
    order = sell("TRT-S", 1, medan)

    publish_first_revision_directly(editor, product)

    line = order.lines.get()
    assert (line.unit_price, line.line_total) == (2_750_000, 2_750_000)


def remove_variant_in_the_admin(editor, page, sku):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(editor.get(edit).content.decode())
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("variants-") and key.endswith("-sku") and value == sku
    )
    data[f"variants-{index}-DELETE"] = "on"
    data["action-publish"] = "action-publish"
    return editor.post(edit, data)


def test_editor_can_remove_a_variant_an_order_holds(editor, product, medan):
    sell("TRT-L", 2, medan)

    response = remove_variant_in_the_admin(editor, product, "TRT-L")

    assert response.status_code == 302
    assert not ProductVariant.objects.filter(sku="TRT-L").exists()
    product.refresh_from_db()
    assert product.live
    assert not product.has_unpublished_changes


def test_order_keeps_what_was_bought_after_its_variant_is_removed(
    client, editor, product, medan
):
    order = sell("TRT-L", 2, medan)

    remove_variant_in_the_admin(editor, product, "TRT-L")

    line = OrderLine.objects.get(order=order)
    assert line.variant is None
    assert (line.sku, line.product_title) == ("TRT-L", "Songket Tretes Mender")
    assert line.variant_label == "Ukuran TRT-L"
    assert (line.unit_price, line.quantity, line.line_total) == (
        3_100_000,
        2,
        6_200_000,
    )
    order.refresh_from_db()
    assert order.subtotal == 6_200_000


def test_order_page_renders_after_its_variant_is_removed(editor, product, medan):
    order = sell("TRT-L", 2, medan)
    remove_variant_in_the_admin(editor, product, "TRT-L")

    response = editor.get(reverse("shop:order", args=[order.number]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Songket Tretes Mender" in page
    assert "Ukuran TRT-L" in page
    assert "Rp 6.200.000" in page


def test_product_page_still_sells_the_remaining_variant(client, editor, product, medan):
    sell("TRT-L", 2, medan)
    remove_variant_in_the_admin(editor, product, "TRT-L")

    response = client.get(product.url)

    assert response.status_code == 200
    assert "TRT-S" in response.content.decode()
    assert "TRT-L" not in response.content.decode()
    assert stock("TRT-S") == 10


def test_removing_a_variant_programmatically_keeps_the_order(product, medan):
    order = sell("TRT-L", 1, medan)
    page = ProductPage.objects.get(pk=product.pk)

    page.variants = [item for item in page.variants.all() if item.sku != "TRT-L"]
    page.save_revision().publish()

    line = order.lines.get()
    assert (line.sku, line.unit_price) == ("TRT-L", 3_100_000)


def test_revision_from_before_a_variant_was_removed_brings_it_back_sold_out(
    client, editor, product, medan
):
    sell("TRT-L", 2, medan)
    remove_variant_in_the_admin(editor, product, "TRT-L")

    publish_first_revision_directly(editor, product)

    assert variant_of("TRT-L").stock_quantity == 0
    response = client.post(
        reverse("shop:cart_add"), {"variant": variant_of("TRT-L").pk, "quantity": 1}
    )
    assert response.status_code == 302
    assert client.session.get("cart", {}) == {}
