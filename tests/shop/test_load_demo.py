"""The demo shop command: what it builds, and that a second run adds nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.models import HomePage, StoryPage
from shop.models import (
    ProductPage,
    ProductVariant,
    ShippingRate,
    ShopSettings,
    StockLevel,
    StockMovement,
)

pytestmark = pytest.mark.django_db

PRICE_BANDS = {
    "songket": (1_500_000, 15_000_000),
    "batik-palembang": (350_000, 1_500_000),
    "kain-tajung": (450_000, 1_200_000),
    "kemeja-batik": (250_000, 1_000_000),
}


def run_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Row counts of everything the demo makes."""
    models = [
        Page,
        Revision,
        get_image_model(),
        ProductVariant,
        StockLevel,
        StockMovement,
        ShippingRate,
        get_user_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_demo()
        transaction.set_rollback(True)


def test_second_run_creates_nothing_new(demo):
    before = snapshot()

    run_demo()

    assert snapshot() == before


def test_second_run_keeps_stock_changed_since(demo):
    variant = ProductVariant.objects.get(sku="SGK-BJT-08-MRH")
    StockLevel.objects.filter(variant=variant).update(quantity=3)

    run_demo()

    assert StockLevel.objects.get(variant=variant).quantity == 3


def test_home_page_replaces_the_welcome_page(demo):
    site = Site.objects.get(is_default_site=True)

    assert HomePage.objects.count() == 1
    assert site.root_page.specific_class is HomePage
    assert site.port == 8000
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()
    assert HomePage.objects.get().featured.count() >= 4


def test_catalogue_has_products_with_two_to_four_variants(demo):
    products = ProductPage.objects.live()

    assert products.count() >= 28
    for product in products:
        assert 2 <= product.variants.count() <= 4, product.title
        assert product.gallery.count() >= 2, product.title


@pytest.mark.parametrize("category, band", PRICE_BANDS.items())
def test_prices_are_within_their_category_band(demo, category, band):
    low, high = band
    prices = ProductVariant.objects.filter(
        page__in=ProductPage.objects.filter(url_path__contains=f"/{category}/")
    ).values_list("price", flat=True)

    assert prices
    assert all(low <= price <= high for price in prices)


@pytest.mark.parametrize(
    "price, grams, category",
    [(1_750_000, 1_000, "songket"), (425_000, 300, "batik-palembang")],
)
def test_checkout_reference_variants_exist_in_stock(demo, price, grams, category):
    variant = ProductVariant.objects.get(
        price=price, weight_grams=grams, page__url_path__contains=f"/{category}/"
    )

    assert variant.stock.quantity >= 5


def test_some_variants_and_one_whole_product_are_sold_out(demo):
    assert StockLevel.objects.filter(quantity=0).count() >= 3
    sold_out = [
        p
        for p in ProductPage.objects.all()
        if not p.variants.filter(stock__quantity__gt=0).exists()
    ]

    assert len(sold_out) == 1


def test_shipping_reaches_thirty_cities_with_two_couriers(demo):
    cities = ShippingRate.objects.values_list("city", flat=True).distinct()

    assert len(cities) >= 30
    for city in cities:
        couriers = set(
            ShippingRate.objects.filter(city=city).values_list("courier", flat=True)
        )
        assert couriers == {"JNE", "J&T"}, city


def test_medan_jne_reg_is_eighteen_thousand_per_kg(demo):
    rate = ShippingRate.objects.get(city="Medan", courier="JNE", service="REG")

    assert rate.province == "Sumatera Utara"
    assert rate.price_per_kg == 18_000


def test_shop_settings_hold_two_bank_accounts(demo):
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))

    assert settings.contact_email == "toko@songket.test"
    assert settings.bank_accounts.count() == 2


def test_stories_have_body_and_related_products(demo):
    stories = StoryPage.objects.live()

    assert stories.count() >= 6
    for story in stories:
        kinds = {block.block_type for block in story.body}
        assert {"paragraph", "image", "quote"} <= kinds, story.title
        assert 2 <= story.related_products.count() <= 4, story.title


def test_each_run_prints_fresh_staff_passwords(demo):
    second = run_demo()

    assert "http://127.0.0.1:8000/admin/" in demo
    assert "admin@songket.test" in second
    admin = get_user_model().objects.get(email="admin@songket.test")
    assert admin.is_superuser
    password = second.split("admin@songket.test", 1)[1].split()[0]
    assert admin.check_password(password)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/songket/",
        "/songket/songket-bungo-jatuh/",
        "/kemeja-batik/kemeja-batik-jumputan-lengan-panjang/",
        "/cerita/",
        "/cerita/menenun-songket-di-gedogan/",
        "/cara-memesan/",
    ],
)
def test_demo_pages_answer(demo, client, path):
    response = client.get(path)

    assert response.status_code == 200


def test_demo_has_subscribers_a_running_sale_and_no_draft_announcements(demo):
    from promotions.models import Announcement, Subscriber
    from promotions.sales import get_active_sales

    subscribed = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)

    assert subscribed.count() >= 60
    assert [s.sale.name for s in get_active_sales()] == ["Pesta Tenun Palembang"]
    assert not Announcement.objects.exists()
