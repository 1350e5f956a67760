"""Customers in the Wagtail admin: the list staff search and filter, and
one page per customer with their timeline. Registered in
``customers.wagtail_hooks``."""
