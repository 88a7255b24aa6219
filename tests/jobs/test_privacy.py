"""A poster's data: exported, erased without losing the organisation's postings; merges
of organisations and people move postings and digest subscriptions."""

from knotenpunkt.jobs.models import JobDigestSubscription, JobPosting
from knotenpunkt.privacy.services import erase_person, export_person_data
from knotenpunkt.quality.services.merge import merge_organisations, merge_people
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.jobs.conftest import make_posting
from tests.jobs.test_digest import subscribe


def test_the_export_of_a_poster_lists_their_postings_and_digest(bob, member_org):
    make_posting(bob, member_org, contact_name="Bob Brandt", contact_email=bob.email)
    subscribe(bob.person, bob.email, kinds=["thesis"])
    data = export_person_data(None, bob.person)["jobs"]
    (posted,) = data["postings_posted"]
    assert posted["title"] == "Backend-Entwickler:in (Python)"
    assert posted["contact_email"] == bob.email
    assert data["digest"]["email"] == bob.email
    assert data["digest"]["kinds"] == ["thesis"]


def test_erasing_a_poster_keeps_the_posting_without_them(bob, member_org, client):
    posting = make_posting(
        bob,
        member_org,
        contact_name="Bob Brandt",
        contact_email=bob.email,
        application_url="https://nordlicht.example/karriere",
        description="Fragen beantwortet Bob Brandt gern.",
    )
    subscribe(bob.person, bob.email)
    erase_person(None, bob.person)

    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.posted_by is None
    assert posting.contact_name == ""
    assert posting.contact_email == ""
    assert "Bob Brandt" not in posting.description
    assert "Brandt" not in posting.search_document
    assert not JobDigestSubscription.objects.exists()
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 200
    assert "Brandt" not in page.text


def test_merging_organisations_moves_the_postings(bob, member_org, cluster):
    twin = OrganisationFactory(name="Nordlicht Software", slug="nordlicht-2")
    MembershipFactory(organisation=twin, cluster=cluster)
    posting = make_posting(bob, member_org)
    merge_organisations(twin, member_org)
    posting.refresh_from_db()
    assert posting.organisation == twin


def test_merging_people_moves_the_digest_subscription(carol):
    twin = PersonFactory(first_name="Carol", last_name="Clausen")
    subscribe(twin, "carol.privat@example.org")
    merge_people(carol.person, twin)
    assert JobDigestSubscription.objects.get().person == carol.person
