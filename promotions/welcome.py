"""The welcome voucher: one per mailbox, ever, after the address is
confirmed by a link."""

import logging
import secrets
from datetime import datetime, time, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .emails import send_confirm_email, send_voucher
from .identity import email_key
from .models import PromotionSettings, Voucher, WelcomeClaim

logger = logging.getLogger(__name__)

SALT = "promotions.confirm-email"
CONFIRM_DAYS = 7


def confirm_link(user):
    from django.conf import settings

    token = signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "customers:confirm_email", args=[token]
    )


def start(user):
    """Ask a new customer to confirm their address; the voucher follows."""
    key = email_key(user.email)
    try:
        with transaction.atomic():
            WelcomeClaim.objects.create(
                email_key=key,
                email=user.email,
                full_name=user.full_name,
                phone=user.phone,
                language=user.language,
            )
    except IntegrityError:
        logger.info("Customer %s signed up with an address already welcomed", user.pk)
    send_confirm_email(user, confirm_link(user))


def read_token(token):
    """The user id and address a confirmation link was made for, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=CONFIRM_DAYS))
    except signing.BadSignature:
        return None
    return data.get("u"), data.get("e")


def end_of_day(moment):
    """23:59:59 of that day in Jakarta."""
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(local.date(), time(23, 59, 59)))


def new_code(prefix="SELAMAT"):
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return prefix + "-" + "".join(secrets.choice(alphabet) for _ in range(6))


@transaction.atomic
def confirm(user):
    """Mark the address confirmed and issue its welcome voucher, once."""
    key = email_key(user.email)
    claim, _created = WelcomeClaim.objects.select_for_update().get_or_create(
        email_key=key,
        defaults={"email": user.email, "full_name": user.full_name},
    )
    if claim.confirmed_at is None:
        claim.confirmed_at = timezone.now()
    if claim.issued_at is not None:
        # This mailbox had its voucher, perhaps under a deleted account.
        claim.save()
        return None
    voucher = issue_welcome_voucher(user)
    claim.voucher = voucher
    claim.issued_at = timezone.now()
    claim.save()
    send_voucher(voucher, user, kind="welcome_voucher")
    logger.info("Welcome voucher %s issued to customer %s", voucher.pk, user.pk)
    return voucher


def issue_welcome_voucher(user):
    terms = PromotionSettings.current()
    ends = end_of_day(timezone.now() + timedelta(days=terms.welcome_valid_days))
    return Voucher.objects.create(
        code=new_code(),
        name="Welcome",
        kind=Voucher.Kind.PERCENT,
        value=terms.welcome_percent,
        max_discount=terms.welcome_max_discount,
        min_subtotal=terms.welcome_min_subtotal,
        starts_at=timezone.now(),
        ends_at=ends,
        max_uses=1,
        max_uses_per_customer=1,
        owner=user,
        batch="welcome",
    )
