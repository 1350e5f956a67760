"""Shipping rates from the shop in Palembang, kept by staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShippingRate(models.Model):
    """The price per kilogram of one courier service to one city."""

    city = models.CharField(_("regency or city"), max_length=100)
    province = models.CharField(_("province"), max_length=100)
    courier = models.CharField(_("courier"), max_length=40)
    service = models.CharField(_("service"), max_length=40)
    price_per_kg = models.PositiveBigIntegerField(_("price per kg (Rp)"))
    days_min = models.PositiveSmallIntegerField(_("days, at least"), default=1)
    days_max = models.PositiveSmallIntegerField(_("days, at most"), default=3)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["city", "courier", "price_per_kg"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "courier", "service"], name="one_rate_per_service"
            )
        ]

    def __str__(self):
        return f"{self.city}: {self.courier} {self.service}"

    @property
    def days(self):
        if self.days_min == self.days_max:
            return str(self.days_min)
        return f"{self.days_min}–{self.days_max}"
