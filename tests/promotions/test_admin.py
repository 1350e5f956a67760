"""Promotions in the Wagtail admin: vouchers and what they gave, issuing
and batches, sales, points, and who may open them."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from promotions.models import PointsEntry, Voucher
from promotions.points import adjust, get_balance
from shop import orders
from shop.checkout import Customer, place_order
from shop.templatetags.money import format_rupiah
from tests.factories import UserFactory, variant

pytestmark = pytest.mark.django_db

VOUCHERS = reverse("vouchers:index")


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def marketer(client):
    user = member_of("Marketing")
    client.force_login(user)
    return user


def buyer(email):
    return Customer(
        full_name="Siti Aminah",
        email=email,
        phone="+6281234567890",
        street="Jl. Sudirman No. 12",
        city="Medan",
    )


def order_with(voucher, songket, medan, n):
    return place_order(
        items={variant(songket).pk: 1},
        customer=buyer(f"pembeli{n}@example.test"),
        rate_id=medan.pk,
        token=f"t{n}",
        voucher_code=voucher.code,
    )


@pytest.fixture
def hemat(db):
    """Rp 100.000 off, for anyone, ten uses."""
    return Voucher.objects.create(
        code="HEMAT100", kind=Voucher.Kind.FIXED, value=100_000, max_uses=10
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_voucher_list_counts_active_uses_and_rupiah_given(
    client, marketer, staff, hemat, songket, medan
):
    order_with(hemat, songket, medan, 1)
    cancelled = order_with(hemat, songket, medan, 2)
    orders.cancel(cancelled, actor=staff)

    response = client.get(VOUCHERS)

    (row,) = response.context["object_list"]
    assert (row.use_count, row.given) == (1, 100_000)
    assert "1 / 10" in response.content.decode()
    assert format_rupiah(100_000) in response.content.decode()


def test_voucher_list_queries_do_not_grow_with_vouchers(client, marketer, hemat):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(VOUCHERS).status_code == 200
        return len(queries)

    few = count_queries()
    for n in range(5):
        Voucher.objects.create(code=f"LAGI{n}", kind=Voucher.Kind.FIXED, value=1)

    assert count_queries() == few


@pytest.mark.parametrize(
    ("query", "found"),
    [({"q": "hemat"}, ["HEMAT100"]), ({"kind": "percent"}, ["DISKON10"])],
)
def test_voucher_list_is_searched_by_code_and_filtered(
    client, marketer, hemat, query, found
):
    Voucher.objects.create(code="DISKON10", kind=Voucher.Kind.PERCENT, value=10)

    response = client.get(VOUCHERS, query)

    assert [v.code for v in response.context["object_list"]] == found


def test_voucher_page_lists_its_uses_and_returns(
    client, marketer, staff, hemat, songket, medan
):
    kept = order_with(hemat, songket, medan, 1)
    cancelled = order_with(hemat, songket, medan, 2)
    orders.cancel(cancelled, actor=staff)

    response = client.get(reverse("vouchers:inspect", args=[hemat.pk]))

    html = response.content.decode()
    assert kept.number in html
    assert cancelled.number in html
    assert html.count("returned") >= 1


def test_voucher_forms_open(client, marketer, hemat):
    assert client.get(reverse("vouchers:add")).status_code == 200
    assert client.get(reverse("vouchers:edit", args=[hemat.pk])).status_code == 200


def test_a_used_voucher_cannot_be_deleted(client, marketer, hemat, songket, medan):
    order_with(hemat, songket, medan, 1)

    response = client.post(reverse("vouchers:delete", args=[hemat.pk]), follow=True)

    assert Voucher.objects.filter(pk=hemat.pk).exists()
    assert any("switch it off" in m for m in messages_of(response))


def test_marketing_issues_a_personal_voucher_that_is_mailed_once(
    client, marketer, customer, django_capture_on_commit_callbacks
):
    data = {
        "customer": customer.pk,
        "kind": "fixed",
        "value": 50_000,
        "min_subtotal": 0,
        "valid_days": 7,
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("vouchers:issue"), data)

    voucher = Voucher.objects.get(owner=customer)
    assert response.status_code == 302
    assert (voucher.max_uses, voucher.value) == (1, 50_000)
    assert [m.to for m in mail.outbox] == [[customer.email]]


def test_a_percentage_above_100_is_refused(client, marketer, customer):
    data = {"customer": customer.pk, "kind": "percent", "value": 150, "valid_days": 7}

    response = client.post(reverse("vouchers:issue"), data)

    assert response.status_code == 200
    assert "value" in response.context["form"].errors
    assert not Voucher.objects.exists()


def batch_data(**fields):
    return {
        "batch": "pameran-2025",
        "prefix": "pameran",
        "kind": "percent",
        "value": 10,
        "valid_days": 30,
        **fields,
    }


def test_batch_download_has_one_row_per_code(client, marketer):
    response = client.post(
        reverse("vouchers:batch"), batch_data(delivery="csv", count=50)
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    assert len(rows) == 51
    assert len({row[0] for row in rows[1:]}) == 50
    assert all(row[0].startswith("PAMERAN-") for row in rows[1:])


def test_batch_mailed_to_pasted_addresses_sends_one_mail_each(
    client, marketer, django_capture_on_commit_callbacks
):
    customers = UserFactory.create_batch(3)
    emails = "\n".join(c.email.upper() for c in customers)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("vouchers:batch"),
            batch_data(delivery="mail", audience="emails", emails=emails),
        )

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in customers)
    owned = Voucher.objects.filter(batch="pameran-2025", owner__isnull=False)
    assert owned.count() == 3


def test_batch_to_an_unknown_address_is_refused(client, marketer):
    response = client.post(
        reverse("vouchers:batch"),
        batch_data(delivery="mail", audience="emails", emails="siapa@example.test"),
    )

    assert "siapa@example.test" in str(response.context["form"].errors)
    assert not Voucher.objects.exists()


def test_batch_name_already_used_is_refused(client, marketer, hemat):
    Voucher.objects.filter(pk=hemat.pk).update(batch="pameran-2025")

    response = client.post(
        reverse("vouchers:batch"), batch_data(delivery="csv", count=5)
    )

    assert "batch" in response.context["form"].errors


def test_sale_list_shows_lines_sold_and_revenue(
    client, marketer, songket, medan, staff
):
    from promotions.models import Sale

    now = timezone.now()
    sale = Sale.objects.create(
        name="Gebyar Songket",
        kind=Sale.Kind.PERCENT,
        value=20,
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
    )
    place_order(
        items={variant(songket).pk: 2},
        customer=buyer("a@example.test"),
        rate_id=medan.pk,
        token="s1",
    )
    cancelled = place_order(
        items={variant(songket).pk: 1},
        customer=buyer("b@example.test"),
        rate_id=medan.pk,
        token="s2",
    )
    orders.cancel(cancelled, actor=staff)

    response = client.get(reverse("sales:index"))

    (row,) = response.context["object_list"]
    assert row == sale
    assert (row.line_count, row.revenue) == (1, 2 * 1_400_000)
    assert "running" in response.content.decode()


def test_sale_form_says_times_are_jakarta_time(client, marketer):
    response = client.get(reverse("sales:add"))

    assert "Jakarta time" in response.content.decode()


def test_points_list_shows_balances_and_finds_by_email(client, marketer, customer):
    adjust(customer, 75, actor=None, note="Hadiah")
    UserFactory(email="lain@example.test")

    response = client.get(reverse("points:index"), {"q": customer.email[:9]})

    (row,) = response.context["object_list"]
    assert (row, row.balance) == (customer, 75)


def test_points_below_zero_are_refused_and_a_correction_is_kept(
    client, marketer, customer
):
    adjust(customer, 50, actor=None, note="Hadiah")
    url = reverse("points:ledger", args=[customer.pk])

    refused = client.post(url, {"points": -100, "note": "Salah hitung"})
    kept = client.post(url, {"points": 30, "note": "Kain rusak"})

    entry = PointsEntry.objects.filter(user=customer).first()
    assert refused.status_code == 200
    assert any("below zero" in m for m in messages_of(refused))
    assert kept.status_code == 302
    assert (entry.points, entry.note, entry.actor) == (30, "Kain rusak", marketer)
    assert get_balance(customer) == 80


def test_a_correction_needs_a_reason(client, marketer, customer):
    url = reverse("points:ledger", args=[customer.pk])

    response = client.post(url, {"points": 30, "note": ""})

    assert "note" in response.context["form"].errors
    assert get_balance(customer) == 0


def test_ledger_lists_entries_with_who(client, marketer, customer, staff):
    adjust(customer, 40, actor=staff, note="Kain rusak")

    response = client.get(reverse("points:ledger", args=[customer.pk]))

    assert "Kain rusak" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("vouchers:index"),
        reverse("vouchers:issue"),
        reverse("vouchers:batch"),
        reverse("sales:index"),
        reverse("points:index"),
    ],
)
def test_marketing_opens_promotions_and_editors_do_not(client, url):
    client.force_login(member_of("Marketing"))
    allowed = client.get(url)
    client.force_login(member_of("Editors"))
    refused = client.get(url)

    assert allowed.status_code == 200
    assert refused.status_code in (302, 403)


def test_shop_managers_see_vouchers_but_cannot_issue(client):
    client.force_login(member_of("Shop managers"))

    assert client.get(VOUCHERS).status_code == 200
    assert client.get(reverse("vouchers:issue")).status_code in (302, 403)


def test_customer_chooser_finds_a_customer(client, marketer, customer):
    response = client.get(
        reverse("customer_chooser:choose_results"), {"q": customer.email}
    )

    assert customer.email in response.content.decode()


def test_voucher_made_in_the_form_keeps_owner_and_coverage(
    client, marketer, customer, songket, category
):
    data = {
        "code": "kain baru",
        "kind": "percent",
        "value": 15,
        "min_subtotal": 0,
        "max_uses_per_customer": 1,
        "owner": customer.pk,
        "products": [songket.pk],
        "categories": [category.pk],
        "active": "on",
    }

    response = client.post(reverse("vouchers:add"), data)

    voucher = Voucher.objects.get(code="KAINBARU")
    assert response.status_code == 302
    assert voucher.owner == customer
    assert list(voucher.products.all()) == [songket.specific]
    assert list(voucher.categories.all()) == [category.specific]


def test_group_editor_offers_the_points_permissions(db):
    from wagtail import hooks

    offered = {
        permission.codename
        for hook in hooks.get_hooks("register_permissions")
        for permission in hook()
    }

    assert {"view_pointsentry", "add_pointsentry", "view_voucheruse"} <= offered
