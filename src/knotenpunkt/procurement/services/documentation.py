"""The documentation file of a quote request (Vergabevermerk, § 6 UVgO) as a PDF.

It is rendered from what the request stored when it was sent and decided (the frozen
advice, the invitations with their reasons, the quotes, the award), so a later change of
the thresholds or the catalogue does not rewrite it. Always German: it is the record of
a German authority, whoever downloads it.
"""

import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from knotenpunkt.procurement.models.requests import QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services.sealing import quotes_visible


def _invitations(request: QuoteRequest) -> list[QuoteInvitation]:
    invitations = list(
        request.invitations.select_related("provider", "offering_version", "quote").order_by(
            "provider__name"
        )
    )
    for invitation in invitations:
        try:
            invitation.the_quote = invitation.quote
        except QuoteInvitation.quote.RelatedObjectDoesNotExist:
            invitation.the_quote = None
    return invitations


def related_orders(request: QuoteRequest) -> list[dict]:
    """The earlier orders the splitting check added, as stored with the advice."""
    return [
        {
            **order,
            "date": datetime.date.fromisoformat(order["date"]),
            "value": Decimal(order["value"]),
        }
        for order in request.advice.get("related_orders", [])
    ]


def person_name(user) -> str:
    """The name of the person behind a login, else its address."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.email


def documentation_html(request: QuoteRequest, *, include_quotes: bool | None = None) -> str:
    """The documentation as HTML; quotes appear only once they are unsealed, whoever asks
    (`include_quotes=False` leaves them out for a reader who may not see them)."""
    # The seal is not the caller's to lift: `include_quotes=True` before the deadline
    # (a platform admin's has_perm, say) still leaves the quotes out.
    include_quotes = quotes_visible(request) and include_quotes is not False
    advice = request.advice.get("de") or request.advice
    invitations = _invitations(request)
    advice_date = request.advice.get("date")
    with translation.override("de"):
        return render_to_string(
            "procurement/requests/documentation_pdf.html",
            {
                "request": request,
                "buyer": request.buyer,
                "advice": advice,
                "advice_date": advice_date and datetime.date.fromisoformat(advice_date),
                "related_orders": related_orders(request),
                "invitations": invitations,
                "include_quotes": include_quotes,
                "quotes": sorted(
                    (i for i in invitations if include_quotes and i.the_quote is not None),
                    key=lambda i: i.the_quote.net_price,
                ),
                "awarded_by": person_name(request.awarded_by),
                "created_by": person_name(request.created_by),
                "today": timezone.localdate(),
            },
        )


def documentation_pdf(request: QuoteRequest, *, include_quotes: bool | None = None) -> bytes:
    # PDF/UA: a tagged PDF with its structure and language, so that screen readers in the
    # administration read the record as headings, tables and text (BITV 2.0).
    html = HTML(string=documentation_html(request, include_quotes=include_quotes))
    return html.write_pdf(pdf_variant="pdf/ua-1")


def file_name(request: QuoteRequest) -> str:
    return f"vergabevermerk-{request.pk}.pdf"
