"""Promotions: vouchers, timed sales, loyalty points and the welcome
voucher, with the settings Marketing edits in Wagtail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="tag")
class PromotionSettings(BaseSiteSetting):
    """Terms of the welcome voucher and of loyalty points."""

    welcome_percent = models.PositiveSmallIntegerField(
        _("welcome voucher, percent off"), default=10
    )
    welcome_max_discount = models.PositiveBigIntegerField(
        _("welcome voucher, largest discount (Rp)"), default=100_000
    )
    welcome_min_subtotal = models.PositiveBigIntegerField(
        _("welcome voucher, minimum order (Rp)"), default=500_000
    )
    welcome_valid_days = models.PositiveSmallIntegerField(
        _("welcome voucher, valid for days"), default=30
    )
    welcome_reminder_days = models.PositiveSmallIntegerField(
        _("welcome voucher, remind days before expiry"), default=5
    )
    rupiah_per_point = models.PositiveBigIntegerField(
        _("rupiah of goods paid per point earned"), default=10_000
    )
    point_value = models.PositiveBigIntegerField(
        _("rupiah value of one point"), default=100
    )
    max_points_share = models.PositiveSmallIntegerField(
        _("largest share of the goods paid with points (%)"), default=50
    )
    points_valid_months = models.PositiveSmallIntegerField(
        _("points expire after months"), default=12
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("welcome_percent"),
                FieldPanel("welcome_max_discount"),
                FieldPanel("welcome_min_subtotal"),
                FieldPanel("welcome_valid_days"),
                FieldPanel("welcome_reminder_days"),
            ],
            heading=_("Welcome voucher"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("rupiah_per_point"),
                FieldPanel("point_value"),
                FieldPanel("max_points_share"),
                FieldPanel("points_valid_months"),
            ],
            heading=_("Loyalty points"),
        ),
    ]

    class Meta:
        verbose_name = _("promotion settings")

    @classmethod
    def current(cls):
        """The settings of the default site, for work outside a request."""
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()


class Coverage(models.Model):
    """What a voucher or a sale applies to: chosen products or categories,
    or everything when neither is chosen."""

    products = models.ManyToManyField(
        "shop.ProductPage", blank=True, related_name="+", verbose_name=_("products")
    )
    categories = models.ManyToManyField(
        "shop.ProductIndexPage",
        blank=True,
        related_name="+",
        verbose_name=_("categories"),
    )

    class Meta:
        abstract = True


def keep_used_vouchers(collector, field, sub_objs, using):
    """A deleted account's personal vouchers go with it, except used ones:
    those stay, switched off and without owner, so their uses still count."""
    used = [voucher for voucher in sub_objs if voucher.uses.exists()]
    unused = [voucher for voucher in sub_objs if voucher not in used]
    if unused:
        models.CASCADE(collector, field, unused, using)
    if used:
        collector.add_field_update(field, None, used)
        collector.add_field_update(Voucher._meta.get_field("active"), False, used)


class Voucher(Coverage):
    """A code that takes money off an order."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("percentage off")
        FIXED = "fixed", _("rupiah off")
        FREE_SHIPPING = "free_shipping", _("free shipping")

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("Letters and digits")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.PositiveBigIntegerField(
        _("value"), default=0, help_text=_("Percent, or rupiah for a fixed voucher")
    )
    max_discount = models.PositiveBigIntegerField(
        _("largest discount (Rp)"), null=True, blank=True
    )
    min_subtotal = models.PositiveBigIntegerField(_("minimum order (Rp)"), default=0)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    max_uses = models.PositiveIntegerField(_("uses in all"), null=True, blank=True)
    max_uses_per_customer = models.PositiveIntegerField(
        _("uses per customer"), null=True, blank=True, default=1
    )
    budget = models.PositiveBigIntegerField(
        _("budget (Rp)"),
        null=True,
        blank=True,
        help_text=_("The voucher stops once its discounts reach this amount."),
    )
    applies_to_sale_items = models.BooleanField(
        _("also on lines already on sale"), default=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("only for this customer"),
        null=True,
        blank=True,
        on_delete=keep_used_vouchers,
        related_name="vouchers",
    )
    first_order_only = models.BooleanField(_("first order only"), default=False)
    active = models.BooleanField(_("active"), default=True)
    batch = models.CharField(_("batch"), max_length=60, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)


def normalise_code(code):
    """Voucher codes are compared in upper case without spaces."""
    return "".join((code or "").split()).upper()


class VoucherUse(models.Model):
    """A voucher used by one order; given back if the order is cancelled."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="uses")
    order = models.OneToOneField(
        "shop.Order", on_delete=models.CASCADE, related_name="voucher_use"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    email_key = models.CharField(max_length=254, db_index=True)
    discount = models.PositiveBigIntegerField(_("discount"))
    shipping_discount = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.voucher.code} on {self.order_id}"


class Sale(Coverage):
    """A timed sale: a percentage or rupiah off the covered products."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("percentage off")
        FIXED = "fixed", _("rupiah off")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.PositiveBigIntegerField(_("value"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("sale")
        verbose_name_plural = _("sales")

    def __str__(self):
        return self.name


class PointsEntry(models.Model):
    """One line of a customer's points ledger."""

    class Kind(models.TextChoices):
        EARN = "earn", _("earned")
        SPEND = "spend", _("spent")
        RETURN = "return", _("returned")
        EXPIRE = "expire", _("expired")
        ADJUST = "adjust", _("adjusted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    points = models.IntegerField(_("points"))
    order = models.ForeignKey(
        "shop.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="points_entries",
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    expired = models.BooleanField(default=False)
    reminded = models.BooleanField(default=False)
    note = models.CharField(_("note"), max_length=250, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        constraints = [
            # An order earns, spends and returns at most once each.
            models.UniqueConstraint(
                fields=["order", "kind"],
                condition=models.Q(kind__in=["earn", "spend", "return"]),
                name="one_points_entry_per_order_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.points:+d} ({self.kind})"


class WelcomeClaim(models.Model):
    """An email address that asked for the welcome voucher, kept for ever
    (by its normalised key) so that it gets one voucher only."""

    email_key = models.CharField(max_length=254, unique=True)
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    phone = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=8, default="id")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    voucher = models.OneToOneField(
        Voucher, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.email
