"""Browser tests: Playwright driving Debian's Chromium against the live server.

The live server listens on 127.0.0.1 only and the browser is kept off the
network apart from it. Each test builds its own shop in a transactional
database; ``serialized_rollback`` restores what the migrations made (the
root page, the default site, the staff groups) before every test.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from wagtail.models import Site

from shop.models import Order, ShopSettings
from tests import factories

# Playwright's sync API runs an event loop in the test's thread, where the
# test also uses the ORM.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
if os.geteuid() == 0:
    CHROMIUM_ARGS.append("--no-sandbox")
TIMEOUT_MS = 10_000

NO_CHROMIUM = (
    "browser tests need Debian's Chromium at /usr/bin/chromium "
    "(apt-get install chromium); it is missing"
)


def pytest_collection_modifyitems(items):
    """Skip this folder's tests, and only these, when Chromium is missing."""
    if CHROMIUM.exists():
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


@pytest.fixture(scope="session")
def live_server(request):
    """The live server, on 127.0.0.1 and never on another interface."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    """Chromium, once for the session.

    Between its calls Playwright's sync API marks its event loop as running
    in this thread, and Django then gives this thread database connections
    apart from the ones it had. The new ones need the migrations' data that
    ``serialized_rollback`` puts back before each test, and the old ones are
    closed so that none is left open when the test database is dropped.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with django_db_blocker.unblock():
        connections.close_all()
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        with django_db_blocker.unblock():
            connections.close_all()


def _only_live_server(live_server):
    """A route handler that lets the browser reach the live server alone."""
    origin = live_server.url.rstrip("/")

    def handle(route):
        if route.request.url == origin or route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            route.abort()

    return handle


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies)."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, locale="en-US", timezone_id="Asia/Jakarta"
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", _only_live_server(live_server))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shop(live_server):
    """A site answering on the live server, a category, two cloths, a rate
    to Medan, a bank account and a staff member."""
    home = factories.make_home()
    home.hero_title = "Songket Palembang"
    home.hero_text = "Woven in Palembang with gold thread."
    home.hero_image = _hero_image()
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "127.0.0.1"
    site.port = int(live_server.url.rsplit(":", 1)[1])
    site.save()
    settings = ShopSettings.for_site(site)
    settings.shop_name = "Songket Palembang"
    settings.contact_email = "toko@songket.test"
    # A cluster's children are written when the settings are saved.
    settings.bank_accounts.create(
        bank="BCA", account_number="1234567890", account_holder="CV Songket"
    )
    settings.save()
    category = factories.make_category(home, "Songket", "songket")
    songket = factories.make_product(
        category, "Songket Lepus Bintang", [("SGK-LEP-1", 1_750_000, 1000, 5)]
    )
    batik = factories.make_product(
        category, "Batik Kembang Bintang", [("BTK-KB-1", 425_000, 300, 10)]
    )
    medan = factories.ShippingRateFactory(
        city="Medan", province="Sumatera Utara", price_per_kg=18_000
    )
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    return {
        "site": site,
        "settings": settings,
        "category": category,
        "songket": songket,
        "batik": batik,
        "medan": medan,
        "staff": staff,
    }


def rupiah_pattern(amount):
    """``Rp 3.979.123`` as a regular expression that ignores the space kind."""
    digits = f"{amount:,}".replace(",", ".")
    return re.compile(r"Rp\s" + re.escape(digits))


GUEST = {
    "full_name": "Siti Aminah",
    "email": "siti.aminah@example.test",
    "phone": "0812 3456 7890",
    "street": "Jl. Gatot Subroto No. 12\nKel. Sei Sikambing",
    "postcode": "20122",
}


@pytest.fixture
def guest_journey(shop, new_page, tmp_path):
    """Drive a guest from the home page to a submitted payment; return the
    page (still on the order) and the order."""

    def run():
        page = new_page()
        fill_cart(page, shop)
        check_out_as_guest(page)
        order = check_order_page(page)
        confirm_transfer(page, order, tmp_path)
        return page, order

    return run


