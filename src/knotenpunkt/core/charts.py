"""Bar charts as plain SVG geometry, rendered server-side: no JavaScript, no CDN.

Each chart is shown together with a data table, so screen-reader users get the figures.
Labels are never clipped. Under upright bars (`bar_chart`, for years) each label is
wrapped to the width of its bar group, or, when a word does not fit there, turned by 45
degrees; the viewBox then grows (downwards and to the left) until every label's box lies
inside it. Bars across (`bars_across`, for many or long category names) put the labels
in a column on the left, wrapped, and each value at the end of its bar; the chart grows
downwards, so it stays narrow enough to be read on a phone. Text is measured with the
advance widths of KERN's font, Fira Sans, and a margin, since the server cannot ask a
browser. Every bar carries its full label and value (its SVG <title>, a tooltip); a label
is shown in full unless it runs beyond a few lines, and then it carries its full text as
a <title> too.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

# Font size of chart text in user units (the template sets it on the <svg>).
FONT_SIZE = 14
LINE_HEIGHT = 17
# Above and below a baseline, as a share of the font size (Fira Sans: 0.94 / 0.27 em).
ASCENT, DESCENT = 0.95, 0.3
# Between the bars and their labels, and around the whole drawing.
LABEL_GAP, MARGIN = 6, 4
# Upright bars: a label wraps to at most MAX_LINES lines under its group, else it is
# turned, and then wraps to lines of ROTATED_LINE_WIDTH, at most MAX_ROTATED_LINES.
MAX_LINES = 3
ROTATION = -45
ROTATED_LINE_WIDTH = 200
MAX_ROTATED_LINES = 2
# Bars across: how thick a bar is, the space between groups, the label column's share of
# the width, and how many lines a label there may take.
BAR_THICKNESS, GROUP_GAP, LABEL_COLUMN = 18, 8, 0.4
MAX_LABEL_LINES = 3
# Measured widths are multiplied by this, as fallback fonts run wider than Fira Sans.
SAFETY = 1.12

# Advance widths of Fira Sans Regular in em, grouped; anything else counts as 0.62.
_WIDTHS = {
    **dict.fromkeys(" .,:;!'|", 0.27),
    **dict.fromkeys("ijlIJ()[]", 0.33),
    **dict.fromkeys("frt-", 0.4),
    **dict.fromkeys("cszSJ17", 0.5),
    **dict.fromkeys("mwMW%&@", 0.86),
    **dict.fromkeys("ABCDEFGHKLNOPQRTUVXYZÄÖÜ", 0.7),
}
_DEFAULT_WIDTH = 0.62
_ELLIPSIS = "…"

Rows = list[tuple[str, list[float | int | Decimal]]]
Box = tuple[float, float, float, float]


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """How wide `text` is drawn, in user units (an estimate on the safe side)."""
    return SAFETY * font_size * sum(_WIDTHS.get(c, _DEFAULT_WIDTH) for c in text)


def wrap(text: str, width: float) -> list[str]:
    """Greedy word wrap; a word wider than `width` stands on a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _shorten(lines: list[str], count: int, width: float) -> tuple[str, ...]:
    """The first `count` lines, each at most `width` wide; where text was left out, the
    line ends in an ellipsis."""
    shown = []
    for i, line in enumerate(lines[:count]):
        cut = i == count - 1 and len(lines) > count
        if not cut and text_width(line) <= width:
            shown.append(line)
            continue
        while line and text_width(line + _ELLIPSIS) > width:
            line = line[:-1].rstrip()
        shown.append(line + _ELLIPSIS)
    return tuple(shown)


def format_value(value: float, decimals: int = 0, unit: str = "") -> str:
    """A value as people read it in the active language ("1.234,50 €", "87 %")."""
    number = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}{unit}" if unit else number


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    series: int = 0
    series_label: str = ""
    value_text: str = ""

    @property
    def title(self) -> str:
        """The tooltip: full label, series and value ("2024 – Entries: 12")."""
        series = f" – {self.series_label}" if self.series_label else ""
        return f"{self.label}{series}: {self.value_text}"


