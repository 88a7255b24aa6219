"""Demo invoicing: tax and bank details for the demo clusters and a few sample invoices.

Event tickets are invoiced by the events demo through `create_invoice`; this adds what it
needs (the clusters' invoice settings) and three documents staff can try the pages with:
an XRechnung to a public buyer, a paid invoice, and a cancelled one with its
Stornorechnung. Safe to run again: it does nothing once the settings exist.
"""

from decimal import Decimal

from django.db import transaction

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import InvoiceSettings
from knotenpunkt.invoicing.services import Line, Party, cancel_invoice, create_invoice, mark_paid

# Kiel's Leitweg-ID (01002000-KIEL plus its MOD 97-10 check digits): tests check it with
# the one Leitweg-ID validator, knotenpunkt.invoicing.leitweg.
KIEL_LEITWEG_ID = "01002000-KIEL-39"

SETTINGS = {
    DIGITAL["slug"]: {
        "legal_name": "DiWiSH – Digitale Wirtschaft Schleswig-Holstein e.V.",
        "number_prefix": "DIWISH",
        "vat_id": "DE136695976",
        "tax_number": "20/299/12345",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "bank_name": "Commerzbank Kiel",
        "footer": "Vereinsregister Amtsgericht Kiel VR 1234 · Vorstand: Dr. Maren Petersen",
        # The tax adviser's DATEV numbers (demo values), so the bookkeeping export works.
        "datev_consultant_number": 29098,
        "datev_client_number": 10421,
    },
    MARITIME["slug"]: {
        "legal_name": "Maritimes Cluster Norddeutschland e.V.",
        "number_prefix": "MCN",
        "vat_id": "DE813495425",
        "iban": "DE02200505501015871393",
        "bic": "HASPDEHHXXX",
        "bank_name": "Hamburger Sparkasse",
        "footer": "Vereinsregister Amtsgericht Hamburg VR 5678",
        "datev_consultant_number": 31544,
        "datev_client_number": 2207,
    },
}


@transaction.atomic
def build_invoicing_demo() -> bool:
    """Invoice settings for the demo clusters and three sample invoices; False if done."""
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=SETTINGS)}
    if not clusters or InvoiceSettings.objects.filter(cluster__in=clusters.values()).exists():
        return False
    for slug, cluster in clusters.items():
        InvoiceSettings.objects.create(cluster=cluster, **SETTINGS[slug])
    digital = clusters.get(DIGITAL["slug"])
    if digital is None:
        return True
    workshop = Line(
        "Workshop „KI in der Verwaltung“, 2 Personen",
        Decimal("2"),
        Decimal("180.00"),
        Decimal("19"),
    )
    create_invoice(
        None,
        cluster=digital,
        buyer=Party(
            "Landeshauptstadt Kiel, Amt für Digitalisierung",
            "Fleethörn 9",
            "24103",
            "Kiel",
            email="e-rechnung@kiel.example",
            # The same Leitweg-ID as Kiel's in the procurement demo, with valid check digits.
            leitweg_id=KIEL_LEITWEG_ID,
        ),
        lines=[workshop],
    )
    congress = Line(
        "IT-Strategiekongress, Ticket Mitglied", Decimal("1"), Decimal("290.00"), Decimal("19")
    )
    buyer = Party(
        "Nordlicht Software GmbH",
        "Holtenauer Straße 1",
        "24105",
        "Kiel",
        email="buchhaltung@nordlicht.example",
    )
    mark_paid(
        None,
        create_invoice(None, cluster=digital, buyer=buyer, lines=[congress]),
        clock.today(),
    )
    cancel_invoice(
        None,
        create_invoice(None, cluster=digital, buyer=buyer, lines=[congress]),
        "Doppelte Anmeldung",
    )
    return True
