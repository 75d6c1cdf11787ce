"""The weekly dynamics chart: drawn once as a few shapes, written as SVG (PDF) and PNG (DOCX).

One line chart needs no plotting library: the shapes are computed here, in
points, and two small writers put the same shapes into an SVG (vector, its
text kept as text in the shipped font) and a PNG (Pillow, drawn at twice the
size and scaled down, so lines are smooth).  Weeks stand side by side, one
slot each, only those with figures; the deadline line falls between weeks
where its date does.  The same model gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from fractions import Fraction

from ..compute.model import QuarterModel
from .fonts import FONTS
from .formatting import CATEGORY_LABELS
from .metrics import REGULAR, text_width

COLORS = {"teachers": "#1f4e79", "administration": "#c55a11", "other": "#548235", "all": "#7030a0",
          "parents": "#bf9000", "pupils": "#2e75b6"}  # fmt: skip
# a group's «connected» line: the same hue, a lighter shade of it
COLORS |= {"teachers_connected": "#5b9bd5", "administration_connected": "#f4b183", "other_connected": "#a9d18e",
           "all_connected": "#b4a7d6", "parents_connected": "#ffd966", "pupils_connected": "#9dc3e6"}  # fmt: skip
TARGET_COLOR, DEADLINE_COLOR, GRID_COLOR, AXIS_COLOR, TEXT_COLOR = "#2e7d32", "#7f7f7f", "#dddddd", "#333333", "#000"
WIDTH_PT, PLOT_PT = 468.0, 140.0  # 6.5 in wide, as the text block; the plot's own height
LEFT, RIGHT, TOP = 34.0, 10.0, 8.0
TICK_PT, LEGEND_PT = 8.0, 8.0
Y_MAX = 105
DASHED, DOTTED = (4.0, 2.0), (1.0, 2.0)
PNG_DPI = 200
SUPERSAMPLE = 2


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    color: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float
    anchor: str = "start"  # start | middle | end
    rotate: float = 0.0  # degrees, counter-clockwise, about (x, y)


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple


def _legend_entries(model: QuarterModel) -> list[tuple[str, str, tuple | None, bool]]:
    """(label, colour, dash, marker) for every line drawn, in drawing order."""
    entries = [(CATEGORY_LABELS[r.category], COLORS[r.category], None, True) for r in model.indicators if r.series]
    for target in sorted({r.indicator.target_percent for r in model.indicators}):
        entries.append((f"Цель {target:g} %".replace(".", ","), TARGET_COLOR, DASHED, False))
    if any(r.deadline_in_period for r in model.indicators):
        entries.append(("Срок достижения цели", DEADLINE_COLOR, DOTTED, False))
    return entries


def drawing(model: QuarterModel) -> Drawing:
    weeks = sorted({w.week for r in model.indicators for w in r.series.weeks if w.share is not None})
    labels = [f"{w:%d.%m}" for w in weeks]
    label_drop = max((text_width(t, TICK_PT) for t in labels), default=0) * 0.71 + TICK_PT + 6
    entries = _legend_entries(model)
    columns = _legend_columns(entries)
    rows = -(-len(entries) // columns)
    height = TOP + PLOT_PT + label_drop + rows * (LEGEND_PT + 5) + 4
    x0, x1, y0, y1 = LEFT, WIDTH_PT - RIGHT, TOP, TOP + PLOT_PT
    step = (x1 - x0) / max(len(weeks), 1)
    slot = {week: x0 + step * (i + 0.5) for i, week in enumerate(weeks)}

    def y(percent) -> float:
        return y1 - float(percent) / Y_MAX * (y1 - y0)

    shapes: list = []
    for value in range(0, 101, 20):
        shapes.append(Line(((x0, y(value)), (x1, y(value))), GRID_COLOR, 0.6))
        shapes.append(Text(x0 - 4, y(value) + TICK_PT * 0.35, f"{value} %", TICK_PT, "end"))
    shapes.append(Line(((x0, y0), (x0, y1), (x1, y1)), AXIS_COLOR, 0.8))
    for week, label in zip(weeks, labels, strict=True):
        shapes.append(Line(((slot[week], y1), (slot[week], y1 + 3)), AXIS_COLOR, 0.8))
        shapes.append(Text(slot[week] + 2, y1 + 9, label, TICK_PT, "end", rotate=45))
    for target in sorted({r.indicator.target_percent for r in model.indicators}):
        shapes.append(Line(((x0, y(target)), (x1, y(target))), TARGET_COLOR, 1.0, DASHED))
    for result in model.indicators:
        if result.deadline_in_period and weeks:
            x = _date_x(result.indicator.deadline, weeks, slot, step)
            shapes.append(Line(((x, y0), (x, y1)), DEADLINE_COLOR, 1.0, DOTTED))
    for result in model.indicators:
        points = tuple((slot[w.week], y(w.share)) for w in result.series.weeks if w.share is not None)
        color = COLORS[result.category]
        if len(points) > 1:
            shapes.append(Line(points, color, 1.5))
        shapes += [Dot(px, py, 2.0, color) for px, py in points]
    shapes += _legend(entries, columns, y1 + label_drop)
    return Drawing(WIDTH_PT, round(height, 2), tuple(shapes))


def _date_x(day: dt.date, weeks: list[dt.date], slot: dict, step: float) -> float:
    """Where a date falls: inside its week's slot, or between the slots of the weeks around it."""
    monday = day - dt.timedelta(days=day.weekday())
    if monday in slot:
        return slot[monday] + step * (Fraction(day.weekday(), 7) - Fraction(3, 7))
    before = [w for w in weeks if w < day]
    if not before:
        return slot[weeks[0]] - step / 2
    after = [w for w in weeks if w > day]
    if not after:
        return slot[weeks[-1]] + step / 2
    a, b = before[-1], after[0]
    return slot[a] + (slot[b] - slot[a]) * (day - a).days / (b - a).days


