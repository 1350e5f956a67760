"""The stored cart of a signed-in customer."""

from django.conf import settings
from django.db import models


class Cart(models.Model):
    """A signed-in customer's cart, so it follows them between devices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Cart of {self.user}"


class CartItem(models.Model):
    """A variant and how many of it are in a stored cart."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    variant = models.ForeignKey("shop.ProductVariant", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "variant"], name="one_row_per_variant"
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.variant_id}"
