"""One key per mailbox, so that case, dots and +tags don't make a new one."""


def email_key(email):
    """``Siti.Aminah+promo@Gmail.com`` and ``sitiaminah@gmail.com`` share a key.

    Dots are dropped in every domain, not only the ones that ignore them:
    two different people at one domain whose addresses differ only by dots
    are rare, and a voucher given twice is not.
    """
    email = (email or "").strip().lower()
    local, _at, domain = email.rpartition("@")
    if not local:
        return email
    local = local.split("+", 1)[0].replace(".", "")
    if domain == "googlemail.com":
        domain = "gmail.com"
    return f"{local}@{domain}"
