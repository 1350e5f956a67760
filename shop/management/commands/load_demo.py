"""Build the demo shop: pages, catalogue, stories, rates, settings, staff."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from promotions.models import Announcement
from shop.demo import (
    catalogue,
    history,
    promotions,
    shipping,
    site,
    staff,
    stories,
)
from shop.models import ProductVariant

logger = logging.getLogger(__name__)

ADMIN_URL = f"http://{site.HOSTNAME}:{site.PORT}/admin/"


class Command(BaseCommand):
    help = (
        "Build the demo songket shop from nothing; running it again adds only "
        "what is missing and gives the staff accounts new passwords."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        newest = Announcement.objects.aggregate(pk=Max("pk"))["pk"] or 0
        with transaction.atomic():
            counts = self.build()
            # Publishing the catalogue offers a draft per product; the
            # demo shop starts without them.
            Announcement.objects.filter(pk__gt=newest).delete()
            passwords = staff.load_staff()
            made = history.load_history()
            promotions.load_subscribers()
        counts["seconds"] = time.monotonic() - started
        self.print_summary(counts)
        self.print_history(made)
        self.print_passwords(passwords)

    def build(self):
        """Make everything but the staff; returns what the shop now holds."""
        home = site.load_home()
        site.load_standard_pages(home)
        products = catalogue.load_catalogue(home)
        site.feature_products(home, products)
        story_pages = stories.load_stories(home, products)
        cities = shipping.load_rates()
        site.load_settings()
        promotions.load_promotions()
        return {
            "products": len(products),
            "variants": ProductVariant.objects.filter(
                page__in=[p.pk for p in products.values()]
            ).count(),
            "stories": len(story_pages),
            "cities": cities,
        }

    def print_summary(self, counts):
        self.stdout.write(
            self.style.SUCCESS(
                "Demo shop ready in {seconds:.1f} s: {products} products, "
                "{variants} variants, {stories} stories, shipping to {cities} "
                "cities.".format(**counts)
            )
        )

    def print_history(self, made):
        if not made.orders:
            self.stdout.write("Demo customers and orders were made before.")
            return
        self.stdout.write(
            f"{made.customers} customers and {made.orders} orders with "
            f"{made.lines} lines made in {made.seconds:.1f} s."
        )

    def print_passwords(self, passwords):
        lines = ["", "Staff sign-in at " + ADMIN_URL]
        lines += [f"  {email:<26} {password}" for email, password in passwords.items()]
        lines.append("These passwords change every time load_demo runs.")
        self.stdout.write("\n".join(lines))
