"""The newsletter: who may be mailed, the announcements the shop sends them,
and what the mail provider reports back about each message."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


def segment_choices():
    """The customer segments, read when a form asks (they import models)."""
    from customers.segments import get_segment_choices

    return get_segment_choices()


LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


class Subscriber(models.Model):
    """One mailbox that asked for the shop's news, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("marked as spam")

    class Source(models.TextChoices):
        SIGNUP = "signup", _("sign-up")
        ACCOUNT = "account", _("account page")
        FORM = "form", _("subscribe form")

    email = models.EmailField(_("email"))
    email_key = models.CharField(max_length=254, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGES, default="id"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, blank=True
    )
    page = models.CharField(_("page"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self):
        return f"{self.email} ({self.status})"


class Announcement(ClusterableModel):
    """A mail about new products, written by Marketing and sent once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    class Audience(models.TextChoices):
        ALL = "all", _("All subscribers")
        LANGUAGE_ID = "language_id", _("Subscribers reading Indonesian")
        LANGUAGE_EN = "language_en", _("Subscribers reading English")
        CATEGORY_BUYERS = "category", _("Customers who bought from a category")
        NEVER_ORDERED = "never_ordered", _("Subscribers who have never ordered")
        SEGMENT = "segment", _("Customers in a segment")

    subject = models.CharField(_("subject"), max_length=150)
    preheader = models.CharField(
        _("preheader"),
        max_length=150,
        blank=True,
        help_text=_("The line mail programs show after the subject."),
    )
    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    category = models.ForeignKey(
        "shop.ProductIndexPage",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only for customers who bought from a category."),
    )
    segment = models.CharField(
        _("segment"),
        max_length=20,
        blank=True,
        choices=segment_choices,
        help_text=_("Only for customers in a segment."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    queued_count = models.PositiveIntegerField(_("queued"), default=0)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    outbox_after = models.BigIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    progress_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    panels = [
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("category"), FieldPanel("segment")],
            heading=_("Audience"),
        ),
        InlinePanel("products", label=_("Products")),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.subject

    def clean(self):
        super().clean()
        if self.audience == self.Audience.CATEGORY_BUYERS and not self.category_id:
            raise ValidationError(
                {"category": _("Choose the category its buyers come from.")},
                code="category_required",
            )
        if self.audience == self.Audience.SEGMENT and not self.segment:
            raise ValidationError(
                {"segment": _("Choose the segment.")}, code="segment_required"
            )

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT


class AnnouncementProduct(Orderable):
    """A product shown in an announcement, in the editor's order."""

    announcement = ParentalKey(
        Announcement, on_delete=models.CASCADE, related_name="products"
    )
    product = models.ForeignKey(
        "shop.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")


class MailEvent(models.Model):
    """What the mail provider reported about one message: delivered, clicked."""

    outbox = models.ForeignKey(
        "customers.OutboxMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announcement = models.ForeignKey(
        Announcement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    message_id = models.CharField(max_length=200, blank=True)
    event = models.CharField(max_length=20)
    email_key = models.CharField(max_length=254)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["announcement", "event"])]

    def __str__(self):
        return f"{self.event} {self.message_id}"
