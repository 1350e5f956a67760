"""A running sale and a public voucher for the demo shop."""

import logging
from datetime import timedelta

from django.utils import timezone

from promotions.models import Sale, Voucher
from promotions.welcome import end_of_day
from shop.models import ProductIndexPage

logger = logging.getLogger(__name__)

SALE_NAME = "Pesta Tenun Palembang"
VOUCHER_CODE = "KAINBARU"


def load_subscribers():
    """Every third demo customer opted in to the newsletter at sign-up."""
    from customers.models import User
    from promotions.identity import email_key
    from promotions.models import Subscriber

    if Subscriber.objects.exists():
        return 0
    customers = User.objects.filter(
        email__startswith="pelanggan", email__endswith="@contoh.id"
    ).order_by("pk")
    chosen = list(customers)[::3]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=user.email,
            email_key=email_key(user.email),
            user=user,
            language=user.language,
            status=Subscriber.Status.SUBSCRIBED,
            source=Subscriber.Source.SIGNUP,
            page="/account/signup/",
            consented_at=user.date_joined,
        )
        for user in chosen
    )
    logger.info("Demo subscribers: %s", len(chosen))
    return len(chosen)


def load_promotions():
    """A fortnight's 15% sale on songket, and a code for 5% off batik."""
    now = timezone.now()
    sale, created = Sale.objects.get_or_create(
        name=SALE_NAME,
        defaults={
            "kind": Sale.Kind.PERCENT,
            "value": 15,
            "starts_at": now - timedelta(days=1),
            "ends_at": end_of_day(now + timedelta(days=14)),
        },
    )
    if created:
        sale.categories.set(ProductIndexPage.objects.filter(slug="songket"))
        logger.info("Demo sale %s made", sale.pk)
    voucher, created = Voucher.objects.get_or_create(
        code=VOUCHER_CODE,
        defaults={
            "name": "Batik baru",
            "kind": Voucher.Kind.PERCENT,
            "value": 5,
            "max_discount": 75_000,
            "min_subtotal": 300_000,
            "max_uses_per_customer": 1,
        },
    )
    if created:
        voucher.categories.set(ProductIndexPage.objects.filter(slug="batik-palembang"))
    return sale, voucher
