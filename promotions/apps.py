from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionsConfig(AppConfig):
    name = "promotions"
    verbose_name = _("Promotions")

    def ready(self):
        # Receivers: a draft announcement for a new product, and the
        # provider's delivery events.
        from . import announcements, tracking  # noqa: F401
