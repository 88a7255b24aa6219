"""A person's membership data in the DSGVO export, and what erasure removes or keeps."""

from datetime import date

import pytest

from knotenpunkt.directory.models import Person
from knotenpunkt.memberships.models import DirectDebitSettings, Mandate, MembershipApplication
from knotenpunkt.memberships.personal_data import erase_person, export_person
from knotenpunkt.memberships.services.mandates import enter_paper_mandate, revoke_mandate
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _mandate(cluster, organisation, signed_by):
    return enter_paper_mandate(
        None,
        organisation,
        cluster,
        signed_on=date(2025, 12, 1),
        account_holder=organisation.name,
        iban="DE89370400440532013000",
        street="Holtenauer Straße 1",
        postcode="24105",
        city="Kiel",
        signed_by=signed_by,
    )


def test_export_lists_applications_and_signed_mandates_erasure_keeps_the_active_one(
    cluster, seller, member_org, bob
):
    DirectDebitSettings.objects.create(cluster=cluster, creditor_id="DE98ZZZ09999999999")
    prospect = OrganisationFactory(name="Fjord Robotics GmbH")
    MembershipApplication.objects.create(
        cluster=cluster,
        organisation=prospect,
        applicant=bob,
        kind="paying",
        size_class="micro",
        start_date=date(2027, 1, 1),
        motivation="Austausch zu Robotik",
    )
    old = _mandate(cluster, member_org, "Bob Brandt")
    revoke_mandate(None, old, "Kontowechsel")
    current = _mandate(cluster, member_org, "Bob Brandt")
    person = Person.objects.get(user=bob)

    exported = export_person(person)
    assert exported["applications"][0]["motivation"] == "Austausch zu Robotik"
    assert {m["reference"] for m in exported["mandates_signed"]} == {
        old.reference,
        current.reference,
    }

    erase_person(person)
    assert MembershipApplication.objects.get().applicant is None
    assert Mandate.objects.get(pk=old.pk).signed_by == "–"
    # The mandate in force is the legal basis of the next debit: it keeps its signatory.
    assert Mandate.objects.get(pk=current.pk).signed_by == "Bob Brandt"
