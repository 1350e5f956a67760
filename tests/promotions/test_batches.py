"""Personal vouchers and batches: unique codes, one mail each, CSV."""

import csv
import io

import pytest
from django.core import mail

from promotions import batches
from promotions.batches import (
    Terms,
    batch_csv,
    create_unique_voucher,
    get_customers,
    issue_batch,
    issue_personal_voucher,
    mail_batch,
)
from promotions.models import Voucher
from promotions.vouchers import VoucherNotApplicable, check_voucher
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEN_PERCENT = Terms(
    kind=Voucher.Kind.PERCENT,
    value=10,
    max_discount=100_000,
    min_subtotal=500_000,
    valid_days=14,
)


def test_personal_voucher_is_mailed_once_to_its_owner(
    customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        voucher = issue_personal_voucher(customer, TEN_PERCENT)

    assert [message.to for message in mail.outbox] == [[customer.email]]
    assert voucher.code in mail.outbox[0].body
    assert voucher.owner == customer
    assert voucher.max_uses == 1
    assert voucher.code.startswith("KHUSUS-")


def test_personal_voucher_mailed_again_sends_nothing(
    customer, django_capture_on_commit_callbacks
):
    from promotions.emails import send_voucher

    with django_capture_on_commit_callbacks(execute=True):
        voucher = issue_personal_voucher(customer, TEN_PERCENT)
        send_voucher(voucher, customer)

    assert len(mail.outbox) == 1


def test_personal_voucher_can_be_used_by_its_owner_only(customer):
    voucher = issue_personal_voucher(customer, TEN_PERCENT)
    stranger = UserFactory()

    check_voucher(voucher, user=customer, email=customer.email)
    with pytest.raises(VoucherNotApplicable) as refused:
        check_voucher(voucher, user=stranger, email=stranger.email)

    assert refused.value.code == "not_yours"


def test_voucher_ends_at_the_end_of_the_last_day_in_jakarta(customer):
    from django.utils import timezone

    voucher = issue_personal_voucher(customer, TEN_PERCENT)

    ends = timezone.localtime(voucher.ends_at)
    assert (ends.hour, ends.minute, ends.second) == (23, 59, 59)
    assert (ends.date() - timezone.localdate()).days == 14


def test_batch_of_fifty_has_fifty_unique_codes_and_csv_rows(db):
    vouchers = issue_batch("pameran-2025", TEN_PERCENT, 50, prefix="PAMERAN")

    rows = list(csv.reader(io.StringIO(batch_csv(vouchers))))
    codes = {voucher.code for voucher in vouchers}
    assert len(codes) == 50
    assert Voucher.objects.filter(batch="pameran-2025").count() == 50
    assert rows[0] == ["code", "value", "ends"]
    assert len(rows) == 51
    assert {row[0] for row in rows[1:]} == codes
    assert {row[1] for row in rows[1:]} == {"10%"}


def test_batch_mailed_to_three_customers_sends_one_mail_each(
    django_capture_on_commit_callbacks,
):
    customers = UserFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=True):
        vouchers = mail_batch("lebaran", TEN_PERCENT, customers, prefix="LEBARAN")

    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in customers)
    assert [v.owner for v in vouchers] == customers
    assert len({v.code for v in vouchers}) == 3


def test_a_code_collision_is_retried(db, monkeypatch):
    codes = iter(["PROMO-AAAAAA", "PROMO-AAAAAA", "PROMO-BBBBBB"])
    monkeypatch.setattr(batches, "new_code", lambda prefix: next(codes))

    first = create_unique_voucher("PROMO", kind=Voucher.Kind.FIXED, value=1)
    second = create_unique_voucher("PROMO", kind=Voucher.Kind.FIXED, value=1)

    assert (first.code, second.code) == ("PROMO-AAAAAA", "PROMO-BBBBBB")


def test_no_free_code_gives_up(db, monkeypatch):
    monkeypatch.setattr(batches, "new_code", lambda prefix: "PROMO-AAAAAA")
    create_unique_voucher("PROMO", kind=Voucher.Kind.FIXED, value=1)

    with pytest.raises(batches.CodeSpaceExhausted):
        create_unique_voucher("PROMO", kind=Voucher.Kind.FIXED, value=1)


def test_free_shipping_voucher_has_no_value(db):
    terms = Terms(kind=Voucher.Kind.FREE_SHIPPING, value=25)

    (voucher,) = issue_batch("ongkir", terms, 1, prefix="ONGKIR")

    assert voucher.value == 0
    assert "free shipping" in batch_csv([voucher])


def test_pasted_addresses_find_customers_whatever_the_case(db):
    siti = UserFactory(email="siti@example.test")

    found, missing = get_customers("emails", ["SITI@example.test", "nobody@x.test"])

    assert found == [siti]
    assert missing == ["nobody@x.test"]


def test_customers_who_ordered_are_those_with_a_live_order(songket, medan):
    from shop.checkout import Customer, place_order
    from tests.factories import variant

    buyer, idle = UserFactory(), UserFactory()
    UserFactory(is_staff=True)
    place_order(
        items={variant(songket).pk: 1},
        customer=Customer(
            full_name=buyer.full_name,
            email=buyer.email,
            phone="+6281234567890",
            street="Jl. Sudirman No. 12",
            city="Medan",
        ),
        rate_id=medan.pk,
        token="t1",
        user=buyer,
    )

    assert get_customers("ordered") == ([buyer], [])
    assert get_customers("all") == ([buyer, idle], [])