@dataclass(frozen=True)
class Label:
    """Text of the chart: lines from (x, y) downwards, turned by `angle` degrees around
    (x, y); `box` is what it covers in the viewBox (x0, y0, x1, y1)."""

    text: str
    lines: tuple[str, ...]
    x: float
    y: float
    angle: int
    anchor: str
    box: Box

    @property
    def line_offsets(self) -> list[tuple[str, int]]:
        """Each line with its distance below the one before, for <tspan dy>."""
        return [(line, 0 if i == 0 else LINE_HEIGHT) for i, line in enumerate(self.lines)]

    @property
    def is_shortened(self) -> bool:
        return " ".join(self.lines) != " ".join(self.text.split())


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: float
    height: float
    max_value: float
    labels: list[Label]
    # Values written at the end of bars across.
    value_labels: list[Label]
    font_size: int = FONT_SIZE

    @property
    def rotated(self) -> bool:
        return any(label.angle for label in self.labels)


def text_box(x: float, y: float, lines, anchor: str, angle: float = 0) -> Box:
    """The box around lines of text anchored at (x, y) and turned by `angle` around it."""
    widest = max(text_width(line) for line in lines)
    left = {"start": 0.0, "middle": -widest / 2, "end": -widest}[anchor]
    top = -ASCENT * FONT_SIZE
    bottom = (len(lines) - 1) * LINE_HEIGHT + DESCENT * FONT_SIZE
    corners = [(left, top), (left + widest, top), (left, bottom), (left + widest, bottom)]
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    turned = [(x + dx * cos - dy * sin, y + dx * sin + dy * cos) for dx, dy in corners]
    xs, ys = [p[0] for p in turned], [p[1] for p in turned]
    return (min(xs), min(ys), max(xs), max(ys))


def _label(text, lines, x, y, angle, anchor) -> Label:
    x, y = round(x, 1), round(y, 1)
    return Label(text, tuple(lines), x, y, angle, anchor, text_box(x, y, lines, anchor, angle))


def _scale_top(rows: Rows, max_value: float | None) -> float:
    values = [float(v) for _, row in rows for v in row]
    return max_value or max(values, default=0) or 1.0


def _series_label(series: tuple[str, ...], j: int) -> str:
    return str(series[j]) if j < len(series) else ""


