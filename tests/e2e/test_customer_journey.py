"""A guest buys two songket and a batik, pays by transfer and confirms it."""

import re

import pytest

from .conftest import GUEST, messages_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_guest_orders_and_confirms_the_transfer(guest_journey, new_page):
    from playwright.sync_api import expect

    _, order = guest_journey()
    total = "Rp 3.979." + f"{order.total % 1000:03d}"

    customer = messages_to(GUEST["email"])
    assert [m.subject for m in customer] == [
        f"Order {order.number}: please transfer {total}"
    ]
    assert sorted(m.subject for m in messages_to("toko@songket.test")) == [
        f"Konfirmasi pembayaran {order.number}: {total}",
        f"Pesanan baru {order.number}: {total}",
    ]

    # The link in the mail opens the order on another device, without a session.
    link = re.search(r"/orders/[^/\s]+/\?key=[\w-]+", customer[0].body)
    assert link, customer[0].body
    elsewhere = new_page()
    elsewhere.goto(link.group(0))
    expect(elsewhere.get_by_role("heading", level=1)).to_contain_text(order.number)
    expect(elsewhere.locator("p.state")).to_have_text(
        re.compile("payment submitted", re.IGNORECASE)
    )
    response = elsewhere.goto(f"/orders/{order.number}/")
    assert response.status == 200
    stranger = new_page()
    response = stranger.goto(f"/orders/{order.number}/")
    assert response.status == 404
