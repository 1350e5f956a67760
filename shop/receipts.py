"""Receipt photos: checked by Pillow, re-encoded, stripped of metadata."""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2400


@dataclass
class CleanReceipt:
    token: str
    name: str
    content: ContentFile


def _refuse(message, code):
    raise ValidationError(message, code=code)


def clean_receipt(upload):
    """Return a re-encoded JPEG of an uploaded photo, or ValidationError."""
    if upload.size > settings.RECEIPT_MAX_BYTES:
        _refuse(_("The photo is larger than 10 MB."), "too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            width, height = image.size
            if width * height > settings.RECEIPT_MAX_PIXELS:
                _refuse(_("The photo has too many pixels."), "too_many_pixels")
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("The photo has too many pixels."), "too_many_pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        _refuse(_("The file is not a photo. Upload a JPEG or PNG."), "not_image")
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    output = io.BytesIO()
    # Saving without exif= drops the metadata (location, camera) of the photo.
    image.save(output, "JPEG", quality=85)
    token = secrets.token_hex(16)
    return CleanReceipt(token, f"{token}.jpg", ContentFile(output.getvalue()))
