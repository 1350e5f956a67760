"""Stock, kept apart from page content: a level per variant and a ledger of
every change with its reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StockLevel(models.Model):
    """How many units of a variant the shop can sell now."""

    variant = models.OneToOneField(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="stock"
    )
    quantity = models.PositiveIntegerField(_("in stock"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="stock_never_negative"
            )
        ]

    def __str__(self):
        return f"{self.variant.sku}: {self.quantity}"


class StockMovement(models.Model):
    """One change to a variant's stock, with why and by whom."""

    class Reason(models.TextChoices):
        ORDER = "order", _("sold in an order")
        RETURNED = "returned", _("order cancelled or expired")
        RESTOCK = "restock", _("new stock")
        COUNT = "count", _("stock count correction")
        DAMAGED = "damaged", _("damaged or lost")
        OTHER = "other", _("other")

    variant = models.ForeignKey(
        "shop.ProductVariant",
        null=True,
        on_delete=models.SET_NULL,
        related_name="stock_movements",
    )
    sku = models.CharField(_("SKU"), max_length=40)
    change = models.IntegerField(_("change"))
    quantity_after = models.PositiveIntegerField(_("stock after"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=250, blank=True)
    order = models.ForeignKey(
        "shop.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stock_movements",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")

    def __str__(self):
        return f"{self.sku} {self.change:+d} ({self.get_reason_display()})"
