"""Changing stock: every change is a movement with a reason."""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import ProductVariant, StockLevel, StockMovement

logger = logging.getLogger(__name__)


class OutOfStock(Exception):
    """A variant has fewer units than asked for."""

    def __init__(self, variant, available):
        self.variant = variant
        self.available = available
        super().__init__(f"{variant.sku}: {available} left")

    @property
    def message(self):
        return _("Only %(count)s left of %(name)s.") % {
            "count": self.available,
            "name": str(self.variant),
        }


def lock_stock(variant_ids):
    """Lock the stock rows of these variants, in primary-key order.

    Locking in one order everywhere means two checkouts never wait on each
    other in a circle.
    """
    for variant_id in sorted(set(variant_ids)):
        StockLevel.objects.get_or_create(variant_id=variant_id)
    rows = (
        StockLevel.objects.select_for_update()
        .filter(variant_id__in=variant_ids)
        .order_by("variant_id")
    )
    return {row.variant_id: row for row in rows}


def change_stock(level, change, reason, *, order=None, actor=None, note=""):
    """Apply one change to a locked stock row and record it."""
    if level.quantity + change < 0:
        raise OutOfStock(level.variant, level.quantity)
    level.quantity += change
    level.save(update_fields=["quantity", "updated_at"])
    return StockMovement.objects.create(
        variant=level.variant,
        sku=level.variant.sku,
        change=change,
        quantity_after=level.quantity,
        reason=reason,
        order=order,
        actor=actor,
        note=note,
    )


@transaction.atomic
def adjust_stock(variant, change, reason, *, actor=None, note=""):
    """A Shop manager's change to one variant's stock (restock, count...)."""
    level = lock_stock([variant.pk])[variant.pk]
    movement = change_stock(level, change, reason, actor=actor, note=note)
    logger.info(
        "Stock of %s changed by %+d to %s (%s)",
        variant.sku,
        change,
        level.quantity,
        reason,
    )
    return movement


def get_stock(variant_id):
    """Units of a variant in stock now, without locking."""
    return (
        StockLevel.objects.filter(variant_id=variant_id)
        .values_list("quantity", flat=True)
        .first()
        or 0
    )


def set_initial_stock(variant: ProductVariant, quantity, *, note=""):
    """Bring a variant to ``quantity`` units, recording the difference."""
    with transaction.atomic():
        level = lock_stock([variant.pk])[variant.pk]
        if level.quantity != quantity:
            change_stock(
                level, quantity - level.quantity, StockMovement.Reason.COUNT, note=note
            )
