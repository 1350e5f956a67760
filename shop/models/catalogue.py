"""The catalogue: categories and products as Wagtail pages, their variants
and gallery edited inline, and the motifs, techniques and materials that
products and culture stories share."""

import json

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, Min, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

PAGE_SIZE = 24


class Taxonomy(index.Indexed, models.Model):
    """A named thing products and stories point at: a motif, a technique..."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Motif(Taxonomy):
    """A woven motif such as lepus, tabur or bungo cino."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("motif")
        verbose_name_plural = _("motifs")


class Technique(Taxonomy):
    """A weaving or dyeing technique such as songket lepus or jumputan."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")


class Material(Taxonomy):
    """A yarn or cloth such as silk, cotton or gold thread."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class ProductIndexPage(Page):
    """A category of the catalogue, listing its products."""

    intro = RichTextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["shop.ProductPage"]
    parent_page_types = ["home.HomePage"]

    SORTS = {
        "newest": "-first_published_at",
        "price_up": "min_price",
        "price_down": "-min_price",
    }
    PRICE_BANDS = {
        "under-500k": (0, 499_999),
        "500k-2m": (500_000, 2_000_000),
        "2m-5m": (2_000_001, 5_000_000),
        "over-5m": (5_000_001, None),
    }

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def get_products(self, params):
        """Live products of this category, filtered and sorted by ``params``.

        Price bands and price order go by list price: a product on sale
        shows its lower price on the card but is filed by its list price.
        """
        from .stock import StockLevel

        products = ProductPage.objects.live().descendant_of(self)
        products = products.annotate(min_price=Min("variants__price"))
        material = params.get("material")
        if material:
            products = products.filter(material__slug=material)
        band = self.PRICE_BANDS.get(params.get("price"))
        if band:
            low, high = band
            products = products.filter(min_price__gte=low)
            if high is not None:
                products = products.filter(min_price__lte=high)
        if params.get("in_stock"):
            in_stock = StockLevel.objects.filter(
                variant__page=OuterRef("pk"), quantity__gt=0
            )
            products = products.filter(Exists(in_stock))
        sort = self.SORTS.get(params.get("sort"), self.SORTS["newest"])
        return with_card_images(products.order_by(sort, "pk"))

    def get_context(self, request, *args, **kwargs):
        from promotions.sales import get_active_sales

        context = super().get_context(request, *args, **kwargs)
        products = self.get_products(request.GET)
        paginator = Paginator(products, PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            page = paginator.page(1)
        mark_sale_prices(page.object_list, get_active_sales())
        context.update(
            products=page,
            materials=Material.objects.all(),
            categories=ProductIndexPage.objects.live().public(),
            sorts=[
                ("newest", _("Newest")),
                ("price_up", _("Price: low to high")),
                ("price_down", _("Price: high to low")),
            ],
            price_bands=[
                ("under-500k", _("Under Rp 500.000")),
                ("500k-2m", _("Rp 500.000 to Rp 2.000.000")),
                ("2m-5m", _("Rp 2.000.000 to Rp 5.000.000")),
                ("over-5m", _("Over Rp 5.000.000")),
            ],
            query=request.GET.copy(),
        )
        return context


CARD_RENDITION = "fill-400x400"


def with_card_images(products):
    """Load each product's first image and its card rendition up front,
    so a page of cards costs the same few queries however long it is."""
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return products.prefetch_related(
        Prefetch("gallery", queryset=ProductImage.objects.order_by("sort_order")),
        Prefetch("gallery__image", queryset=images),
    )


def mark_sale_prices(products, sales):
    """Give each product (annotated with ``min_price``) its sale price."""
    from promotions.sales import best_price

    for product in products:
        if product.min_price is not None:
            product.sale_price, product.sale = best_price(
                product, product.min_price, sales
            )


class ProductPage(Page):
    """One cloth or garment, with its variants and gallery edited inline."""

    summary = models.CharField(_("summary"), max_length=250, blank=True)
    description = RichTextField(_("description"), blank=True)
    motif = models.ForeignKey(
        Motif,
        verbose_name=_("motif"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    material = models.ForeignKey(
        Material,
        verbose_name=_("material"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    technique = models.ForeignKey(
        Technique,
        verbose_name=_("weaving technique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    origin = models.CharField(_("origin"), max_length=100, default="Palembang")
    size = models.CharField(_("size"), max_length=100, blank=True)
    care = models.TextField(_("care"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("motif"),
                FieldPanel("material"),
                FieldPanel("technique"),
                FieldPanel("origin"),
                FieldPanel("size"),
                FieldPanel("care"),
            ],
            heading=_("Cloth"),
        ),
        InlinePanel("gallery", label=_("Gallery"), min_num=0),
        InlinePanel("variants", label=_("Variants"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("motif", [index.SearchField("name")]),
        index.RelatedFields("material", [index.SearchField("name")]),
    ]
    parent_page_types = ["shop.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    @property
    def main_image(self):
        # all() rather than first(), so a prefetched gallery is used.
        gallery = list(self.gallery.all())
        return gallery[0].image if gallery else None

    def get_variants(self):
        """Variants in editor's order with their stock loaded."""
        return self.variants.select_related("stock").order_by("sort_order", "pk")

    def get_context(self, request, *args, **kwargs):
        from home.models import StoryPage
        from promotions.sales import best_price, get_active_sales

        context = super().get_context(request, *args, **kwargs)
        variants = list(self.get_variants())
        sales = get_active_sales()
        for variant in variants:
            variant.sale_price, variant.sale = best_price(self, variant.price, sales)
        context.update(
            variants=variants,
            in_stock=any(v.stock_quantity > 0 for v in variants),
            schema_json=self.schema_json(request, variants),
            stories=StoryPage.objects.live()
            .filter(related_products__product=self)
            .distinct()[:4],
        )
        return context

    def schema_json(self, request, variants):
        """schema.org Product data for search engines, as JSON text."""
        offers = [
            {
                "@type": "Offer",
                "sku": v.sku,
                "name": v.label,
                "price": str(getattr(v, "sale_price", v.price)),
                "priceCurrency": "IDR",
                "availability": "https://schema.org/"
                + ("InStock" if v.stock_quantity > 0 else "OutOfStock"),
            }
            for v in variants
        ]
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.title,
            "description": self.summary or self.search_description,
            "url": self.get_full_url(request),
            "offers": offers,
        }
        if self.motif_id:
            data["pattern"] = self.motif.name
        if self.material_id:
            data["material"] = self.material.name
        # Escape "<" so a title can never close the script element.
        return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


class ProductImage(Orderable):
    """An image in a product's gallery."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ProductVariant(Orderable):
    """A sellable version of a product: its SKU, label, price and weight.

    Stock is not here: a page revision holds this row's fields, and
    publishing an older revision must not bring old stock back.
    """

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100, help_text=_("Size, colour"))
    price = models.PositiveBigIntegerField(_("price (Rp)"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"))

    panels = [
        FieldPanel("sku"),
        FieldPanel("label"),
        FieldPanel("price"),
        FieldPanel("weight_grams"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")

    def __str__(self):
        return f"{self.page.title} – {self.label}"

    @property
    def stock_quantity(self):
        try:
            return self.stock.quantity
        except models.ObjectDoesNotExist:
            return 0
