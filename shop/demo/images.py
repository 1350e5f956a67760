"""Woven-looking pictures for the demo shop, drawn with Pillow.

Each pattern is drawn once as a small tile and repeated, so a whole
catalogue of pictures takes a few seconds.
"""

import random
import zlib
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

GROUNDS = {
    "maroon": (112, 18, 32),
    "red": (168, 24, 36),
    "purple": (82, 28, 92),
    "green": (22, 84, 58),
    "navy": (24, 36, 82),
    "black": (28, 22, 20),
    "brown": (96, 56, 30),
    "indigo": (36, 44, 110),
    "cream": (236, 222, 190),
}
GOLD = (214, 172, 64)
LIGHT_GOLD = (240, 208, 112)
SILVER = (200, 200, 206)
BACKDROP = (238, 230, 214)

# Alt text of each view of a product, in the order product_pictures draws.
CLOTH_VIEWS = ("kain utuh", "detail motif", "kain terlipat")
SHIRT_VIEWS = ("kemeja tampak depan", "detail motif", "kain terlipat")
SCENE_ALT = {
    "songket": "Songket bermotif emas di atas dasar berwarna",
    "lepus": "Songket lepus yang hampir tertutup benang emas",
    "limar": "Kain limar dengan motif celup ikat",
    "tajung": "Kain tajung bermotif kotak",
    "jumputan": "Kain jumputan dengan lingkaran ikat celup",
    "batik": "Batik Palembang bermotif bunga",
    "loom": "Benang lungsin di alat tenun gedogan",
}


def seeded(*parts):
    """A random generator that gives the same numbers for the same name."""
    # Only for drawing: the same product must get the same picture each run.
    text = "|".join(map(str, parts))
    return random.Random(zlib.crc32(text.encode()))  # noqa: S311


def shade(colour, factor):
    """The colour made lighter (factor > 1) or darker (factor < 1)."""
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def tile_canvas(tile, size):
    """Repeat a tile over a canvas of ``size``."""
    canvas = PILImage.new("RGB", size)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            canvas.paste(tile, (x, y))
    return canvas


def add_weave(image, step=3):
    """Fine weft lines so flat colour reads as woven thread."""
    draw = ImageDraw.Draw(image, "RGBA")
    for y in range(0, image.height, step):
        draw.line([(0, y), (image.width, y)], fill=(0, 0, 0, 28))
    return image


def corners(size):
    """The four corners of a square tile, so a shape there joins its repeats."""
    return ((0, 0), (size, 0), (0, size), (size, size))


def diamond(draw, cx, cy, r, fill):
    """A lozenge centred on (cx, cy)."""
    draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=fill)


