"""The documentation file (Vergabevermerk, § 6 UVgO) as PDF: what it must contain."""

import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.utils import timezone

from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.documentation import (
    documentation_html,
    documentation_pdf,
)
from knotenpunkt.procurement.services.orders import record_order
from tests.procurement.test_requests import close_deadline, sent_request


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def awarded(buyer, buyer_user, provider, provider_admin, other_provider, other_provider_admin):
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="Terminbuchung Bürgeramt Mitte",
        offering_category="appointments",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("800"),
        ordered_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    quote_request = sent_request(buyer, buyer_user, [provider, other_provider])
    akte, termin = quote_request.invitations.order_by("provider__name")
    services.submit_quote(
        other_provider_admin, akte, net_price=Decimal("3450.50"), description="Akte offer"
    )
    services.decline_invitation(provider_admin, termin, "Keine Kapazität")
    close_deadline(quote_request)
    services.award(buyer_user, quote_request, akte.quote, reason="Einziges wertbares Angebot")
    quote_request.refresh_from_db()
    return quote_request


def test_the_pdf_documents_need_estimate_procedure_firms_offers_and_award(awarded):
    text = _text(documentation_pdf(awarded))
    # German document, whoever downloads it.
    assert "Vergabevermerk" in text or "§ 6 UVgO" in text
    assert "Landeshauptstadt Kiel" in text
    assert "Online appointment booking" in text
    assert "Citizens book appointments" in text
    # Estimate: 4,000 + the related order of 800 = 4,800 EUR (German number format).
    assert "Terminbuchung Bürgeramt Mitte" in text
    assert "800,00" in text
    assert "4.800,00" in text
    # Procedure (its name, not its code) and basis.
    assert "Direktauftrag" in text
    assert "(DA)" not in text
    basis = awarded.advice["de"]["basis"][0]
    assert " ".join(basis.split())[:40] in text
    # Firms asked, why, and their answers.
    assert "Akte Digital GmbH" in text
    assert "Termin Nord GmbH" in text
    assert "chosen by the administration from the catalogue: Termin 0" in text
    assert "3.450,50" in text
    assert "Keine Kapazität" in text
    # The decision.
    assert "Einziges wertbares Angebot" in text
    assert "Bea Berg" in text


def test_the_pdf_is_tagged_for_screen_readers_in_german(awarded):
    reader = pypdf.PdfReader(io.BytesIO(documentation_pdf(awarded)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"


def test_the_pdf_says_it_is_decision_support(awarded):
    html = documentation_html(awarded)
    assert "decision support, not legal advice" in html or "keine Rechtsberatung" in html


def test_quotes_are_not_in_the_documentation_before_the_deadline(
    buyer, buyer_user, provider, provider_admin
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    services.submit_quote(
        provider_admin,
        quote_request.invitations.get(),
        net_price=Decimal("4321.00"),
        description="Geheimes Angebot",
    )
    html = documentation_html(quote_request)
    assert "4.321,00" not in html
    assert "Geheimes Angebot" not in html
    assert "Termin Nord GmbH" in html
