"""Storage for files that only staff and their owner may see."""

from django.core.files.storage import storages


def private_storage():
    """The storage outside the public media folder (``STORAGES['private']``)."""
    return storages["private"]
