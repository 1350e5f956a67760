"""Real concurrent checkouts on PostgreSQL: stock is locked, never sold
twice, never below zero, and one checkout makes one order."""

import threading

import pytest
from django.db import connection

from shop.checkout import Customer, new_checkout_token, place_order
from shop.models import Order, StockLevel, StockMovement
from shop.stock import OutOfStock, set_initial_stock
from tests.factories import variant

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only real on PostgreSQL")


def buyer(number):
    return Customer(
        full_name=f"Pembeli {number}",
        email=f"pembeli{number}@example.test",
        phone="+6281234567890",
        street="Jl. Merdeka No. 1",
        city="Medan",
    )


def race(count, job):
    """Run ``job(i)`` in ``count`` threads released at once; return results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            results[index] = job(index)
        except Exception as error:  # noqa: BLE001 - the result under test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def buy(items, rate, token=None, number=0):
    return place_order(
        items=items,
        customer=buyer(number),
        rate_id=rate.pk,
        token=token or new_checkout_token(),
    )


def stock(page):
    return StockLevel.objects.get(variant=variant(page)).quantity


def outcome(results):
    orders = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, OutOfStock)]
    other = [r for r in results if not isinstance(r, (Order, OutOfStock))]
    return orders, refused, other


def test_two_buyers_racing_for_the_last_unit_make_one_order(songket, medan):
    set_initial_stock(variant(songket), 1)
    items = {variant(songket).pk: 1}

    orders, refused, other = outcome(race(2, lambda i: buy(items, medan, number=i)))

    assert other == []
    assert (len(orders), len(refused)) == (1, 1)
    assert refused[0].available == 0
    assert Order.objects.count() == 1
    assert stock(songket) == 0


def test_ten_buyers_for_five_units_make_five_orders(songket, medan):
    items = {variant(songket).pk: 1}

    orders, refused, other = outcome(race(10, lambda i: buy(items, medan, number=i)))

    assert other == []
    assert (len(orders), len(refused)) == (5, 5)
    assert Order.objects.count() == 5
    assert stock(songket) == 0
    sold = StockMovement.objects.filter(reason="order")
    assert sorted(sold.values_list("quantity_after", flat=True)) == [0, 1, 2, 3, 4]


def test_buyers_of_two_units_each_never_take_stock_below_zero(songket, medan):
    items = {variant(songket).pk: 2}

    orders, refused, other = outcome(race(6, lambda i: buy(items, medan, number=i)))

    assert other == []
    assert (len(orders), len(refused)) == (2, 4)
    assert stock(songket) == 1


def test_buyers_of_two_products_in_either_order_do_not_deadlock(songket, batik, medan):
    forward = {variant(songket).pk: 1, variant(batik).pk: 1}
    backward = dict(reversed(list(forward.items())))

    orders, refused, other = outcome(
        race(8, lambda i: buy(forward if i % 2 else backward, medan, number=i))
    )

    assert other == []
    assert (len(orders), len(refused)) == (5, 3)
    assert (stock(songket), stock(batik)) == (0, 5)


def test_same_checkout_submitted_at_once_makes_one_order(songket, medan):
    token = new_checkout_token()
    items = {variant(songket).pk: 2}

    results = race(4, lambda i: buy(items, medan, token=token))

    assert all(isinstance(result, Order) for result in results), results
    assert len({result.pk for result in results}) == 1
    assert Order.objects.count() == 1
    assert stock(songket) == 3


def test_orders_for_different_products_at_once_get_different_codes(
    category, medan, monkeypatch
):
    from tests.factories import make_product

    pages = [
        make_product(category, f"Kain Tajung {i}", [(f"KT-{i}", 600_000, 500, 1)])
        for i in range(6)
    ]
    # Every checkout first tries the same code, so they must collide.
    monkeypatch.setattr("shop.checkout.secrets.choice", lambda free: free[0])

    results = race(6, lambda i: buy({variant(pages[i]).pk: 1}, medan, number=i))

    assert all(isinstance(result, Order) for result in results), results
    codes = list(Order.objects.values_list("unique_code", flat=True))
    assert len(codes) == 6
    assert len(set(codes)) == 6
