from knotenpunkt.core.registry import merge_relations, personal_data_providers
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.privacy.services import erase_person
from tests.factories import PersonFactory


def test_invoice_links_are_registered_for_the_merge():
    assert ("invoicing.Invoice", "person") in {
        (r.model, r.field) for r in merge_relations("person")
    }
    assert ("invoicing.Invoice", "organisation") in {
        (r.model, r.field) for r in merge_relations("organisation")
    }


def test_a_persons_invoices_are_part_of_the_data_export(issue):
    person = PersonFactory()
    invoice = issue(person=person)
    provider = next(p for p in personal_data_providers() if p.key == "invoices")
    assert provider.export(person)[0]["number"] == invoice.number


def test_erasure_keeps_the_invoices_for_the_retention_period(issue, alice):
    person = PersonFactory()
    invoice = issue(person=person)
    erase_person(alice, person)
    invoice.refresh_from_db()
    assert Invoice.objects.filter(pk=invoice.pk).exists()
    assert invoice.buyer_name == "Nordlicht Software GmbH"