LEGEND_SAMPLE, LEGEND_GAP, LEGEND_SPACING = 18.0, 4.0, 14.0


def _legend_columns(entries: list) -> int:
    """Up to three columns, as many as the longest label lets fit across the drawing («Родители (законные
    представители), подключённые к чатам» takes a row of its own)."""
    widest = max((LEGEND_SAMPLE + LEGEND_GAP + text_width(label, LEGEND_PT) for label, *_ in entries), default=0)
    fits = int((WIDTH_PT + LEGEND_SPACING) // (widest + LEGEND_SPACING)) if widest else 1
    return max(1, min(len(entries), 3, fits))


def _legend(entries: list, columns: int, top: float) -> list:
    sample, gap, spacing = LEGEND_SAMPLE, LEGEND_GAP, LEGEND_SPACING
    widths = [sample + gap + text_width(label, LEGEND_PT) for label, *_ in entries]
    column = max(widths, default=0) + spacing
    left = (WIDTH_PT - column * columns + spacing) / 2
    shapes: list = []
    for index, (label, color, dash, marker) in enumerate(entries):
        row, col = divmod(index, columns)
        x, baseline = left + col * column, top + (row + 1) * (LEGEND_PT + 5)
        mid = baseline - LEGEND_PT * 0.3
        shapes.append(Line(((x, mid), (x + sample, mid)), color, 1.5 if marker else 1.0, dash))
        if marker:
            shapes.append(Dot(x + sample / 2, mid, 2.0, color))
        shapes.append(Text(x + sample + gap, baseline, label, LEGEND_PT))
    return shapes


def to_svg(picture: Drawing, family: str = "Liberation Serif") -> bytes:
    from xml.sax.saxutils import escape, quoteattr

    def n(value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".")

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{n(picture.width)}pt" height="{n(picture.height)}pt" '
        f'viewBox="0 0 {n(picture.width)} {n(picture.height)}" font-family={quoteattr(family)}>'
    ]
    for shape in picture.shapes:
        if isinstance(shape, Line):
            dash = f' stroke-dasharray="{n(shape.dash[0])} {n(shape.dash[1])}"' if shape.dash else ""
            points = " ".join(f"{n(x)},{n(y)}" for x, y in shape.points)
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{shape.color}" '
                f'stroke-width="{n(shape.width)}"{dash}/>'
            )
        elif isinstance(shape, Dot):
            out.append(f'<circle cx="{n(shape.x)}" cy="{n(shape.y)}" r="{n(shape.radius)}" fill="{shape.color}"/>')
        else:
            turn = f' transform="rotate({n(-shape.rotate)} {n(shape.x)} {n(shape.y)})"' if shape.rotate else ""
            out.append(
                f'<text x="{n(shape.x)}" y="{n(shape.y)}" font-size="{n(shape.size)}" '
                f'text-anchor="{shape.anchor}"{turn}>{escape(shape.text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")


def to_png(picture: Drawing) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    scale = PNG_DPI / 72 * SUPERSAMPLE
    size = (round(picture.width * scale), round(picture.height * scale))
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}
    for shape in picture.shapes:
        if isinstance(shape, Line):
            points = [(x * scale, y * scale) for x, y in shape.points]
            for a, b in _segments(points, shape.dash, scale):
                pen.line([a, b], fill=shape.color, width=max(1, round(shape.width * scale)))
        elif isinstance(shape, Dot):
            r = shape.radius * scale
            pen.ellipse([shape.x * scale - r, shape.y * scale - r, shape.x * scale + r, shape.y * scale + r],
                        fill=shape.color)  # fmt: skip
        else:
            font = fonts.setdefault(shape.size, ImageFont.truetype(str(FONTS / REGULAR), round(shape.size * scale)))
            _text(image, pen, shape, font, scale)
    final = image.resize((size[0] // SUPERSAMPLE, size[1] // SUPERSAMPLE), Image.LANCZOS)
    out = io.BytesIO()
    final.save(out, format="PNG", dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()


def _segments(points: list, dash: tuple | None, scale: float):
    """The pieces of a polyline a pen draws: all of it, or its dashes."""
    for a, b in zip(points, points[1:], strict=False):
        if dash is None:
            yield a, b
            continue
        length = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
        on, off = dash[0] * scale, dash[1] * scale
        at = 0.0
        while at < length:
            end = min(at + on, length)
            yield _along(a, b, at / length), _along(a, b, end / length)
            at = end + off


def _along(a, b, t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _text(image, pen, shape: Text, font, scale: float) -> None:
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
    x, y = shape.x * scale, shape.y * scale
    if not shape.rotate:
        pen.text((x, y), shape.text, font=font, fill=TEXT_COLOR, anchor=anchor)
        return
    import math

    from PIL import Image, ImageDraw

    left, top, right, bottom = font.getbbox(shape.text, anchor="ls")
    label = Image.new("L", (int(right - left) + 4, int(bottom - top) + 4), 0)
    start = (2 - left, 2 - top)  # where the baseline begins in the label image
    ImageDraw.Draw(label).text(start, shape.text, font=font, fill=255, anchor="ls")
    turned = label.rotate(shape.rotate, expand=True, resample=Image.BICUBIC)
    # Where the anchor point (the baseline's start, or its end) lands once the label is turned.
    px = start[0] + (font.getlength(shape.text) if shape.anchor == "end" else 0)
    dx, dy = px - label.width / 2, start[1] - label.height / 2
    angle = math.radians(shape.rotate)
    tx = turned.width / 2 + dx * math.cos(angle) + dy * math.sin(angle)
    ty = turned.height / 2 - dx * math.sin(angle) + dy * math.cos(angle)
    image.paste(TEXT_COLOR, (round(x - tx), round(y - ty)), turned)


def charts(model: QuarterModel, family: str = "Liberation Serif") -> tuple[bytes, bytes]:
    """The chart drawn once: SVG (vector, text kept as text) for the PDF, PNG for Word."""
    picture = drawing(model)
    return to_svg(picture, family), to_png(picture)
