"""Invoices, cancellations and tickets are DIN 5008 letters: the recipient's address lies in
the window of a window envelope (form A or B, settings.LETTER_FORM), and one font family
is used throughout, the page footer included. Positions are read back from the PDF."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from knotenpunkt.core.letters import FORMS
from knotenpunkt.events.services.tickets import ticket_pdf
from knotenpunkt.invoicing.services import Line, cancel_invoice
from knotenpunkt.invoicing.services.documents import invoice_pdf
from tests.factories import EventFactory, OrganisationFactory, RegistrationFactory

POINT = 25.4 / 72  # millimetres per PDF point


def _fragments(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """The text pieces of a page with their baseline start in mm from the top-left corner."""
    sheet = PdfReader(BytesIO(pdf)).pages[page]
    height = float(sheet.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x * POINT, (height - y) * POINT))

    sheet.extract_text(visitor_text=visit)
    return found


def _position(pdf: bytes, text: str) -> tuple[float, float]:
    """Where `text` first appears on the first page, from the top."""
    matches = [(y, x) for piece, x, y in _fragments(pdf) if text in piece]
    assert matches, f"{text!r} not on the first page"
    y, x = min(matches)
    return x, y


def _assert_in_address_zone(pdf: bytes, form: str, *lines: str) -> None:
    """Each line's baseline lies in the window's address zone, its text starts inside
    the window (85 mm from 20 mm) and capitals (2.6 mm at 10 pt) do not rise above it."""
    layout = FORMS[form]
    for text in lines:
        x, baseline = _position(pdf, text)
        assert 20 <= x <= 20 + 85 - 30, (text, x)
        assert float(layout.address_top) + 2.6 <= baseline <= float(layout.window_bottom), (
            text,
            baseline,
            form,
        )


def _font_families(pdf: bytes) -> set[str]:
    families = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            # "/XKQQSR+DejaVu-Sans-Bold": subset tag, family, style.
            name = str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
            families.add(re.sub(r"-(Bold|Oblique|Italic|BoldOblique|BoldItalic)$", "", name))
    return families


@pytest.mark.parametrize("form", ["A", "B"])
def test_invoice_address_lies_in_the_din_5008_window(issue, settings, form):
    settings.LETTER_FORM = form
    pdf = invoice_pdf(issue())
    _assert_in_address_zone(
        pdf, form, "Nordlicht Software GmbH", "Holtenauer Straße 1", "24105 Kiel"
    )


@pytest.mark.parametrize("form", ["A", "B"])
def test_return_line_lies_in_the_window_above_the_address(issue, settings, form):
    settings.LETTER_FORM = form
    pdf = invoice_pdf(issue())
    layout = FORMS[form]
    x, baseline = _position(pdf, "e.V. · Lorentzendamm 24")
    assert 20 <= x <= 105
    assert float(layout.window_top) < baseline <= float(layout.address_top)


def test_forms_a_and_b_place_the_address_23_mm_apart(issue, settings):
    # The field starts 18 mm lower in form B, and its notes zone is 5 mm higher.
    invoice = issue()
    positions = {}
    for form in ("A", "B"):
        settings.LETTER_FORM = form
        positions[form] = _position(invoice_pdf(invoice), "Nordlicht Software GmbH")[1]
    assert positions["B"] - positions["A"] == pytest.approx(23, abs=0.1)


@pytest.mark.parametrize("form", ["A", "B"])
def test_cancellation_address_lies_in_the_din_5008_window(issue, settings, alice, form):
    settings.LETTER_FORM = form
    pdf = invoice_pdf(cancel_invoice(alice, issue(), "Doppelt"))
    _assert_in_address_zone(pdf, form, "Nordlicht Software GmbH", "24105 Kiel")


def test_invoice_text_starts_below_the_address_field(issue, settings):
    settings.LETTER_FORM = "B"
    invoice = issue()
    _, heading = _position(invoice_pdf(invoice), f"Rechnung {invoice.number}")
    assert heading > float(FORMS["B"].window_bottom)


def test_invoice_letterhead_writes_the_phone_number_as_din_5008_does(seller, issue):
    seller.cluster.phone = "+49431987650"
    seller.cluster.save()
    text = " ".join(piece for piece, _, _ in _fragments(invoice_pdf(issue())))
    assert "+49 431 987650" in text
    assert "+49431987650" not in text


def test_invoice_uses_one_font_family_footer_included(issue):
    # Enough lines for a second page: its footer (page number) is drawn there too.
    lines = [Line(f"Leistung {n}", Decimal("1"), Decimal("10"), Decimal("19")) for n in range(60)]
    pdf = invoice_pdf(issue(lines=lines))
    assert len(PdfReader(BytesIO(pdf)).pages) >= 2
    assert _font_families(pdf) == {"DejaVu-Sans"}
    footer = [piece for piece, _, y in _fragments(pdf, page=1) if y > 272]
    assert any("Seite 2 / " in piece for piece in footer), footer


@pytest.fixture
def registration(db, seller):
    organisation = OrganisationFactory(
        name="Nordlicht Software GmbH", street="Holtenauer Straße 1", postcode="24105"
    )
    event = EventFactory(clusters=[seller.cluster])
    return RegistrationFactory(
        ticket_type__event=event,
        person__first_name="Erika",
        person__last_name="Mustermann",
        organisation=organisation,
    )


@pytest.mark.parametrize("form", ["A", "B"])
def test_ticket_address_lies_in_the_din_5008_window(registration, settings, form):
    settings.LETTER_FORM = form
    pdf = ticket_pdf(registration)
    _assert_in_address_zone(
        pdf,
        form,
        "Erika Mustermann",
        "Nordlicht Software GmbH",
        "Holtenauer Straße 1",
        "24105 Kiel",
    )


def test_ticket_uses_one_font_family(registration):
    assert _font_families(ticket_pdf(registration)) == {"DejaVu-Sans"}
