"""Settings the shop edits in Wagtail: contact, bank accounts, chat."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="cog")
class ShopSettings(ClusterableModel, BaseSiteSetting):
    """The shop's name, contact, bank accounts and order rules."""

    shop_name = models.CharField(
        _("shop name"), max_length=100, default="Songket Palembang"
    )
    contact_email = models.EmailField(_("contact email"), default="toko@songket.test")
    address = models.TextField(_("shop address"), blank=True)
    whatsapp_number = models.CharField(
        _("WhatsApp number"), max_length=20, blank=True, help_text="+628..."
    )
    tawk_property_id = models.CharField(
        _("Tawk.to property id"), max_length=40, blank=True
    )
    tawk_widget_id = models.CharField(_("Tawk.to widget id"), max_length=40, blank=True)
    payment_hours = models.PositiveSmallIntegerField(
        _("hours to pay"),
        default=24,
        help_text=_("An unpaid order expires after this many hours."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder, hours before the deadline"), default=6
    )
    low_stock_threshold = models.PositiveSmallIntegerField(
        _("low stock at"),
        default=3,
        help_text=_("The dashboard lists variants with this many or fewer in stock."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("shop_name"),
                FieldPanel("contact_email"),
                FieldPanel("address"),
            ],
            heading=_("Shop"),
        ),
        InlinePanel("bank_accounts", label=_("Bank accounts")),
        MultiFieldPanel(
            [FieldPanel("payment_hours"), FieldPanel("reminder_hours")],
            heading=_("Orders"),
        ),
        MultiFieldPanel([FieldPanel("low_stock_threshold")], heading=_("Stock")),
        MultiFieldPanel(
            [
                FieldPanel("whatsapp_number"),
                FieldPanel("tawk_property_id"),
                FieldPanel("tawk_widget_id"),
            ],
            heading=_("Chat"),
        ),
    ]

    class Meta:
        verbose_name = _("shop settings")

    @classmethod
    def current(cls):
        """The settings of the default site, for work outside a request."""
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return cls()
        return cls.for_site(site)


class BankAccount(Orderable):
    """An account customers transfer their payment to."""

    settings = ParentalKey(
        ShopSettings, on_delete=models.CASCADE, related_name="bank_accounts"
    )
    bank = models.CharField(_("bank"), max_length=60)
    account_number = models.CharField(_("account number"), max_length=40)
    account_holder = models.CharField(_("account holder"), max_length=100)

    panels = [
        FieldPanel("bank"),
        FieldPanel("account_number"),
        FieldPanel("account_holder"),
    ]

    def __str__(self):
        return f"{self.bank} {self.account_number}"
