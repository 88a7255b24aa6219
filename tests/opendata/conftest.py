"""Two clusters with public and non-public data of every kind the datasets read."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.directory.models import Region
from knotenpunkt.events.models import Event
from knotenpunkt.opendata.models import Dataset
from knotenpunkt.opendata.services.datasets import create_dataset, update_dataset
from knotenpunkt.opendata.services.distributions import refresh_dataset
from tests.factories import (
    ClusterFactory,
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

FORMULA = '=HYPERLINK("http://evil.example","Klick")'


@pytest.fixture
def cluster(db):
    """In Kiel (Schleswig-Holstein), as the demo's digital cluster."""
    return ClusterFactory(
        name="DiWiSH Digitale Wirtschaft",
        slug="diwish",
        postcode="24103",
        city="Kiel",
        email="info@diwish.example",
        website="https://diwish.example",
    )


@pytest.fixture
def other_cluster(db):
    """In Hamburg."""
    return ClusterFactory(name="Logistik-Initiative", slug="logistik", postcode="22767")


@pytest.fixture
def member_org(cluster):
    kiel = Region.objects.get(ags="01002")
    org = OrganisationFactory(
        name="Nordlicht Software GmbH",
        slug="nordlicht",
        region=kiel,
        website="https://nordlicht.example",
    )
    MembershipFactory(organisation=org, cluster=cluster)
    person = PersonFactory(first_name="Berta", last_name="Geheimnis")
    PositionFactory(person=person, organisation=org)
    return org


@pytest.fixture
def public_data(cluster, other_cluster, member_org):
    """What the datasets may show, and beside it what they must not."""
    hamburg = Region.objects.filter(ags__startswith="02").first()
    formula_org = OrganisationFactory(name=FORMULA, slug="formel", region=member_org.region)
    MembershipFactory(organisation=formula_org, cluster=cluster)
    unlisted = OrganisationFactory(name="Verborgen GmbH", slug="verborgen", is_listed=False)
    MembershipFactory(organisation=unlisted, cluster=cluster)
    former = OrganisationFactory(name="Ehemals GmbH", slug="ehemals")
    MembershipFactory(
        organisation=former,
        cluster=cluster,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    elsewhere = OrganisationFactory(name="Hafen Hamburg GmbH", slug="hafen", region=hamburg)
    MembershipFactory(organisation=elsewhere, cluster=other_cluster)
    EventFactory(title="Digitalfrühstück Kiel", clusters=[cluster])
    EventFactory(title="Vorstandssitzung", audience=Event.Audience.MEMBERS, clusters=[cluster])
    EventFactory(title="Entwurf Sommerfest", is_published=False, clusters=[cluster])
    EventFactory(
        title="Online-Sprechstunde",
        format=Event.Format.ONLINE,
        join_url="https://meet.example/geheim",
        clusters=[cluster],
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    EventFactory(title="Hafenabend", clusters=[other_cluster])
    return member_org


def publish(cluster, kind, **data) -> Dataset:
    """A published dataset with its files generated (the test's transaction never
    commits, so the refresh the service enqueues on commit is run here)."""
    dataset = update_dataset(
        None, create_dataset(None, cluster, kind), {"is_published": True, **data}
    )
    refresh_dataset(dataset)
    return dataset


@pytest.fixture
def other_staff(other_cluster):
    user = UserFactory(email="olga@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user
