"""Orders, their lines, their history and the customer's payment proof.

An order keeps a copy of every name, SKU and price it was placed with, so
that later edits to the catalogue never change what a customer bought.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from customers.storage import private_storage


class OrderState(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
    PAYMENT_SUBMITTED = "payment_submitted", _("payment submitted")
    PAID = "paid", _("paid")
    SHIPPED = "shipped", _("shipped")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")


OPEN_STATES = [OrderState.AWAITING_PAYMENT, OrderState.PAYMENT_SUBMITTED]


class Order(models.Model):
    """A customer's order, from placing to the customer's door."""

    number = models.CharField(_("order number"), max_length=20, unique=True)
    checkout_token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=OrderState.choices,
        default=OrderState.AWAITING_PAYMENT,
        db_index=True,
    )
    language = models.CharField(max_length=8, default="id")

    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    # The mailbox, whatever its spelling: see promotions.identity.email_key.
    email_key = models.CharField(max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=20)
    street = models.TextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province"), max_length=100)
    note = models.TextField(_("note to the shop"), blank=True)

    courier = models.CharField(_("courier"), max_length=40)
    service = models.CharField(_("service"), max_length=40)
    shipping_days = models.CharField(_("delivery days"), max_length=20, blank=True)
    price_per_kg = models.PositiveBigIntegerField(_("price per kg"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"))
    shipping_kg = models.PositiveIntegerField(_("charged weight (kg)"))

    subtotal = models.PositiveBigIntegerField(_("goods"))
    voucher_code = models.CharField(_("voucher"), max_length=40, blank=True)
    discount = models.PositiveBigIntegerField(_("discount"), default=0)
    shipping_cost = models.PositiveBigIntegerField(_("shipping"))
    shipping_discount = models.PositiveBigIntegerField(
        _("shipping discount"), default=0
    )
    points_used = models.PositiveIntegerField(_("points used"), default=0)
    points_discount = models.PositiveBigIntegerField(_("points redeemed"), default=0)
    unique_code = models.PositiveSmallIntegerField(_("unique code"))
    total = models.PositiveBigIntegerField(_("total to transfer"))

    payment_deadline = models.DateTimeField(_("pay before"))
    reminder_sent = models.BooleanField(default=False)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    shipped_with = models.CharField(_("shipped with"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            # One open order per unique code, so a transfer's amount names it.
            models.UniqueConstraint(
                fields=["unique_code"],
                condition=models.Q(state__in=OPEN_STATES),
                name="unique_code_among_open_orders",
            ),
        ]
        indexes = [models.Index(fields=["total", "state"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("shop:order", args=[self.number])

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @property
    def goods_after_discount(self):
        return self.subtotal - self.discount

    @property
    def shipping_to_pay(self):
        return self.shipping_cost - self.shipping_discount


class OrderLine(models.Model):
    """One variant in an order, with the names and prices of that moment."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "shop.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_title = models.CharField(_("product"), max_length=255)
    variant_label = models.CharField(_("variant"), max_length=100)
    sku = models.CharField(_("SKU"), max_length=40)
    list_price = models.PositiveBigIntegerField(_("list price"))
    unit_price = models.PositiveBigIntegerField(_("unit price"))
    sale_name = models.CharField(_("sale"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    weight_grams = models.PositiveIntegerField(_("unit weight (g)"))
    line_total = models.PositiveBigIntegerField(_("line total"))

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"


class OrderEvent(models.Model):
    """A change of an order's state: what, who and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, choices=OrderState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order_id}: {self.from_state} → {self.to_state}"


def receipt_path(instance, filename):
    return f"receipts/{instance.order.number}/{instance.token}.jpg"


class PaymentConfirmation(models.Model):
    """A customer's word that they transferred the money, with a receipt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("verified")
        REJECTED = "rejected", _("rejected")

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="confirmations"
    )
    token = models.CharField(max_length=32, unique=True)
    bank = models.CharField(_("from bank"), max_length=60)
    account_holder = models.CharField(_("account holder"), max_length=100)
    amount = models.PositiveBigIntegerField(_("amount transferred"))
    transfer_date = models.DateField(_("transfer date"))
    receipt = models.FileField(
        _("receipt photo"), storage=private_storage, upload_to=receipt_path
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.order.number}: {self.amount}"
