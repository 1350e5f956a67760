"""The account lists the personal vouchers a customer can still use."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promotions.models import Voucher, VoucherUse
from shop.checkout import Customer, place_order
from tests.factories import variant

pytestmark = pytest.mark.django_db


def voucher(owner, code, **extra):
    return Voucher.objects.create(
        code=code, kind=Voucher.Kind.PERCENT, value=10, owner=owner, max_uses=1, **extra
    )


def test_used_and_expired_vouchers_leave_the_account_page(
    client, customer, songket, medan
):
    voucher(customer, "MASIH-BISA")
    voucher(customer, "SUDAH-LEWAT", ends_at=timezone.now() - timedelta(days=1))
    used = voucher(customer, "SUDAH-DIPAKAI")
    order = place_order(
        items={variant(songket).pk: 1},
        customer=Customer("Siti", customer.email, "+6281234567890", "Jl. A", "Medan"),
        rate_id=medan.pk,
        token="t-voucher",
        user=customer,
        voucher_code=used.code,
    )
    assert VoucherUse.objects.filter(order=order).exists()
    client.force_login(customer)

    html = client.get(reverse("customers:account")).content.decode()

    assert "MASIH-BISA" in html
    assert "SUDAH-LEWAT" not in html
    assert "SUDAH-DIPAKAI" not in html
