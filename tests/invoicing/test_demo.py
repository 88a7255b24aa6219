from knotenpunkt.demo.invoicing import KIEL_LEITWEG_ID, build_invoicing_demo
from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.invoicing.leitweg import is_valid_leitweg_id
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.datev import datev_export
from knotenpunkt.invoicing.services.einvoice import xrechnung_problems
from tests.factories import ClusterFactory


def _digital_cluster():
    return ClusterFactory(
        slug=DIGITAL["slug"],
        name=DIGITAL["name"],
        street=DIGITAL["street"],
        postcode=DIGITAL["postcode"],
        city=DIGITAL["city"],
        email=DIGITAL["email"],
        phone=DIGITAL["phone"],
    )


def test_demo_issues_an_xrechnung_a_paid_and_a_cancelled_invoice(db):
    _digital_cluster()
    build_invoicing_demo()
    assert Invoice.objects.exclude(buyer_leitweg_id="").count() == 1
    assert Invoice.objects.filter(status=Invoice.Status.PAID).count() == 1
    assert Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).count() == 1


def test_demo_runs_only_once(db):
    _digital_cluster()
    build_invoicing_demo()
    assert build_invoicing_demo() is False
    assert Invoice.objects.count() == 4


def test_demo_leitweg_id_passes_the_leitweg_validator():
    assert is_valid_leitweg_id(KIEL_LEITWEG_ID)


def test_demo_xrechnung_meets_the_german_rules(db):
    _digital_cluster()
    build_invoicing_demo()
    xrechnung = Invoice.objects.exclude(buyer_leitweg_id="").get()
    assert xrechnung.buyer_leitweg_id == KIEL_LEITWEG_ID
    assert xrechnung_problems(xrechnung) == []


def test_demo_cluster_exports_its_invoices_to_datev(db):
    """The demo's bookkeeping export works out of the box: the tax adviser's numbers are set."""
    cluster = _digital_cluster()
    build_invoicing_demo()
    year = Invoice.objects.filter(cluster=cluster).values_list("year", flat=True).first()
    export = datev_export(cluster, year)
    lines = export.bookings.decode("cp1252").split("\r\n")
    assert lines[0].startswith('"EXTF";700;21;"Buchungsstapel";13;')
    numbers = set(Invoice.objects.filter(cluster=cluster).values_list("number", flat=True))
    assert {number for number in numbers if number in export.bookings.decode("cp1252")} == numbers
