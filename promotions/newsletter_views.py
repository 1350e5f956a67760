"""The newsletter's public pages: subscribe, confirm, unsubscribe."""

import logging

from django import forms
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscribers

logger = logging.getLogger(__name__)


class SubscribeForm(forms.Form):
    """An email address and nothing else."""

    email = forms.EmailField(label=_("Email"), max_length=254)
    page = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


def _page(form):
    """The path the visitor subscribed from, if it is one of ours."""
    page = form.cleaned_data.get("page") or ""
    allowed = url_has_allowed_host_and_scheme(page, allowed_hosts=None)
    return page if allowed and page.startswith("/") else ""


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The footer form posts here; the same answer for every address."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscribers.subscribe(
            form.cleaned_data["email"],
            language=request.LANGUAGE_CODE,
            source="form",
            page=_page(form),
        )
        return render(request, "promotions/newsletter/check_inbox.html")
    return render(request, "promotions/newsletter/subscribe.html", {"form": form})


def confirm(request, token):
    """The link in the confirmation mail."""
    subscriber = subscribers.confirm(token)
    if subscriber is None:
        logger.warning("Refused a newsletter confirmation link")
        template = "promotions/newsletter/link_invalid.html"
        return render(request, template, status=400)
    return render(request, "promotions/newsletter/confirmed.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for a click; POST unsubscribes, from a browser or mail client.

    Mail clients post RFC 8058 one-click requests without a CSRF token. The
    signed token is the authority here, and unsubscribing twice is harmless.
    """
    key = subscribers.read_unsubscribe_token(token)
    if key is None:
        logger.warning("Refused a newsletter unsubscribe link")
        template = "promotions/newsletter/link_invalid.html"
        return render(request, template, status=400)
    if request.method == "POST":
        subscribers.unsubscribe(key=key)
        return render(request, "promotions/newsletter/unsubscribed.html")
    return render(request, "promotions/newsletter/unsubscribe.html")
