"""Staff create and edit users in Wagtail's users admin."""

import pytest

from customers.models import User

pytestmark = pytest.mark.django_db


def test_staff_creates_a_user_with_full_name_and_phone(client, staff):
    client.force_login(staff)

    response = client.post(
        "/admin/users/new/",
        {
            "email": "Rina@Example.test",
            "full_name": "Rina Kartika",
            "phone": "0812 1111 2222",
            "password1": "kain-songket-99",
            "password2": "kain-songket-99",
        },
    )

    user = User.objects.get(email="rina@example.test")
    assert response.status_code == 302
    assert user.full_name == "Rina Kartika"
    assert user.phone == "+6281211112222"


def test_staff_changes_a_customers_name_and_phone(client, staff, customer):
    client.force_login(staff)

    form = client.get(f"/admin/users/edit/{customer.pk}/")
    assert customer.full_name in form.content.decode()

    client.post(
        f"/admin/users/edit/{customer.pk}/",
        {
            "email": customer.email,
            "full_name": "Nama Baru",
            "phone": "081299998888",
            "is_active": "on",
        },
    )

    customer.refresh_from_db()
    assert customer.full_name == "Nama Baru"
    assert customer.phone == "+6281299998888"


def test_a_phone_that_is_no_phone_is_refused_in_the_users_admin(client, staff):
    client.force_login(staff)

    response = client.post(
        "/admin/users/new/",
        {
            "email": "x@example.test",
            "full_name": "X",
            "phone": "12345",
            "password1": "kain-songket-99",
            "password2": "kain-songket-99",
        },
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.test").exists()
