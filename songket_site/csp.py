"""Content Security Policy for public pages.

It allows exactly what the pages need: the shop's own files, and, when
Tawk.to chat is switched on in the shop's settings, Tawk.to's hosts.
Wagtail's admin keeps its own rules and is left alone.
"""

TAWK = {
    "script-src": ["https://embed.tawk.to", "https://cdn.jsdelivr.net"],
    "style-src": ["https://embed.tawk.to", "https://fonts.googleapis.com"],
    "font-src": ["https://embed.tawk.to", "https://fonts.gstatic.com"],
    "img-src": ["https://*.tawk.to", "https://cdn.jsdelivr.net"],
    "connect-src": ["https://*.tawk.to", "wss://*.tawk.to"],
    "frame-src": ["https://*.tawk.to"],
    "media-src": ["https://*.tawk.to"],
}

BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Tawk.to's widget sets inline styles; our own pages need none.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def build_policy(chat_enabled):
    """The policy text, with Tawk.to's hosts only when chat is on."""
    policy = {key: list(values) for key, values in BASE.items()}
    if chat_enabled:
        for key, hosts in TAWK.items():
            policy[key] = [v for v in policy[key] if v != "'none'"] + hosts
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def chat_is_enabled(request):
    from shop.models import ShopSettings

    shop = ShopSettings.for_request(request)
    return bool(shop.tawk_property_id and shop.tawk_widget_id)


class ContentSecurityPolicyMiddleware:
    """Add the shop's policy to every public HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/admin/", "/django-admin/")):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        response.setdefault(
            "Content-Security-Policy", build_policy(chat_is_enabled(request))
        )
        return response