def star(draw, cx, cy, r, fill):
    """An eight-pointed star, the bintang of songket."""
    diamond(draw, cx, cy, r, fill)
    s = int(r * 0.7)
    draw.rectangle([cx - s // 2, cy - s // 2, cx + s // 2, cy + s // 2], fill=fill)
    draw.polygon(
        [(cx - s, cy - s), (cx, cy - r // 3), (cx + s, cy - s), (cx + r // 3, cy)],
        fill=fill,
    )
    draw.polygon(
        [(cx + s, cy + s), (cx, cy + r // 3), (cx - s, cy + s), (cx - r // 3, cy)],
        fill=fill,
    )


def flower(draw, cx, cy, r, fill, centre):
    """A four-petal flower, the bungo of songket and batik."""
    p = r // 2
    for dx, dy in ((0, -p), (p, 0), (0, p), (-p, 0)):
        draw.ellipse([cx + dx - p, cy + dy - p, cx + dx + p, cy + dy + p], fill=fill)
    draw.ellipse([cx - p // 2, cy - p // 2, cx + p // 2, cy + p // 2], fill=centre)


def songket_tile(ground, motif, size=100):
    """One repeat of a gold songket motif on a coloured ground."""
    tile = PILImage.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(tile)
    c, r = size // 2, size // 3
    if motif == "lepus":
        # Lepus covers nearly the whole ground with gold.
        diamond(draw, c, c, int(size * 0.48), GOLD)
        diamond(draw, c, c, int(size * 0.3), ground)
        star(draw, c, c, int(size * 0.22), LIGHT_GOLD)
    elif motif == "tabur":
        star(draw, c, c, r // 2, GOLD)
        for x, y in corners(size):
            diamond(draw, x, y, r // 4, GOLD)
    elif motif == "bungo":
        flower(draw, c, c, r, GOLD, ground)
        for x, y in corners(size):
            diamond(draw, x, y, r // 3, LIGHT_GOLD)
    elif motif == "nago":
        draw.arc([c - r, c - r, c + r, c + r], 200, 340, fill=GOLD, width=6)
        draw.arc(
            [c - r, c - r // 2, c + r, c + r + r // 2], 20, 160, fill=GOLD, width=6
        )
        diamond(draw, c, c, r // 3, LIGHT_GOLD)
    else:
        star(draw, c, c, r, GOLD)
        diamond(draw, c, c, r // 3, ground)
    return tile


def limar_tile(ground, size=100):
    """A blurred ikat lozenge, as limar's dyed weft gives."""
    tile = PILImage.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(tile)
    c = size // 2
    diamond(draw, c, c, size // 3, shade(ground, 1.9))
    diamond(draw, c, c, size // 6, shade(ground, 0.5))
    tile = tile.filter(ImageFilter.GaussianBlur(3))
    draw = ImageDraw.Draw(tile)
    for x, y in corners(size):
        star(draw, x, y, size // 8, GOLD)
    return tile


def tumpal_band(width, height, ground):
    """A border of tumpal triangles, as at the ends of a songket."""
    band = PILImage.new("RGB", (width, height), shade(ground, 0.7))
    draw = ImageDraw.Draw(band)
    step = height
    for x in range(0, width, step):
        draw.polygon([(x, height), (x + step // 2, 6), (x + step, height)], fill=GOLD)
        diamond(draw, x + step // 2, height * 2 // 3, step // 8, shade(ground, 0.7))
    draw.rectangle([0, 0, width, 4], fill=LIGHT_GOLD)
    return band


def draw_songket(size, ground, motif):
    """A songket cloth: repeated motif with tumpal borders top and bottom."""
    tile = limar_tile(ground) if motif == "limar" else songket_tile(ground, motif)
    canvas = tile_canvas(tile, size)
    band = tumpal_band(size[0], size[1] // 7, ground)
    canvas.paste(band, (0, 0))
    canvas.paste(
        band.transpose(PILImage.Transpose.FLIP_TOP_BOTTOM), (0, size[1] - band.height)
    )
    return add_weave(canvas)


def draw_tajung(size, ground, accent):
    """A kain tajung check: crossing stripes of silk."""
    canvas = PILImage.new("RGB", size, ground)
    draw = ImageDraw.Draw(canvas, "RGBA")
    step = size[0] // 8
    for i in range(0, size[0], step):
        draw.rectangle([i, 0, i + step // 3, size[1]], fill=accent + (150,))
        draw.rectangle([0, i, size[0], i + step // 3], fill=accent + (150,))
        draw.line([(i + step // 2, 0), (i + step // 2, size[1])], fill=GOLD, width=2)
        draw.line([(0, i + step // 2), (size[0], i + step // 2)], fill=GOLD, width=2)
    return add_weave(canvas, 2)


def draw_jumputan(size, ground, accent, rng):
    """Tie-dye rings, as jumputan's tied and dipped cloth gives."""
    canvas = PILImage.new("RGB", size, ground)
    draw = ImageDraw.Draw(canvas)
    step = size[0] // 6
    for x in range(step // 2, size[0], step):
        for y in range(step // 2, size[1], step):
            cx, cy = x + rng.randint(-8, 8), y + rng.randint(-8, 8)
            for radius, colour in ((step // 3, accent), (step // 6, ground)):
                draw.ellipse(
                    [cx - radius, cy - radius, cx + radius, cy + radius], fill=colour
                )
    return canvas.filter(ImageFilter.GaussianBlur(4))


def batik_tile(ground, accent, size=120):
    """One repeat of a batik Palembang flower with its fine dots."""
    tile = PILImage.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(tile)
    c = size // 2
    flower(draw, c, c, size // 3, accent, GOLD)
    for x, y in corners(size):
        star(draw, x, y, size // 7, shade(accent, 1.2))
    for x in range(6, size, 12):
        for y in range(6, size, 24):
            if abs(x - c) + abs(y - c) > size // 3:
                draw.point([(x, y), (x + 1, y)], fill=shade(accent, 1.3))
    return tile


def draw_batik(size, ground, accent):
    """A batik Palembang cloth with a plain border."""
    canvas = tile_canvas(batik_tile(ground, accent), size)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, size[0] - 1, size[1] - 1], outline=accent, width=16)
    return canvas


def draw_pattern(style, size, ground, accent, rng):
    """The cloth of one product in its style."""
    if style == "tajung":
        return draw_tajung(size, ground, accent)
    if style == "jumputan":
        return draw_jumputan(size, ground, accent, rng)
    if style == "batik":
        return draw_batik(size, ground, accent)
    return draw_songket(size, ground, style)


def shirt_mask(size):
    """The outline of a short-collared shirt."""
    w, h = size
    mask = PILImage.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(
        [
            (w * 0.38, h * 0.12),
            (w * 0.14, h * 0.22),
            (w * 0.04, h * 0.46),
            (w * 0.2, h * 0.52),
            (w * 0.26, h * 0.4),
            (w * 0.26, h * 0.9),
            (w * 0.74, h * 0.9),
            (w * 0.74, h * 0.4),
            (w * 0.8, h * 0.52),
            (w * 0.96, h * 0.46),
            (w * 0.86, h * 0.22),
            (w * 0.62, h * 0.12),
            (w * 0.5, h * 0.2),
        ],
        fill=255,
    )
    return mask


def as_shirt(cloth):
    """The cloth cut as a shirt on a plain backdrop."""
    canvas = PILImage.new("RGB", cloth.size, BACKDROP)
    canvas.paste(cloth, (0, 0), shirt_mask(cloth.size))
    draw = ImageDraw.Draw(canvas)
    w, h = cloth.size
    draw.line([(w * 0.5, h * 0.2), (w * 0.5, h * 0.9)], fill=BACKDROP, width=3)
    for y in range(int(h * 0.3), int(h * 0.9), int(h * 0.1)):
        draw.ellipse([w * 0.52, y, w * 0.52 + 8, y + 8], fill=BACKDROP)
    return canvas


def as_folded(cloth):
    """The cloth folded on a table, with a soft shadow."""
    w, h = cloth.size
    canvas = PILImage.new("RGB", cloth.size, BACKDROP)
    shadow = PILImage.new("L", cloth.size, 0)
    box = (int(w * 0.16), int(h * 0.2), int(w * 0.84), int(h * 0.8))
    ImageDraw.Draw(shadow).rectangle(
        [box[0] + 14, box[1] + 18, box[2] + 14, box[3] + 18], fill=90
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(12))
    canvas.paste((70, 60, 50), (0, 0), shadow)
    part = cloth.resize((box[2] - box[0], box[3] - box[1]))
    canvas.paste(part, box[:2])
    draw = ImageDraw.Draw(canvas, "RGBA")
    fold = box[1] + part.height // 3
    draw.rectangle([box[0], fold, box[2], fold + 6], fill=(0, 0, 0, 60))
    return canvas


def as_detail(cloth):
    """A close look at the middle of the cloth."""
    w, h = cloth.size
    crop = cloth.crop((w // 3, h // 3, w * 2 // 3, h * 2 // 3))
    return add_weave(crop.resize(cloth.size, PILImage.Resampling.NEAREST), 6)


def draw_loom(size):
    """A gedogan loom seen from above: warp, woven cloth and the beam."""
    w, h = size
    canvas = PILImage.new("RGB", size, (60, 40, 26))
    cloth = draw_songket((w * 2 // 3, h // 2), GROUNDS["maroon"], "tabur")
    canvas.paste(cloth, (w // 6, h // 2))
    draw = ImageDraw.Draw(canvas)
    for x in range(w // 6, w * 5 // 6, 6):
        draw.line([(x, h // 8), (x, h // 2)], fill=(200, 60, 60), width=2)
    for y in (h // 8, h // 2 - 10):
        draw.rectangle([w // 8, y - 12, w * 7 // 8, y + 12], fill=(150, 100, 50))
    return canvas


def render_jpeg(picture):
    """The picture as JPEG bytes."""
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=84, optimize=True)
    return buffer.getvalue()


def save_image(title, picture, description=""):
    """Store a drawn picture as a Wagtail image, or reuse one of that title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    name = f"{slugify(title)[:80]}.jpg"
    image = Image(
        title=title,
        description=description,
        file=ImageFile(BytesIO(render_jpeg(picture)), name=name),
    )
    image.save()
    return image


def get_or_draw(title, draw, description=""):
    """The image of that title, drawing it only when it does not exist yet."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    return existing or save_image(title, draw(), description)


def product_pictures(spec, title):
    """Two or three views of one product's cloth, keyed by the product title."""
    rng = seeded(title)
    ground = GROUNDS[spec["ground"]]
    accent = GROUNDS.get(spec.get("accent", "cream"), GOLD)
    cloth = draw_pattern(spec["style"], (800, 800), ground, accent, rng)
    if spec.get("shirt"):
        return [as_shirt(cloth), as_detail(cloth), as_folded(cloth)]
    views = [cloth, as_detail(cloth)]
    if spec.get("folded", True):
        views.append(as_folded(cloth))
    return views


def get_product_images(spec, title):
    """Wagtail images of one product, drawn on the first run only."""
    titles = [f"{title} – foto {n}" for n in (1, 2, 3)]
    Image = get_image_model()
    found = list(Image.objects.filter(title__in=titles).order_by("title"))
    if found:
        return found
    pictures = product_pictures(spec, title)
    views = SHIRT_VIEWS if spec.get("shirt") else CLOTH_VIEWS
    return [
        save_image(t, picture, f"{title}, {view}")
        for t, picture, view in zip(titles, pictures, views, strict=False)
    ]


def draw_scene(kind, size, seed):
    """A picture for a story or the home page hero."""
    rng = seeded(kind, seed)
    if kind == "loom":
        return draw_loom(size)
    ground = GROUNDS[rng.choice(["maroon", "red", "purple", "green"])]
    accent = GROUNDS[rng.choice(["cream", "maroon", "navy"])]
    style = kind if kind != "songket" else rng.choice(["lepus", "tabur", "bungo"])
    return draw_pattern(style, size, ground, accent, rng)
