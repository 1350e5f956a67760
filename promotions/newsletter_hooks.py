"""Registers the newsletter's admin pages; ``wagtail_hooks`` imports this."""

from wagtail import hooks

from .newsletter_admin import NewsletterViewSetGroup


@hooks.register("register_admin_viewset")
def register_newsletter():
    return NewsletterViewSetGroup()
