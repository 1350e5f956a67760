"""Customers in the Wagtail admin: a list Shop managers and Marketing
search by name, email or phone and filter by segment, and a page per
customer with their timeline. Wagtail's own Users admin still edits a
user; this user model keeps one ``full_name`` instead of first and last
names, which its search does not read."""

from wagtail import hooks

from .admin.customers import CustomerViewSet


@hooks.register("register_admin_viewset")
def register_customer_viewset():
    return CustomerViewSet("customer_list", url_prefix="customers")
