"""Browsing the catalogue: listings, filters, product pages, motifs, search."""

import json
import re

import pytest
from django.urls import reverse

from shop.models import Material, Motif
from shop.stock import set_initial_stock
from tests.factories import make_product, variant

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["products"]]


def test_listing_sorts_by_price_both_ways(client, category, songket, batik):
    up = client.get(category.url, {"sort": "price_up"})
    down = client.get(category.url, {"sort": "price_down"})

    assert titles(up) == [batik.title, songket.title]
    assert titles(down) == [songket.title, batik.title]


def test_listing_filters_by_price_band_and_stock(client, category, songket, batik):
    set_initial_stock(variant(batik), 0)

    under = client.get(category.url, {"price": "under-500k"})
    in_stock = client.get(category.url, {"in_stock": "1"})

    assert titles(under) == [batik.title]
    assert titles(in_stock) == [songket.title]


def test_listing_filters_by_material(client, category, songket, batik):
    silk = Material.objects.create(name="Sutra", slug="sutra")
    songket.material = silk
    songket.save_revision().publish()

    response = client.get(category.url, {"material": "sutra"})

    assert titles(response) == [songket.title]


def test_listing_shows_24_a_page_and_survives_a_bad_page_number(client, category):
    for n in range(30):
        make_product(category, f"Kain {n:02d}", [(f"K-{n}", 500_000, 500, 1)])

    first = client.get(category.url)
    second = client.get(category.url, {"page": "2"})
    bad = client.get(category.url, {"page": "abc"})

    assert len(titles(first)) == 24
    assert len(titles(second)) == 6
    assert bad.status_code == 200


def test_product_page_shows_price_in_rupiah_and_schema_org_data(client, songket):
    response = client.get(songket.url)
    html = response.content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert "Rp 1.750.000" in html
    assert data["@type"] == "Product"
    assert data["offers"][0]["price"] == "1750000"
    assert data["offers"][0]["priceCurrency"] == "IDR"


def test_motif_page_lists_every_cloth_that_carries_it(client, songket, batik):
    lepus = Motif.objects.create(name="Lepus", slug="lepus")
    songket.motif = lepus
    songket.save_revision().publish()

    response = client.get(reverse("shop:motif", args=["lepus"]))
    product = client.get(songket.url).content.decode()

    assert titles(response) == [songket.title]
    assert reverse("shop:motif", args=["lepus"]) in product


def test_search_shows_products_as_cards_with_their_price(client, songket, batik):
    response = client.get(reverse("shop:search"), {"q": "Lepus"})

    assert [p.title for p in response.context["products"]] == [songket.title]
    assert "Rp 1.750.000" in response.content.decode()


def test_search_finds_a_story_as_a_page(client, home, songket):
    from home.models import StoryIndexPage, StoryPage

    index = StoryIndexPage(title="Cerita", slug="cerita")
    home.add_child(instance=index)
    index.add_child(instance=StoryPage(title="Sejarah Lepus", intro="Tenun istana."))

    response = client.get(reverse("shop:search"), {"q": "Lepus"})

    assert [r.title for r in response.context["results"]] == ["Sejarah Lepus"]
    assert [p.title for p in response.context["products"]] == [songket.title]


def test_search_with_an_empty_or_odd_query_answers_calmly(client, home):
    for q in ("", "   ", "%", "' OR 1=1 --", "x" * 500):
        assert client.get(reverse("shop:search"), {"q": q}).status_code == 200


def test_sitemap_lists_product_pages(client, songket):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert songket.url in response.content.decode()


def give_image(product, n):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    data = BytesIO()
    PILImage.new("RGB", (40, 40), (120, 20, 40)).save(data, "PNG")
    image = get_image_model().objects.create(
        title=f"Kain {n}", file=ImageFile(data, name=f"kain-{n}.png")
    )
    product.gallery.create(image=image)


def add_cards(category, first, last):
    for i in range(first, last):
        product = make_product(
            category, f"Kain Q{i:02d}", [(f"Q-{i}", 500_000, 500, 1)]
        )
        give_image(product, i)


def listing_queries(client, category):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(category.url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        client.get(category.url)
    return len(queries.captured_queries)


def test_a_listing_costs_the_same_queries_however_many_cards(client, category):
    add_cards(category, 0, 3)
    few = listing_queries(client, category)

    add_cards(category, 3, 24)
    many = listing_queries(client, category)

    assert many == few