def bar_chart(
    rows: Rows,
    *,
    width: int | None = None,
    plot_height: int = 200,
    max_value: float | None = None,
    series: tuple[str, ...] = (),
    decimals: int = 0,
    unit: str = "",
) -> BarChart:
    """Upright bars, one group per row label and one bar per series value in the row.

    `max_value` fixes the top of the scale (100 for percentages) instead of the largest;
    `series` names the values of a row, `decimals` and `unit` say how values are written
    (both for the bars' tooltips). The chart is `width` wide (by default 56 per group,
    320 to 640) or wider if turned labels need it, and as high as its labels need below
    the `plot_height` of the bars.
    """
    max_value = _scale_top(rows, max_value)
    width = width or min(max(56 * len(rows), 320), 640)
    group_width = width / max(len(rows), 1)
    bottom = MARGIN + plot_height
    texts = [str(label) for label, _row in rows]
    centres = [i * group_width + group_width / 2 for i in range(len(rows))]
    room = group_width - 2 * MARGIN
    wrapped = [wrap(text, room) for text in texts]
    upright = all(
        len(lines) <= MAX_LINES and all(text_width(line) <= room for line in lines)
        for lines in wrapped
    )
    baseline = bottom + LABEL_GAP + ASCENT * FONT_SIZE
    if upright:
        labels = [
            _label(text, lines, x, baseline, 0, "middle")
            for text, lines, x in zip(texts, wrapped, centres, strict=True)
        ]
    else:
        # Turned text ends under the middle of its group and runs down to the left.
        labels = [
            _label(
                text,
                _shorten(wrap(text, ROTATED_LINE_WIDTH), MAX_ROTATED_LINES, ROTATED_LINE_WIDTH),
                x,
                baseline,
                ROTATION,
                "end",
            )
            for text, x in zip(texts, centres, strict=True)
        ]
    # Move everything right by what the labels need on the left; widen for the right.
    shift = math.ceil(max([MARGIN - label.box[0] for label in labels] + [0.0]))
    if shift:
        labels = [
            _label(la.text, la.lines, la.x + shift, la.y, la.angle, la.anchor) for la in labels
        ]
    chart_width = max([width + shift] + [label.box[2] + MARGIN for label in labels])
    chart_height = max([bottom + MARGIN] + [label.box[3] + MARGIN for label in labels])

    bars = []
    for i, (label, row) in enumerate(rows):
        bar_width = group_width * 0.8 / max(len(row), 1)
        for j, value in enumerate(row):
            h = plot_height * float(value) / max_value
            x = shift + i * group_width + group_width * 0.1 + j * bar_width
            bars.append(
                Bar(
                    str(label),
                    float(value),
                    round(x, 1),
                    round(bottom - h, 1),
                    round(bar_width - 2, 1),
                    round(h, 1),
                    j,
                    _series_label(series, j),
                    format_value(float(value), decimals, unit),
                )
            )
    return BarChart(bars, math.ceil(chart_width), math.ceil(chart_height), max_value, labels, [])


def bars_across(
    rows: Rows,
    *,
    width: int = 480,
    max_value: float | None = None,
    series: tuple[str, ...] = (),
    decimals: int = 0,
    unit: str = "",
) -> BarChart:
    """Horizontal bars, one group per row: its label (wrapped) in a column on the left,
    each value written at the end of its bar; arguments as for `bar_chart`. As high as
    the rows need."""
    max_value = _scale_top(rows, max_value)
    column = width * LABEL_COLUMN
    label_right = MARGIN + column
    plot_left = label_right + LABEL_GAP
    values = [[format_value(float(v), decimals, unit) for v in row] for _label, row in rows]
    widest_value = max((text_width(v) for row in values for v in row), default=0.0)
    plot_width = width - plot_left - LABEL_GAP - widest_value - MARGIN
    bars, labels, value_labels = [], [], []
    top = MARGIN
    for (label, row), texts in zip(rows, values, strict=True):
        text = str(label)
        lines = _shorten(wrap(text, column), MAX_LABEL_LINES, column)
        thickness = max(len(row), 1) * BAR_THICKNESS
        text_height = (len(lines) - 1) * LINE_HEIGHT + (ASCENT + DESCENT) * FONT_SIZE
        group_height = max(thickness, text_height)
        for j, (value, value_text) in enumerate(zip(row, texts, strict=True)):
            length = plot_width * float(value) / max_value
            y = top + (group_height - thickness) / 2 + j * BAR_THICKNESS
            bars.append(
                Bar(
                    text,
                    float(value),
                    round(plot_left, 1),
                    round(y, 1),
                    round(length, 1),
                    BAR_THICKNESS - 2,
                    j,
                    _series_label(series, j),
                    value_text,
                )
            )
            # The value beside its bar, on the bar's middle line.
            middle = y + (BAR_THICKNESS - 2) / 2 + (ASCENT - DESCENT) / 2 * FONT_SIZE
            value_labels.append(
                _label(value_text, [value_text], plot_left + length + LABEL_GAP, middle, 0, "start")
            )
        baseline = top + (group_height - text_height) / 2 + ASCENT * FONT_SIZE
        labels.append(_label(text, lines, label_right, baseline, 0, "end"))
        top += group_height + GROUP_GAP
    height = top - GROUP_GAP + MARGIN
    return BarChart(bars, width, math.ceil(height), max_value, labels, value_labels)
