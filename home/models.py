"""The site's own pages: home, plain pages and culture stories."""

from django.db import models
from django.db.models import Min
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import StoryBodyBlock


class HomePage(Page):
    """The front page: hero, featured products, stories and the promotion."""

    hero_title = models.CharField(_("hero title"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promotion_title = models.CharField(_("promotion title"), max_length=120, blank=True)
    promotion_text = models.TextField(_("promotion text"), blank=True)
    promotion_link = models.ForeignKey(
        Page,
        verbose_name=_("promotion link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
            ],
            heading=_("Hero"),
        ),
        InlinePanel("featured", label=_("Featured products"), max_num=8),
        MultiFieldPanel(
            [
                FieldPanel("promotion_title"),
                FieldPanel("promotion_text"),
                FieldPanel("promotion_link"),
            ],
            heading=_("Current promotion"),
        ),
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from promotions.sales import get_active_sales, get_running_sale
        from shop.models import ProductIndexPage, ProductPage
        from shop.models.catalogue import mark_sale_prices, with_card_images

        context = super().get_context(request, *args, **kwargs)
        featured_ids = list(self.featured.values_list("product_id", flat=True))
        featured = {
            p.pk: p
            for p in with_card_images(
                ProductPage.objects.live()
                .filter(pk__in=featured_ids)
                .annotate(min_price=Min("variants__price"))
            )
        }
        featured = [featured[pk] for pk in featured_ids if pk in featured]
        mark_sale_prices(featured, get_active_sales())
        if not request.user.is_authenticated:
            from customers.forms import SignUpForm

            form = SignUpForm()
            # The sign-up box sits below the fold: don't scroll to it on load.
            form.fields["email"].widget.attrs.pop("autofocus", None)
            context["signup_form"] = form
        context.update(
            featured=featured,
            running_sale=get_running_sale(),
            stories=StoryPage.objects.live()
            .public()
            .order_by("-first_published_at")[:3],
            categories=ProductIndexPage.objects.live().public().child_of(self),
        )
        return context


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    product = models.ForeignKey(
        "shop.ProductPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class StandardPage(Page):
    """A plain page: about us, how to order, shipping and returns."""

    intro = models.TextField(_("intro"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class StoryIndexPage(Page):
    """The list of culture stories."""

    intro = RichTextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = (
            StoryPage.objects.live().child_of(self).order_by("-first_published_at")
        )
        return context


class StoryPage(Page):
    """A culture story about a motif, a region or the craft of weaving."""

    intro = models.TextField(_("intro"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    motif = models.ForeignKey(
        "shop.Motif",
        verbose_name=_("motif"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    region = models.CharField(_("region"), max_length=100, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("motif"), FieldPanel("region")], heading=_("About")
        ),
        InlinePanel("related_products", label=_("Related products")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("culture story")
        verbose_name_plural = _("culture stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = [
            r.product
            for r in self.related_products.select_related("product")
            if r.product.live
        ]
        return context


class StoryProduct(Orderable):
    page = ParentalKey(
        StoryPage, on_delete=models.CASCADE, related_name="related_products"
    )
    product = models.ForeignKey(
        "shop.ProductPage", on_delete=models.CASCADE, related_name="story_links"
    )

    panels = [FieldPanel("product")]
