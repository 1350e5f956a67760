"""The customer list and customer page in the Wagtail admin."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from promotions.models import PointsEntry, Subscriber
from shop.models import OrderState
from tests.customers.test_segments import make_order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "customer_list:index"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def manager_client(client):
    client.force_login(member_of("Shop managers"))
    return client


@pytest.fixture
def siti():
    siti = UserFactory(
        full_name="Siti Aminah", email="siti@example.test", phone="+6281377778888"
    )
    make_order(siti, total=1_250_000, days_ago=40)
    make_order(siti, state=OrderState.SHIPPED, total=500_000, days_ago=5)
    make_order(siti, state=OrderState.CANCELLED, total=9_000_000, days_ago=2)
    PointsEntry.objects.create(user=siti, kind="adjust", points=125)
    return siti


def listed(response):
    return {user.email: user for user in response.context["object_list"]}


def test_the_list_shows_orders_spent_points_and_city(manager_client, siti):
    Subscriber.objects.create(
        email=siti.email, email_key=siti.email, user=siti, status="subscribed"
    )

    response = manager_client.get(reverse(LIST))

    row = listed(response)[siti.email]
    assert row.order_count == 2
    assert row.spent == 1_750_000
    assert row.points_balance == 125
    assert row.city == "Palembang"
    assert row.subscribed is True
    page = response.content.decode()
    assert "Rp 1.750.000" in page
    assert "Siti Aminah" in page


def test_a_customer_without_orders_shows_zeros(manager_client):
    budi = UserFactory(email="budi@example.test")

    row = listed(manager_client.get(reverse(LIST)))[budi.email]

    assert (row.order_count, row.spent, row.points_balance) == (0, 0, 0)
    assert row.last_order_at is None
    assert row.subscribed is False


@pytest.mark.parametrize("query", ["0813 7777", "0813-7777-8888", "+62813777"])
def test_search_by_phone_typed_the_local_way(manager_client, siti, query):
    UserFactory(full_name="Budi", email="budi@example.test", phone="+6289900001111")

    response = manager_client.get(reverse(LIST), {"q": query})

    assert set(listed(response)) == {siti.email}


def test_filter_by_segment(manager_client, siti):
    lapsed = UserFactory(email="lama@example.test")
    make_order(lapsed, days_ago=300)
    UserFactory(email="baru@example.test")

    active = manager_client.get(reverse(LIST), {"segment": "active"})
    gone = manager_client.get(reverse(LIST), {"segment": "lapsed"})
    new = manager_client.get(reverse(LIST), {"segment": "new"})

    assert set(listed(active)) == {siti.email}
    assert set(listed(gone)) == {lapsed.email}
    assert "baru@example.test" in listed(new)
    assert siti.email not in listed(new)


def test_filter_by_has_ordered_and_subscribed(manager_client, siti):
    reader = UserFactory(email="pembaca@example.test")
    Subscriber.objects.create(
        email=reader.email, email_key=reader.email, status="subscribed"
    )

    ordered = manager_client.get(reverse(LIST), {"has_ordered": "true"})
    subscribed = manager_client.get(reverse(LIST), {"subscribed": "true"})

    assert set(listed(ordered)) == {siti.email}
    assert set(listed(subscribed)) == {reader.email}


def test_ordering_by_spent_puts_the_biggest_spender_first(manager_client, siti):
    small = UserFactory()
    make_order(small, total=10_000)

    response = manager_client.get(reverse(LIST), {"ordering": "-spent"})

    emails = [user.email for user in response.context["object_list"]]
    assert emails[:2] == [siti.email, small.email]


def test_ordering_by_last_order_puts_customers_without_orders_last(
    manager_client, siti
):
    UserFactory(email="belum@example.test")

    response = manager_client.get(reverse(LIST), {"ordering": "-last_order_at"})

    emails = [user.email for user in response.context["object_list"]]
    assert emails[0] == siti.email
    assert emails[-1] != siti.email


@pytest.mark.parametrize(
    ("group", "allowed"),
    [("Shop managers", True), ("Marketing", True), ("Editors", False)],
)
def test_who_may_see_customers(client, siti, group, allowed):
    client.force_login(member_of(group))

    listing = client.get(reverse(LIST))
    page = client.get(reverse("customer_list:inspect", args=[siti.pk]))

    assert (listing.status_code == 200) is allowed
    assert (page.status_code == 200) is allowed


def test_the_customer_page_shows_details_segments_and_timeline(manager_client, siti):
    siti.addresses.create(
        recipient="Siti Aminah",
        phone="+6281377778888",
        street="Jl. Kebun Bunga 3",
        shipping_city="Palembang",
    )

    response = manager_client.get(reverse("customer_list:inspect", args=[siti.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Jl. Kebun Bunga 3" in page
    assert "Active: ordered in the last 90 days" in page
    assert "Signed up" in page
    assert "Rp 1.750.000" in page
    kinds = [event.kind for event in response.context["timeline"]]
    assert kinds[0] == "signup"
    assert "points_adjust" in kinds


def test_the_list_links_each_customer_to_their_page(manager_client, siti):
    response = manager_client.get(reverse(LIST))

    assert reverse("customer_list:inspect", args=[siti.pk]) in response.content.decode()


def make_customers(count):
    for n in range(count):
        customer = UserFactory()
        make_order(customer, total=100_000 * (n + 1))
        customer.addresses.create(
            recipient="X", phone="+628111", street="Jl. 1", shipping_city="Jambi"
        )
        PointsEntry.objects.create(user=customer, kind="adjust", points=n)


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_queries_for_5_or_50_customers(
    manager_client, django_assert_max_num_queries, count
):
    make_customers(count)
    manager_client.get(reverse(LIST))

    with django_assert_max_num_queries(14):
        response = manager_client.get(
            reverse(LIST), {"ordering": "-spent", "has_ordered": "true"}
        )

    assert len(response.context["object_list"]) == count
