"""Bar charts drawn on the server as inline SVG: no library, no script.

Each bar carries a ``<title>`` that browsers show on hover, and the chart
has a text alternative for screen readers.
"""

import logging
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 12, 30
STEPS = 5
BAR_SHARE = 0.7  # of each day's slot; the rest is the gap between bars
BAR_COLOUR = "#007d7e"
GRID_COLOUR = "#e0e0e0"
TEXT_COLOUR = "#5c5c5c"
UNITS = ((10**9, "M"), (10**6, "jt"), (10**3, "rb"))


@dataclass
class Bar:
    """One bar: its value, the label under it (may be empty) and its tip."""

    value: int
    label: str
    tip: str


def short_rupiah(amount):
    """Rupiah for an axis: ``Rp 5 jt``, ``Rp 1,5 jt``, ``Rp 750 rb``."""
    for size, unit in UNITS:
        if amount >= size:
            whole, rest = divmod(amount, size)
            tenth = rest * 10 // size
            number = f"{whole},{tenth}" if tenth else f"{whole}"
            return f"Rp {number} {unit}"
    return f"Rp {amount}"


def nice_step(top, steps=STEPS):
    """A round step (1, 2, 2.5 or 5 times a power of ten) such that about
    ``steps`` of them reach ``top``."""
    raw = max(1, -(-top // steps))
    magnitude = 10 ** (len(str(raw)) - 1)
    for step in (magnitude, 2 * magnitude, magnitude * 5 // 2, 5 * magnitude):
        if raw <= step:
            return step
    return 10 * magnitude


def y_axis(step, ticks, scale):
    """Grid lines with their rupiah labels, from zero up."""
    lines = []
    for n in range(ticks + 1):
        y = round(HEIGHT - BOTTOM - step * n * scale, 1)
        lines.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">'
                "{}</text>",
                LEFT,
                y,
                WIDTH - RIGHT,
                y,
                GRID_COLOUR,
                LEFT - 6,
                y + 4,
                TEXT_COLOUR,
                short_rupiah(step * n),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 (each line is format_html)


def bars_svg(bars, scale):
    """The bars, each with its hover title and, where given, its label."""
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(bars))
    width = round(slot * BAR_SHARE, 1)
    base = HEIGHT - BOTTOM
    parts = []
    for n, bar in enumerate(bars):
        x = round(LEFT + n * slot + (slot - width) / 2, 1)
        height = round(bar.value * scale, 1)
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}">'
                "<title>{}</title></rect>",
                x,
                round(base - height, 1),
                width,
                height,
                BAR_COLOUR,
                bar.tip,
            )
        )
        if bar.label:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11" '
                    'fill="{}">{}</text>',
                    round(x + width / 2, 1),
                    base + 16,
                    TEXT_COLOUR,
                    bar.label,
                )
            )
    return mark_safe("".join(parts))  # noqa: S308 (each part is format_html)


def bar_chart(bars, description):
    """An SVG bar chart of rupiah amounts, as safe HTML."""
    top = max([bar.value for bar in bars] + [1_000_000])
    step = nice_step(top)
    ticks = -(-top // step)
    scale = (HEIGHT - TOP - BOTTOM) / (step * ticks)
    return format_html(
        '<svg class="shop-chart" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">'
        "{}{}</svg>",
        WIDTH,
        HEIGHT,
        description,
        y_axis(step, ticks, scale),
        bars_svg(bars, scale),
    )
