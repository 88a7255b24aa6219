"""What the matching tests share: an author organisation outside the cluster, a provider
with a competence profile, and a way to post needs directly (no engine involved)."""

import pytest
from django.utils import translation

from knotenpunkt.directory.models import PersonPhone
from knotenpunkt.matching.models import CompetenceProfile, Need
from tests.factories import (
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def fresh_match_index():
    """Each test's database is new, but the engine's in-memory index lives per process
    (its generation counter restarts at 1 with the emptied cache): forget it."""
    from knotenpunkt.matching.services.indexing import reset_index

    reset_index()
    yield
    reset_index()


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source strings; the German catalogue is checked apart."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def person_with_account(organisation, first_name, last_name, email, *, is_admin=False, phone=""):
    """A person with a login, a primary address and (optionally) a phone, working at
    `organisation`."""
    user = UserFactory(email=email)
    person = PersonFactory(first_name=first_name, last_name=last_name, user=user)
    PersonEmailFactory(person=person, address=email, is_primary=True)
    if phone:
        PersonPhone.objects.create(person=person, number=phone)
    PositionFactory(person=person, organisation=organisation, is_admin=is_admin)
    return user


@pytest.fixture
def roofers(db):
    """A craft firm, not a member of any cluster: it posts needs."""
    return OrganisationFactory(name="Dachdeckerei Holm", slug="dachdeckerei-holm")


@pytest.fixture
def hanna(roofers):
    """The roofers' managing director, author of their needs."""
    return person_with_account(
        roofers, "Hanna", "Holm", "hanna@holm.example", is_admin=True, phone="+494311234567"
    )


@pytest.fixture
def provider_org(db):
    """A software firm (not a cluster member) with a profile on time recording."""
    org = OrganisationFactory(
        name="Zeitwerk Software GmbH",
        slug="zeitwerk",
        description="Zeiterfassung per App für Handwerksbetriebe.",
    )
    CompetenceProfile.objects.create(
        organisation=org,
        offer=(
            "Wir entwickeln eine App zur mobilen Zeiterfassung für Handwerksbetriebe: "
            "Arbeitszeiten, Stundenzettel und Baustellendokumentation digital erfassen."
        ),
        technologies="Android\niOS",
    )
    return org


@pytest.fixture
def paul(provider_org):
    """The provider's admin, who answers needs."""
    return person_with_account(
        provider_org,
        "Paul",
        "Peters",
        "paul@zeitwerk.example",
        is_admin=True,
        phone="+494317654321",
    )


@pytest.fixture
def make_need(roofers, cluster):
    def make(hanna_user=None, **fields):
        values = {
            "cluster": cluster,
            "organisation": roofers,
            "title": "Stundenzettel gehen verloren",
            "text": "Unsere Dachdecker schreiben ihre Stunden auf Zettel, die verloren gehen.",
            "visibility": Need.Visibility.PUBLIC,
        }
        values.update(fields)
        if hanna_user is not None:
            values["author"] = hanna_user.person
        return Need.objects.create(**values)

    return make
