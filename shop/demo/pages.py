"""Adding demo pages once: found by slug under their parent, else published."""

import logging

logger = logging.getLogger(__name__)


def get_child(parent, page_class, slug):
    """The child of ``parent`` of that class and slug, or None."""
    return page_class.objects.child_of(parent).filter(slug=slug).first()


def add_child(parent, page):
    """Add ``page`` under ``parent`` unless one with its slug is there.

    Returns the page and whether it was made now.
    """
    existing = get_child(parent, type(page), page.slug)
    if existing:
        return existing, False
    parent.add_child(instance=page)
    page.save_revision().publish()
    logger.info("Demo page %s added at %s", page.pk, page.url_path)
    return page, True
