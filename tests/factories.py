"""Factories for tests: users, pages, products with stock, shipping rates."""

import factory
from wagtail.models import Page, Site

from customers.models import User
from home.models import HomePage
from shop.models import ProductIndexPage, ProductPage, ProductVariant, ShippingRate
from shop.stock import set_initial_stock


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pelanggan{n}@example.test")
    full_name = factory.Faker("name", locale="id_ID")
    phone = "+6281234567890"
    password = factory.PostGenerationMethodCall("set_password", "rahasia-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRate

    city = factory.Sequence(lambda n: f"Kota {n}")
    province = "Sumatera Selatan"
    courier = "JNE"
    service = "REG"
    price_per_kg = 18_000
    days_min = 2
    days_max = 3


def make_home():
    """A home page at the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePage(title="Songket Palembang", slug="beranda")
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    else:
        site.hostname = "testserver"
        site.root_page = home
        site.save()
    return home


def make_category(home, title, slug):
    category = ProductIndexPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=category)
    return category


def make_product(category, title, variants):
    """A live product; ``variants`` is a list of (sku, price, grams, stock)."""
    page = ProductPage(title=title, slug=title.lower().replace(" ", "-"))
    for sku, price, grams, _stock in variants:
        page.variants.add(
            ProductVariant(
                sku=sku, label=f"Ukuran {sku}", price=price, weight_grams=grams
            )
        )
    category.add_child(instance=page)
    page.save_revision().publish()
    for variant in page.variants.all():
        stock = next(v[3] for v in variants if v[0] == variant.sku)
        set_initial_stock(variant, stock)
    return page


def variant(page, index=0):
    return page.variants.order_by("sort_order", "pk")[index]


def confirm_mailbox(user):
    """Record that the customer opened the link proving the address theirs."""
    from django.utils import timezone

    from promotions.identity import email_key
    from promotions.models import WelcomeClaim

    claim, _created = WelcomeClaim.objects.get_or_create(
        email_key=email_key(user.email),
        defaults={"email": user.email, "full_name": user.full_name},
    )
    if claim.confirmed_at is None:
        claim.confirmed_at = timezone.now()
        claim.save(update_fields=["confirmed_at"])
    return user
