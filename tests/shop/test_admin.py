"""The staff side in the Wagtail admin: orders, their steps, stock, groups."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from shop.admin.orders import parse_amount, phone_fragment
from shop.checkout import Customer, place_order
from shop.models import Order, OrderState, StockLevel, StockMovement
from shop.templatetags.money import format_rupiah
from tests.factories import ShippingRateFactory, UserFactory, variant

pytestmark = pytest.mark.django_db

ORDERS = reverse("orders:index")


@pytest.fixture
def order(songket, batik, medan):
    """Two songket and a batik to Medan: Rp 3.979.000 plus the unique code."""
    return place_order(
        items={variant(songket).pk: 2, variant(batik).pk: 1},
        customer=Customer(
            full_name="Siti Aminah",
            email="siti@example.test",
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city="Medan",
        ),
        rate_id=medan.pk,
        token="t1",
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def detail_url(order):
    return reverse("orders:inspect", args=[order.pk])


def step(client, order, name, **data):
    url = reverse("orders:step", args=[order.pk, name])
    return client.post(url, {f"{name}-{key}": value for key, value in data.items()})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("3.979.437", 3_979_437),
        ("3979437", 3_979_437),
        ("Rp 3.979.437", 3_979_437),
        ("Rp3.979.437,00", 3_979_437),
        ("IDR 3,979,437.00", 3_979_437),
        ("Siti", None),
        ("", None),
    ],
)
def test_amount_is_read_as_a_bank_statement_writes_it(text, amount):
    assert parse_amount(text) == amount


def test_phone_typed_with_a_leading_zero_is_searched_as_plus_62():
    assert phone_fragment("0812-3456") == "+628123456"
    assert phone_fragment("Siti") is None


def test_order_list_shows_number_total_and_state(staff_client, order):
    response = staff_client.get(ORDERS)

    html = response.content.decode()
    assert response.status_code == 200
    assert order.number in html
    assert format_rupiah(order.total) in html
    assert "Medan" in html


@pytest.mark.parametrize(
    "query",
    [
        lambda order: order.number,
        lambda order: "0812 3456 7890",
        lambda order: format_rupiah(order.total),
        lambda order: "siti@example",
    ],
    ids=["number", "phone", "amount", "email"],
)
def test_order_list_search_finds_the_order(staff_client, order, query):
    response = staff_client.get(ORDERS, {"q": query(order)})

    assert list(response.context["object_list"]) == [order]


def test_order_list_search_that_matches_nothing_is_empty(staff_client, order):
    response = staff_client.get(ORDERS, {"q": "0899 0000 1111"})

    assert list(response.context["object_list"]) == []


def test_find_by_amount_finds_only_open_orders(staff_client, order):
    amount = format_rupiah(order.total)

    found = staff_client.get(ORDERS, {"amount": amount})
    Order.objects.filter(pk=order.pk).update(state=OrderState.PAID)
    not_found = staff_client.get(ORDERS, {"amount": amount})

    assert list(found.context["object_list"]) == [order]
    assert list(not_found.context["object_list"]) == []


def test_orders_cannot_be_added_edited_or_deleted(staff_client, order):
    html = staff_client.get(ORDERS).content.decode()

    assert "/admin/orders/new/" not in html
    assert staff_client.get(f"/admin/orders/edit/{order.pk}/").status_code == 404
    assert staff_client.get(f"/admin/orders/delete/{order.pk}/").status_code == 404


def test_order_page_shows_lines_totals_history_and_allowed_steps(staff_client, order):
    response = staff_client.get(detail_url(order))

    html = response.content.decode()
    assert response.status_code == 200
    assert "SGK-LEP-1" in html
    assert format_rupiah(order.total) in html
    assert "Jl. Sudirman No. 12" in html
    assert reverse("orders:step", args=[order.pk, "verify"]) in html
    assert reverse("orders:step", args=[order.pk, "cancel"]) in html
    assert reverse("orders:step", args=[order.pk, "ship"]) not in html


def test_verify_makes_the_order_paid_and_mails_the_customer(
    staff_client, staff, order, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = step(staff_client, order, "verify")

    order.refresh_from_db()
    assert response.status_code == 302
    assert response.url == detail_url(order)
    assert order.state == OrderState.PAID
    assert order.events.last().actor == staff
    assert [message.to for message in mail.outbox] == [["siti@example.test"]]


def test_reject_without_a_reason_is_refused_and_changes_nothing(staff_client, order):
    Order.objects.filter(pk=order.pk).update(state=OrderState.PAYMENT_SUBMITTED)

    response = step(staff_client, order, "reject", reason="")

    order.refresh_from_db()
    assert order.state == OrderState.PAYMENT_SUBMITTED
    assert messages_of(staff_client.get(response.url))


def test_ship_saves_the_tracking_number_and_mails_the_customer(
    staff_client, order, django_capture_on_commit_callbacks
):
    Order.objects.filter(pk=order.pk).update(state=OrderState.PAID)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        step(staff_client, order, "ship", courier="JNE REG", tracking_number="JN123")

    order.refresh_from_db()
    assert order.state == OrderState.SHIPPED
    assert order.tracking_number == "JN123"
    assert order.shipped_with == "JNE REG"
    assert len(mail.outbox) == 1


def test_ship_without_a_tracking_number_is_refused(staff_client, order):
    Order.objects.filter(pk=order.pk).update(state=OrderState.PAID)

    step(staff_client, order, "ship", courier="JNE", tracking_number="")

    order.refresh_from_db()
    assert order.state == OrderState.PAID


def test_a_step_not_allowed_now_is_refused_with_a_message(staff_client, order):
    response = step(staff_client, order, "ship", courier="JNE", tracking_number="X1")

    order.refresh_from_db()
    page = staff_client.get(response.url)
    assert response.status_code == 302
    assert order.state == OrderState.AWAITING_PAYMENT
    assert any("cannot" in message for message in messages_of(page))


def test_an_unknown_step_is_refused_with_a_message(staff_client, order):
    response = step(staff_client, order, "teleport")

    order.refresh_from_db()
    assert response.status_code == 302
    assert order.state == OrderState.AWAITING_PAYMENT


def test_a_step_cannot_be_taken_with_get(staff_client, order):
    response = staff_client.get(reverse("orders:step", args=[order.pk, "verify"]))

    assert response.status_code == 405


def test_cancel_gives_the_stock_back(staff_client, order, songket):
    step(staff_client, order, "cancel", reason="Customer asked")

    order.refresh_from_db()
    assert order.state == OrderState.CANCELLED
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 5


def test_shop_manager_sees_orders_and_can_take_steps(client, order):
    client.force_login(member_of("Shop managers"))

    listing = client.get(ORDERS)
    step(client, order, "verify")

    order.refresh_from_db()
    assert listing.status_code == 200
    assert order.state == OrderState.PAID


@pytest.mark.parametrize("group_name", ["Editors"])
def test_editor_cannot_see_orders(client, order, group_name):
    client.force_login(member_of(group_name))

    listing = client.get(ORDERS)
    detail = client.get(detail_url(order))

    assert listing.status_code in (302, 403)
    assert detail.status_code in (302, 403)


def test_marketing_sees_orders_but_cannot_take_steps(client, order):
    client.force_login(member_of("Marketing"))

    listing = client.get(ORDERS)
    response = step(client, order, "verify")

    order.refresh_from_db()
    assert listing.status_code == 200
    assert response.status_code in (302, 403)
    assert response.url != detail_url(order)
    assert order.state == OrderState.AWAITING_PAYMENT


def test_groups_exist_with_admin_access():
    for name in ("Editors", "Shop managers", "Marketing"):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert "access_admin" in codenames


def test_shop_managers_group_has_the_shop_permissions():
    group = Group.objects.get(name="Shop managers")

    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {
        "view_order",
        "change_order",
        "add_shippingrate",
        "change_shippingrate",
        "delete_shippingrate",
        "view_stocklevel",
        "change_stocklevel",
        "add_stockmovement",
        "change_shopsettings",
    } <= codenames
    assert "delete_order" not in codenames


def test_editors_may_edit_pages_and_taxonomy_but_not_orders():
    group = Group.objects.get(name="Editors")

    codenames = set(group.permissions.values_list("codename", flat=True))
    page_codenames = set(
        group.page_permissions.values_list("permission__codename", flat=True)
    )
    collection_codenames = set(
        group.collection_permissions.values_list("permission__codename", flat=True)
    )

    assert {"add_motif", "change_technique", "delete_material"} <= codenames
    assert "view_order" not in codenames
    assert {"add_page", "change_page", "publish_page"} <= page_codenames
    assert {"add_image", "choose_image", "choose_document"} <= collection_codenames


def adjust(client, page, change, reason="restock", note=""):
    url = reverse("stock:adjust", args=[variant(page).pk])
    return client.post(url, {"change": change, "reason": reason, "note": note})


def test_stock_list_finds_a_variant_by_sku_or_title(staff_client, songket, batik):
    by_sku = staff_client.get(reverse("stock:index"), {"q": "SGK-LEP"})
    by_title = staff_client.get(reverse("stock:index"), {"q": "kembang"})

    assert [v.sku for v in by_sku.context["object_list"]] == ["SGK-LEP-1"]
    assert [v.sku for v in by_title.context["object_list"]] == ["BTK-KB-1"]


def test_stock_adjustment_adds_units_and_records_who_and_why(
    staff_client, staff, songket
):
    adjust(staff_client, songket, 5, reason="restock", note="From the loom")

    movement = StockMovement.objects.filter(variant=variant(songket)).first()
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 10
    assert movement.change == 5
    assert movement.reason == StockMovement.Reason.RESTOCK
    assert movement.note == "From the loom"
    assert movement.actor == staff


def test_stock_adjustment_below_zero_is_refused(staff_client, songket):
    response = adjust(staff_client, songket, -100, reason="damaged")

    assert response.status_code == 200
    assert response.context["form"].errors["change"]
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 5


def test_stock_adjustment_cannot_claim_an_order_as_its_reason(staff_client, songket):
    response = adjust(staff_client, songket, -1, reason="order")

    assert response.context["form"].errors["reason"]
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 5


def test_shop_manager_adjusts_stock_and_editor_cannot(client, songket):
    client.force_login(member_of("Editors"))
    refused = adjust(client, songket, 5)
    client.force_login(member_of("Shop managers"))
    allowed = adjust(client, songket, 5)

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 302
    assert StockLevel.objects.get(variant=variant(songket)).quantity == 10


def test_stock_movements_list_shows_the_ledger(staff_client, songket):
    adjust(staff_client, songket, 2, note="Recount")

    response = staff_client.get(reverse("stock:movements"))

    assert response.status_code == 200
    assert "Recount" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/shipping-rates/",
        "/admin/shipping-rates/new/",
        "/admin/shipping-rates/import/",
        "/admin/stock/",
        "/admin/snippets/shop/motif/",
        "/admin/snippets/shop/motif/add/",
    ],
)
def test_staff_admin_pages_load(staff_client, songket, medan, url):
    assert staff_client.get(url).status_code == 200


def test_shipping_rate_list_filters_by_courier(staff_client, medan):
    other = ShippingRateFactory(courier="TIKI", city="Jambi")

    response = staff_client.get("/admin/shipping-rates/", {"courier": "TIKI"})

    assert list(response.context["object_list"]) == [other]


@pytest.mark.parametrize("query", ["Siti Aminah", "0813 7777", "siti@"])
def test_customer_list_finds_a_customer_by_name_phone_or_email(staff_client, query):
    siti = UserFactory(
        full_name="Siti Aminah", email="siti@example.test", phone="+6281377778888"
    )
    UserFactory(full_name="Budi", email="budi@example.test", phone="+6289900001111")

    response = staff_client.get(reverse("customer_list:index"), {"q": query})

    assert list(response.context["object_list"]) == [siti]


def test_marketing_sees_customers_and_editors_do_not(client):
    client.force_login(member_of("Marketing"))
    seen = client.get(reverse("customer_list:index"))
    client.force_login(member_of("Editors"))
    refused = client.get(reverse("customer_list:index"))

    assert seen.status_code == 200
    assert refused.status_code in (302, 403)
