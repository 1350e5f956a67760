"""Receipt photos: only real images of sane size, re-encoded as JPEG
without the metadata (camera, location) the customer's phone wrote."""

import functools
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from shop.receipts import MAX_SIDE, clean_receipt

TEN_MB = 10 * 1024 * 1024


def photo(size=(64, 48), fmt="JPEG", exif=None, mode="RGB"):
    """The bytes of a small photo, with ``exif`` written into it if given."""
    image = Image.new(mode, size, "red" if mode == "RGB" else 0)
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(output, fmt, **options)
    return output.getvalue()


def camera_exif(orientation=None):
    """EXIF as a phone writes it: maker, model and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS Palembang"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (2.0, 59.0, 25.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (104.0, 45.0, 22.0),
    }
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    return exif


def jpeg_with_exif(size=(64, 48), orientation=None):
    return photo(size, exif=camera_exif(orientation))


@functools.cache
def png_declaring(width, height):
    """A real 1-bit PNG of ``width`` × ``height`` that compresses to little."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def upload(content, name="receipt.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_image(receipt):
    return Image.open(io.BytesIO(receipt.content.read()))


def test_camera_photo_has_the_metadata_the_tests_rely_on():
    image = Image.open(io.BytesIO(jpeg_with_exif()))

    exif = image.getexif()
    assert exif[ExifTags.Base.Make] == "Canon"
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"


def test_photo_is_stored_as_jpeg_without_camera_or_location():
    receipt = clean_receipt(upload(jpeg_with_exif()))

    raw = receipt.content.read()
    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"Canon" not in raw
    assert b"Palembang" not in raw


def test_photo_taken_sideways_is_stored_upright():
    receipt = clean_receipt(upload(jpeg_with_exif(size=(80, 40), orientation=6)))

    assert stored_image(receipt).size == (40, 80)


def test_png_screenshot_is_stored_as_jpeg():
    receipt = clean_receipt(upload(photo(fmt="PNG"), name="bukti.png"))

    assert stored_image(receipt).format == "JPEG"
    assert receipt.name.endswith(".jpg")


@pytest.mark.parametrize("mode", ["RGBA", "P", "L", "1", "CMYK", "I;16"])
def test_photo_in_any_colour_mode_is_stored_as_rgb_jpeg(mode):
    fmt = "JPEG" if mode == "CMYK" else "PNG"

    receipt = clean_receipt(upload(photo(fmt=fmt, mode=mode), name="bukti.png"))

    image = stored_image(receipt)
    assert (image.format, image.mode) == ("JPEG", "RGB")


def test_large_photo_is_shrunk_to_the_longest_side_allowed():
    receipt = clean_receipt(upload(photo(size=(4000, 3000))))

    assert max(stored_image(receipt).size) == MAX_SIDE


def test_each_receipt_gets_its_own_unguessable_name():
    first = clean_receipt(upload(photo()))
    second = clean_receipt(upload(photo()))

    assert first.token != second.token
    assert len(first.token) == 32
    assert first.name == f"{first.token}.jpg"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"Transfer BCA Rp 3.979.437, trust me", "not_image"),
        (b"", "not_image"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "not_image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "not_image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_image"),
    ],
    ids=["text", "empty", "jpeg-header-only", "pdf", "svg"],
)
def test_file_that_is_no_photo_is_refused(content, code):
    with pytest.raises(ValidationError) as refused:
        clean_receipt(upload(content))

    assert refused.value.code == code


def test_truncated_photo_is_refused():
    whole = photo(size=(400, 300))

    with pytest.raises(ValidationError) as refused:
        clean_receipt(upload(whole[: len(whole) // 2]))

    assert refused.value.code == "not_image"


def test_photo_over_ten_megabytes_is_refused_before_it_is_read():
    padded = photo() + bytes(TEN_MB)

    with pytest.raises(ValidationError) as refused:
        clean_receipt(upload(padded))

    assert refused.value.code == "too_large"
    assert "10 MB" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("width", "height"),
    [(7_000, 7_000), (10_000, 10_000), (20_000, 20_000)],
    ids=["over-shop-limit", "over-pillow-warning", "over-pillow-error"],
)
def test_image_declaring_too_many_pixels_is_refused(width, height):
    bomb = png_declaring(width, height)
    assert len(bomb) < 200_000

    with pytest.raises(ValidationError) as refused:
        clean_receipt(upload(bomb, name="bukti.png", content_type="image/png"))

    assert refused.value.code == "too_many_pixels"
