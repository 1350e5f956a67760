"""The blocks a culture story's body is written in."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        template = "home/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(required=False, label=_("who said it"))

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock())

    class Meta:
        icon = "image"
        template = "home/blocks/gallery.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
