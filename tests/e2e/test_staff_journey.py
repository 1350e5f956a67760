"""The shop manager verifies the guest's transfer and ships the order; the
guest hears of each step once."""

import re

import pytest
from django.core import mail

from .conftest import GUEST, messages_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_verifies_payment_and_ships(guest_journey, shop, new_page):
    from playwright.sync_api import expect

    _, order = guest_journey()
    staff = shop["staff"]

    page = new_page()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.locator("input[name=username]").fill(staff.email)
    page.locator("input[name=password]").fill("rahasia-123")
    page.get_by_role("button", name=re.compile("Sign in", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Orders, from the menu; the order found by its number.
    page.locator("#wagtail-sidebar").get_by_role(
        "link", name="Orders", exact=True
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/orders/$"))
    search = page.get_by_label("Search term")
    search.fill(order.number)
    search.press("Enter")
    results = page.locator("table.listing tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text(GUEST["full_name"])
    results.get_by_role("link", name=order.number).click()
    expect(page).to_have_url(re.compile(rf"/admin/orders/{order.pk}/$"))
    expect(page.locator(".order-admin")).to_contain_text(GUEST["full_name"])
    receipt = page.get_by_role("img", name="Receipt photo")
    expect(receipt).to_be_visible()
    assert receipt.evaluate("img => img.complete && img.naturalWidth") == 240

    # Verify the transfer.
    page.get_by_role("button", name="Verify payment").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Payment of {order.number} verified"
    )
    order.refresh_from_db()
    assert order.state == "paid"

    # Ship it.
    ship = page.locator("form", has=page.get_by_role("button", name="Mark shipped"))
    courier = ship.get_by_label("Courier")
    expect(courier).to_have_value("JNE REG")
    ship.get_by_label("Tracking number").fill("JNE0123456789")
    ship.get_by_role("button", name="Mark shipped").click()
    expect(page.locator(".messages")).to_contain_text(f"{order.number} marked shipped")
    expect(page.locator(".order-admin")).to_contain_text("JNE0123456789")
    order.refresh_from_db()
    assert order.state == "shipped"
    assert order.tracking_number == "JNE0123456789"
    assert list(order.events.values_list("to_state", flat=True)) == [
        "awaiting_payment",
        "payment_submitted",
        "paid",
        "shipped",
    ]

    # The mail: three messages to the guest, two to the shop, each once.
    total = "Rp " + f"{order.total:,}".replace(",", ".")
    assert sorted(m.subject for m in messages_to(GUEST["email"])) == sorted(
        [
            f"Order {order.number}: please transfer {total}",
            f"Payment received for order {order.number}",
            f"Order {order.number} is on its way",
        ]
    )
    assert sorted(m.subject for m in messages_to("toko@songket.test")) == sorted(
        [
            f"Pesanan baru {order.number}: {total}",
            f"Konfirmasi pembayaran {order.number}: {total}",
        ]
    )
    assert len(mail.outbox) == 5