def fill_cart(page, shop):
    """From the home page: two songket and one batik into the cart."""
    from playwright.sync_api import expect

    page.goto("/")
    expect(page).to_have_title(re.compile("Songket Palembang"))
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Songket", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Songket")

    # Two songket.
    page.get_by_role("link", name="Songket Lepus Bintang").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Songket Lepus Bintang")
    expect(page.locator(".product-info")).to_contain_text(rupiah_pattern(1_750_000))
    form = page.locator("form.add-to-cart")
    form.get_by_label("Quantity").fill("2")
    form.get_by_role("button", name="Add to cart").click()
    expect(page.locator(".cart-link .badge")).to_have_text("2")

    # One batik, found from the category page.
    page.goto(shop["category"].url)
    page.get_by_role("link", name="Batik Kembang Bintang").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Batik Kembang Bintang")
    page.locator("form.add-to-cart").get_by_role("button", name="Add to cart").click()
    expect(page.locator(".cart-link .badge")).to_have_text("3")

    # The cart.
    page.locator(".cart-link").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    cart = page.locator("table.cart")
    expect(cart.locator("tbody tr")).to_have_count(2)
    expect(cart.locator("tfoot")).to_contain_text(rupiah_pattern(3_925_000))
    page.get_by_role("link", name="Check out").click()


def check_out_as_guest(page):
    """Fill the checkout as a guest shipping to Medan with JNE REG."""
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(r"/checkout/$"))
    checkout = page.locator("form.checkout-form")
    checkout.get_by_label("Full name").fill(GUEST["full_name"])
    checkout.get_by_label("Email").fill(GUEST["email"])
    checkout.get_by_label("Phone (WhatsApp)").fill(GUEST["phone"])
    checkout.get_by_label("Address").fill(GUEST["street"])
    checkout.get_by_label("Postcode").fill(GUEST["postcode"])
    destination = checkout.get_by_label("Destination and courier")
    option = destination.locator(
        'optgroup[label="Medan, Sumatera Utara"] option', has_text="JNE REG"
    )
    destination.select_option(option.get_attribute("value"))
    checkout.get_by_role("button", name="Place order").click()


def check_order_page(page):
    """The order page shows the bank accounts and the exact amount."""
    from playwright.sync_api import expect

    expect(page).to_have_url(re.compile(r"/orders/[^/]+/"))
    order = Order.objects.get()
    assert order.subtotal == 3_925_000
    assert order.shipping_cost == 54_000
    assert 1 <= order.unique_code <= 999
    assert order.total == 3_979_000 + order.unique_code
    assert order.phone == "+6281234567890"
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)
    amount = page.locator(".pay .amount")
    expect(amount).to_have_text(rupiah_pattern(order.total))
    assert re.fullmatch(r"Rp\s3\.979\.\d{3}", amount.inner_text().strip())
    banks = page.locator("ul.banks")
    expect(banks).to_contain_text("BCA")
    expect(banks).to_contain_text("1234567890")
    expect(banks).to_contain_text("CV Songket")
    expect(page.locator("table.order-lines tr.total")).to_contain_text(
        rupiah_pattern(order.total)
    )
    return order


def confirm_transfer(page, order, tmp_path):
    """Confirm the transfer with a receipt photo."""
    from playwright.sync_api import expect

    receipt = tmp_path / "bukti-transfer.jpg"
    _write_receipt(receipt)
    confirm = page.locator("form[enctype='multipart/form-data']")
    confirm.get_by_label("Your bank").fill("BCA")
    confirm.get_by_label("Account holder").fill(GUEST["full_name"])
    confirm.get_by_label("Amount transferred (Rp)").fill(
        f"{order.total:,}".replace(",", ".")
    )
    confirm.get_by_label("Transfer date").fill(
        order.created_at.astimezone(_jakarta()).date().isoformat()
    )
    confirm.get_by_label("Photo of the receipt").set_input_files(receipt)
    confirm.get_by_role("button", name="Send confirmation").click()

    expect(page.locator("p.state")).to_have_text(
        re.compile("payment submitted", re.IGNORECASE)
    )
    expect(page.get_by_text("We have your payment confirmation")).to_be_visible()
    order.refresh_from_db()
    assert order.state == "payment_submitted"
    confirmation = order.confirmations.get()
    assert confirmation.amount == order.total
    assert confirmation.bank == "BCA"


def _jakarta():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Jakarta")


def _hero_image():
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    data = BytesIO()
    PillowImage.new("RGB", (1200, 500), (110, 20, 40)).save(data, "JPEG")
    return Image.objects.create(
        title="Songket", file=ImageFile(BytesIO(data.getvalue()), name="hero.jpg")
    )


def _write_receipt(path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 220, 60), fill="navy")
    draw.text((30, 100), "TRANSFER BERHASIL", fill="black")
    image.save(path, "JPEG", quality=80)


def messages_to(address):
    return [message for message in mail.outbox if address in message.to]
