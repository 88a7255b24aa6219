import datetime

import pytest
from django.utils import translation

from knotenpunkt.procurement.services.advisor import advise

DAY = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source strings; the German catalogue is checked apart."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _uploads_in_tmp(private_files_in_tmp):
    """Offering documents and quote files of these tests go to tmp_path."""


@pytest.fixture
def advice_for(db):
    """Advice on the seeded thresholds, on a fixed day in 2026 unless told otherwise."""

    def _advise(jurisdiction, authority, category="services", **kwargs):
        kwargs.setdefault("date", DAY)
        return advise(jurisdiction, authority, category, **kwargs)

    return _advise


# --- people and organisations of the one-stop shop ---


def person_with_account(organisation, first_name, last_name, email, *, is_admin=False):
    """A person with a login and a primary address, working at `organisation`."""
    from tests.factories import PersonEmailFactory, PersonFactory, PositionFactory, UserFactory

    user = UserFactory(email=email)
    person = PersonFactory(first_name=first_name, last_name=last_name, user=user)
    PersonEmailFactory(person=person, address=email, is_primary=True)
    PositionFactory(person=person, organisation=organisation, is_admin=is_admin)
    return user


@pytest.fixture
def shop_cluster(db):
    from tests.factories import ClusterFactory

    return ClusterFactory(name="Digitalcluster Nord", slug="digitalcluster-nord")


@pytest.fixture
def shop_staff(shop_cluster):
    """Cluster staff: reviews listings and verifies buyers."""
    from tests.factories import UserFactory

    user = UserFactory(email="sina@cluster.example")
    shop_cluster.staff.add(user)
    return user


@pytest.fixture
def provider(shop_cluster):
    """A member firm that lists offerings."""
    from tests.factories import MembershipFactory, OrganisationFactory

    firm = OrganisationFactory(name="Termin Nord GmbH", slug="termin-nord")
    MembershipFactory(organisation=firm, cluster=shop_cluster)
    return firm


@pytest.fixture
def provider_admin(provider):
    return person_with_account(provider, "Pia", "Peters", "pia@termin-nord.example", is_admin=True)


@pytest.fixture
def provider_employee(provider):
    return person_with_account(provider, "Paul", "Prahl", "paul@termin-nord.example")


@pytest.fixture
def other_provider(shop_cluster):
    from tests.factories import MembershipFactory, OrganisationFactory

    firm = OrganisationFactory(name="Akte Digital GmbH", slug="akte-digital")
    MembershipFactory(organisation=firm, cluster=shop_cluster)
    return firm


@pytest.fixture
def other_provider_admin(other_provider):
    return person_with_account(
        other_provider, "Otto", "Ohm", "otto@akte-digital.example", is_admin=True
    )


def make_buyer(
    name,
    slug,
    *,
    jurisdiction="SH",
    authority_kind="municipal",
    verified=True,
    leitweg_id="01002000-KIEL1-87",
):
    """A public body registered as buyer (verified unless told otherwise)."""
    from django.utils import timezone

    from knotenpunkt.directory.models import Organisation
    from knotenpunkt.procurement.models import PublicBuyer
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(
        name=name, slug=slug, actor_type=Organisation.ActorType.PUBLIC, legal_form="public"
    )
    return PublicBuyer.objects.create(
        organisation=organisation,
        jurisdiction=jurisdiction,
        authority_kind=authority_kind,
        leitweg_id=leitweg_id,
        invoice_email=f"rechnung@{slug}.example",
        verified_at=timezone.now() if verified else None,
    )


@pytest.fixture
def buyer(db):
    """The city of Kiel, a verified municipal buyer under Schleswig-Holstein law."""
    return make_buyer("Landeshauptstadt Kiel", "kiel")


@pytest.fixture
def buyer_user(buyer):
    return person_with_account(buyer.organisation, "Bea", "Berg", "bea@kiel.example")


@pytest.fixture
def unverified_buyer(db):
    return make_buyer("Gemeinde Wahlstedt", "wahlstedt", verified=False)


@pytest.fixture
def unverified_buyer_user(unverified_buyer):
    return person_with_account(unverified_buyer.organisation, "Uwe", "Ulm", "uwe@wahlstedt.example")
