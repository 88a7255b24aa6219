"""Bar charts as plain SVG geometry, rendered server-side: no JavaScript, no CDN.

Each chart is shown together with a data table, so screen-reader users get the figures.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    series: int = 0


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    max_value: float
    labels: list[tuple[str, float]]


def bar_chart(
    rows: list[tuple[str, list[float | int | Decimal]]],
    *,
    width: int = 640,
    height: int = 220,
    label_height: int = 24,
    max_value: float | None = None,
) -> BarChart:
    """Vertical bars, one group per row label and one bar per series value in the row;
    `max_value` fixes the top of the scale (100 for percentages) instead of the largest."""
    values = [float(v) for _, series in rows for v in series]
    max_value = max_value or max(values, default=0) or 1.0
    group_width = width / max(len(rows), 1)
    plot_height = height - label_height
    bars, labels = [], []
    for i, (label, series) in enumerate(rows):
        n = max(len(series), 1)
        bar_width = group_width * 0.8 / n
        for j, value in enumerate(series):
            h = plot_height * float(value) / max_value
            x = i * group_width + group_width * 0.1 + j * bar_width
            bars.append(
                Bar(
                    label,
                    float(value),
                    round(x, 1),
                    round(plot_height - h, 1),
                    round(bar_width - 2, 1),
                    round(h, 1),
                    j,
                )
            )
        labels.append((label, round(i * group_width + group_width / 2, 1)))
    return BarChart(bars, width, height, max_value, labels)
