import pytest
from django.utils import translation

from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import export_person_data, record_consent, withdraw_consent
from knotenpunkt.website.models import PortraitIndexPage, PortraitPage
from knotenpunkt.website.models.pages import PortraitConsentMissing
from knotenpunkt.website.services.sites import home_pages
from tests.factories import PersonFactory, PositionFactory
from tests.website.conftest import HOST_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(member_org):
    person = PersonFactory(first_name="Frauke", last_name="Friedrichsen")
    PositionFactory(person=person, organisation=member_org, function="ceo")
    return person


def draft_portrait(site_a, person, member_org):
    home = next(p for p in home_pages(site_a) if p.locale.language_code == "de")
    index = PortraitIndexPage.objects.descendant_of(home).get()
    portrait = index.add_child(
        instance=PortraitPage(
            title="Frauke Friedrichsen",
            teaser="Gründerin",
            series=PortraitPage.Series.WOMEN_IN_TECH,
            person=person,
            organisation=member_org,
            live=False,
            locale=index.locale,
        )
    )
    return portrait


def test_portrait_without_consent_cannot_be_published(site_a, person, member_org):
    portrait = draft_portrait(site_a, person, member_org)
    with translation.override("en"), pytest.raises(PortraitConsentMissing, match="consented"):
        portrait.save_revision().publish()
    portrait.refresh_from_db()
    assert not portrait.live


def test_portrait_with_consent_is_published_and_shown_on_the_organisation_page(
    client, site_a, person, member_org
):
    record_consent(person, Consent.Purpose.PORTRAIT, True, source="interview form")
    portrait = draft_portrait(site_a, person, member_org)
    portrait.save_revision().publish()
    portrait.refresh_from_db()
    assert portrait.live
    assert client.get(portrait.url, HTTP_HOST=HOST_A).status_code == 200
    page = client.get(member_org.get_absolute_url())
    assert portrait.url in page.text


def test_withdrawn_consent_unpublishes_the_portrait(site_a, person, member_org):
    record_consent(person, Consent.Purpose.PORTRAIT, True, source="interview form")
    portrait = draft_portrait(site_a, person, member_org)
    portrait.save_revision().publish()
    assert withdraw_consent(None, person, Consent.Purpose.PORTRAIT)
    portrait.refresh_from_db()
    assert not portrait.live


def test_export_lists_portraits_and_erasure_unpublishes_and_unlinks(site_a, person, member_org):
    from knotenpunkt.privacy.services import erase_person

    record_consent(person, Consent.Purpose.PORTRAIT, True, source="interview form")
    portrait = draft_portrait(site_a, person, member_org)
    portrait.save_revision().publish()
    exported = export_person_data(None, person)["website"]["portraits"]
    assert [p["title"] for p in exported] == ["Frauke Friedrichsen"] and exported[0]["published"]
    erase_person(None, person)
    portrait.refresh_from_db()
    assert not portrait.live and portrait.person_id is None
