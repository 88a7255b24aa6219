"""Bar charts: every label inside the drawing, every bar telling its full label and value.

The box of each label is computed from the SVG as rendered (its position, anchor, turn
and lines), so the test checks what a browser is given, not just the layout's numbers.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from knotenpunkt.core.charts import bar_chart, bars_across, text_box, text_width

SVG = "{http://www.w3.org/2000/svg}"

# The completeness fields of the quality dashboard, as German staff read them.
FIELDS = [
    "Rechtsform",
    "Größe",
    "Wirtschaftszweig (WZ 2008)",
    "Straße und Hausnummer",
    "Postleitzahl",
    "Ort",
    "Website",
    "Allgemeine E-Mail-Adresse",
    "Telefon",
    "Beschreibung",
    "Logo",
    "Registernummer",
    "Umsatzsteuer-Identifikationsnummer",
    "Beschäftigte",
    "Region (Kreis)",
    "Themen",
]


def rendered(chart):
    with translation.override("de"):
        html = render_to_string(
            "core/bar_chart.html", {"chart": chart, "chart_id": "c", "chart_title": "Titel"}
        )
    # Our own template's output, not untrusted data.
    return ET.fromstring(html.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))  # noqa: S314


def view_box(svg):
    x, y, width, height = (float(n) for n in svg.get("viewBox").split())
    return x, y, x + width, y + height


def label_boxes(svg):
    """(text, box) of every <text> as drawn: its lines, anchor and rotation."""
    for text in svg.iter(f"{SVG}text"):
        lines = [span.text for span in text.iter(f"{SVG}tspan")]
        angle = 0.0
        if text.get("transform"):
            angle = float(re.match(r"rotate\(([-\d.]+)", text.get("transform")).group(1))
        x, y = float(text.get("x")), float(text.get("y"))
        yield " ".join(lines), text_box(x, y, lines, text.get("text-anchor"), angle)


def assert_inside(svg):
    left, top, right, bottom = view_box(svg)
    boxes = list(label_boxes(svg))
    assert boxes
    for text, (x0, y0, x1, y1) in boxes:
        assert left <= x0 and x1 <= right, f"{text!r} sticks out sideways"
        assert top <= y0 and y1 <= bottom, f"{text!r} sticks out at the top or bottom"


def bar_titles(svg):
    return [rect.find(f"{SVG}title").text for rect in svg.iter(f"{SVG}rect")]


def test_long_labels_under_upright_bars_are_turned_and_stay_inside_the_drawing():
    chart = bar_chart([(name, [50]) for name in FIELDS], max_value=100, unit="%")
    assert chart.rotated
    svg = rendered(chart)
    assert_inside(svg)
    # The first label, turned to the lower left, made room for itself on the left.
    assert min(float(r.get("x")) for r in svg.iter(f"{SVG}rect")) > 40


def test_short_labels_stay_upright_and_are_wrapped_under_their_bar():
    rows = [
        ("Wirtschaft und Industrie", [189]),
        ("Forschung und Bildung", [10]),
        ("Politik und öffentliche Verwaltung", [8]),
    ]
    chart = bar_chart(rows)
    assert not chart.rotated
    assert all(len(label.lines) > 1 for label in chart.labels)
    svg = rendered(chart)
    assert_inside(svg)
    shown = [text for text, _box in label_boxes(svg)]
    assert shown == [name for name, _ in rows]  # nothing cut off


def test_each_bar_tells_its_full_label_series_and_value():
    chart = bar_chart(
        [("2024", [12, 3]), ("2025", [1234.5, 0])],
        series=("Eintritte", "Austritte"),
        decimals=2,
        unit="€",
    )
    with translation.override("de"):
        svg = rendered(chart)
    assert "2024 – Eintritte: 12,00\N{NO-BREAK SPACE}€" in bar_titles(svg)
    assert "2025 – Eintritte: 1.234,50\N{NO-BREAK SPACE}€" in bar_titles(svg)


@pytest.mark.parametrize("width", [480, 320])
def test_bars_across_keep_labels_and_values_inside_the_drawing(width):
    chart = bars_across([(name, [100 - i]) for i, name in enumerate(FIELDS)], width=width, unit="%")
    svg = rendered(chart)
    assert_inside(svg)
    titles = bar_titles(svg)
    for name in FIELDS:
        assert any(title.startswith(f"{name}: ") for title in titles)
    assert "Themen: 85\N{NO-BREAK SPACE}%" in titles
    # The bars end before their values.
    for bar, value in zip(chart.bars, chart.value_labels, strict=True):
        assert bar.x + bar.width < value.box[0]


def test_a_label_too_long_for_its_lines_ends_in_an_ellipsis_and_keeps_its_full_text():
    name = "Eine sehr lange Bezeichnung " * 8
    chart = bars_across([(name.strip(), [3])], width=320)
    label = chart.labels[0]
    assert label.lines[-1].endswith("…")
    svg = rendered(chart)
    assert_inside(svg)
    text = next(svg.iter(f"{SVG}text"))
    assert text.find(f"{SVG}title").text == name.strip()
    assert bar_titles(svg) == [f"{name.strip()}: 3"]


def test_a_word_wider_than_the_label_column_is_shortened_to_fit():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
    assert text_width(word) > 320 * 0.4
    svg = rendered(bars_across([(word, [1])], width=320))
    assert_inside(svg)
