"""Staff accounts of the demo shop, with fresh passwords on every run."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

logger = logging.getLogger(__name__)

ADMIN = ("admin@songket.test", "Admin Songket")
# Email, full name, and the group another migration creates for that role.
STAFF = [
    ("editor@songket.test", "Editor Songket", "Editors"),
    ("manager@songket.test", "Manajer Toko", "Shop managers"),
    ("marketing@songket.test", "Pemasaran Songket", "Marketing"),
]


def set_fresh_password(user):
    """Give the user a new random password and return it."""
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save()
    return password


def get_or_create_staff(email, full_name, **flags):
    """The staff user with that email, made if missing, with ``flags`` set."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name, **flags)
        logger.info("Demo staff user %s created", user.pk)
    for flag, value in flags.items():
        setattr(user, flag, value)
    return user


def load_staff():
    """The admin and one user per existing staff group; email to password."""
    admin = get_or_create_staff(*ADMIN, is_staff=True, is_superuser=True)
    passwords = {admin.email: set_fresh_password(admin)}
    for email, full_name, group_name in STAFF:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            logger.warning("Group %s missing; %s not made", group_name, email)
            continue
        user = get_or_create_staff(email, full_name, is_staff=True)
        passwords[user.email] = set_fresh_password(user)
        user.groups.add(group)
    return passwords
