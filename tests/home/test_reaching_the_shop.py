"""Chat and WhatsApp: what the page loads, and what the message says."""

from urllib.parse import unquote

import pytest
from wagtail.models import Site

from shop.models import ShopSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop_settings(home):
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.whatsapp_number = "+6281234567890"
    shop.save()
    return shop


def test_without_a_widget_id_the_page_loads_no_script_from_outside(
    client, shop_settings, songket
):
    response = client.get(songket.url)
    html = response.content.decode()

    assert "tawk" not in html
    assert "tawk" not in response["Content-Security-Policy"]
    assert "script-src 'self';" in response["Content-Security-Policy"]


def test_with_a_widget_id_the_chat_script_and_its_hosts_are_allowed(
    client, shop_settings, songket
):
    shop_settings.tawk_property_id = "64abc"
    shop_settings.tawk_widget_id = "1hdef"
    shop_settings.save()

    response = client.get(songket.url)
    html = response.content.decode()

    assert 'data-property="64abc"' in html
    assert 'data-widget="1hdef"' in html
    assert "https://embed.tawk.to" in response["Content-Security-Policy"]


def test_whatsapp_button_names_the_product(client, shop_settings, songket):
    html = unquote(client.get(songket.url).content.decode())

    assert "https://wa.me/6281234567890?text=" in html
    assert f"interested in {songket.title}" in html


def test_the_admin_keeps_its_own_rules(client, staff):
    client.force_login(staff)

    response = client.get("/admin/")

    assert "Content-Security-Policy" not in response
