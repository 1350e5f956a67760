"""Two checkouts at the same moment for the last use of a voucher or the same
points: one wins, the other is refused. Needs PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection

from promotions import points
from promotions.models import PointsEntry, Voucher, VoucherUse
from promotions.points import NotEnoughPoints
from promotions.vouchers import VoucherNotApplicable
from shop.checkout import Customer, new_checkout_token, place_order
from shop.models import Order
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")


@pytest.fixture(params=["same-product", "different-products"])
def two_pages(request, category):
    """What the two customers buy, each at Rp 1.000.000 with 50 in stock.

    With different products no stock row is shared, so only the voucher's
    or the account's lock can keep the two orders apart.
    """
    first = factories.make_product(
        category, "Songket Limar", [("SGK-LIM-1", 1_000_000, 1000, 50)]
    )
    if request.param == "same-product":
        return first, first
    second = factories.make_product(
        category, "Songket Tretes", [("SGK-TRE-1", 1_000_000, 1000, 50)]
    )
    return first, second


def race(*calls):
    """Run the calls at once in threads; return each result or exception."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the loser's refusal is kept
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def checkout_call(page, rate, email, user=None, **asked):
    token = new_checkout_token()

    def call():
        return place_order(
            items={factories.variant(page).pk: 1},
            customer=Customer(
                full_name="Pembeli",
                email=email,
                phone="+6281234567890",
                street="Jl. Sudirman 12",
                city=rate.city,
            ),
            rate_id=rate.pk,
            token=token,
            user=user,
            **asked,
        )

    return call


def test_two_orders_racing_for_the_last_voucher_use_leave_one_use(two_pages, medan):
    first, second = two_pages
    voucher = Voucher.objects.create(
        code="TERAKHIR", kind=Voucher.Kind.PERCENT, value=10, max_uses=1
    )

    results = race(
        checkout_call(first, medan, "satu@example.test", voucher_code="terakhir"),
        checkout_call(second, medan, "dua@example.test", voucher_code="terakhir"),
    )

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, VoucherNotApplicable)]
    assert len(placed) == 1, results
    assert [r.code for r in refused] == ["used_up"]
    assert Order.objects.count() == 1
    assert VoucherUse.objects.filter(voucher=voucher).count() == 1
    assert Order.objects.get().discount == 100_000


def test_two_checkouts_spending_the_same_points_spend_them_once(
    two_pages, medan, customer, staff
):
    first, second = two_pages
    points.adjust(customer, 100, actor=staff, note="Hadiah")

    results = race(
        checkout_call(first, medan, customer.email, user=customer, points=100),
        checkout_call(second, medan, customer.email, user=customer, points=100),
    )

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, NotEnoughPoints)]
    assert len(placed) == 1, results
    assert len(refused) == 1, results
    assert PointsEntry.objects.filter(kind="spend").count() == 1
    assert points.get_balance(customer) == 0
    assert placed[0].points_discount == 10_000
